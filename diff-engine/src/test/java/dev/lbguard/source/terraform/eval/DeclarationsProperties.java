package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DeclarationsProperties {
    /**
     * Walking two configurations side by side finds exactly the names whose declaration a lookup in each finds not
     * the same (the same object, or an equal one): whatever was added, removed, edited, made equal anew or moved.
     */
    @Property(tries = 500)
    void theChangedNamesAreThoseALookupInEachFindsNotTheSame(@ForAll long seed,
                                                             @ForAll @IntRange(min = 0, max = 12) int size) {
        Random random = new Random(seed);
        Map<String, Object> was = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            was.put("n" + random.nextInt(20), new StringBuilder("decl" + i)); // compared by identity only
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>(was.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            switch (random.nextInt(6)) {
                case 0 -> entries.set(i, Map.entry(entries.get(i).getKey(), new StringBuilder("edited")));
                case 1 -> entries.set(i, Map.entry(entries.get(i).getKey(), "equal")); // equal to another "equal"
                case 2 -> entries.remove(i--);
                default -> {
                }
            }
        }
        if (random.nextInt(3) == 0) {
            entries.add(random.nextInt(entries.size() + 1), Map.entry("n" + (20 + random.nextInt(5)), "added"));
        }
        if (random.nextInt(4) == 0 && entries.size() > 1) {
            Collections.swap(entries, random.nextInt(entries.size()), random.nextInt(entries.size()));
        }
        Map<String, Object> is = new LinkedHashMap<>();
        entries.forEach(e -> is.putIfAbsent(e.getKey(), e.getValue()));
        Map<String, Object> wasWithEqual = new LinkedHashMap<>();
        was.forEach((k, v) -> wasWithEqual.put(k, random.nextInt(4) == 0 ? "equal" : v));

        Set<String> expected = new HashSet<>();
        for (String name : union(wasWithEqual, is)) {
            Object a = wasWithEqual.get(name);
            Object b = is.get(name);
            if (!(a == b || a != null && a.equals(b))) {
                expected.add(name);
            }
        }
        assertThat(Declarations.changedNames(wasWithEqual, is)).isEqualTo(expected);
    }

    private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        Set<String> names = new HashSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
