package dev.lbguard.source.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** An object's fields answer as the sorted map they replace, below and above the size where search changes. */
class SortedFieldsProperties {
    @Property(tries = 300)
    void fieldsAnswerAsASortedMap(@ForAll @Size(max = 40) Map<@AlphaChars @StringLength(max = 4) String, Integer> drawn,
                                  @ForAll @AlphaChars @StringLength(max = 4) String probe) {
        Map<String, Value> given = new HashMap<>();
        drawn.forEach((k, v) -> given.put(k, Value.Num.of(v)));
        Map<String, Value> fields = new Value.Obj(true, given).fields();
        TreeMap<String, Value> expected = new TreeMap<>(given);

        assertThat(new ArrayList<>(fields.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(new ArrayList<>(fields.values())).containsExactlyElementsOf(expected.values());
        assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(fields.get(probe)).isEqualTo(expected.get(probe));
        assertThat(fields.containsKey(probe)).isEqualTo(expected.containsKey(probe));
        expected.forEach((k, v) -> assertThat(fields.get(k)).isSameAs(v));
        assertThat(new Value.Obj(true, fields).fields()).isSameAs(fields);
        Map<String, Value> fromTree = new Value.Obj(true, new TreeMap<>(given)).fields();
        assertThat(new ArrayList<>(fromTree.entrySet())).containsExactlyElementsOf(expected.entrySet());
    }
}
