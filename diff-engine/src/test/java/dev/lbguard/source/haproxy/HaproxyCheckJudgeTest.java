package dev.lbguard.source.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code haproxy -c} judges broken configurations: random valid configs ({@link RandomConfigs}) get one mutation
 * of what routes (a keyword's typo, a port or status out of range, a line outside any section, an unknown backend
 * or ACL, a bad pattern). A config the real HAProxy refuses to load routes nothing the way it reads, so lbguard
 * must never call it complete (issue 20: 25 of 103 such configs were). The converse, lbguard refusing what
 * HAProxy loads, is counted and printed: an error there is a false alarm only when the mutation cannot move a
 * request, which the judge cannot tell.
 */
class HaproxyCheckJudgeTest {
    private static final String HAPROXY = System.getProperty("lbguard.haproxy", "/usr/sbin/haproxy");
    private static final int CONFIGS = 120;

    @TempDir
    Path dir;

    /** One mutation: the config's lines and a random source in, the mutated lines (or null if it does not apply). */
    private record Mutation(String name, BiFunction<List<String>, Random, List<String>> apply) {
    }

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("keyword typo", (lines, r) -> edit(lines, r,
                    l -> firstWord(l).matches("use_backend|default_backend|acl|http-request|bind|backend|frontend"),
                    l -> l.replaceFirst("(\\S+)", "$1x"))),
            new Mutation("fetch typo", (lines, r) -> edit(lines, r, l -> l.trim().startsWith("acl "),
                    l -> l.replaceFirst("^(\\s*acl \\S+ )([a-z_]+)", "$1$2x"))),
            new Mutation("bind port out of range", (lines, r) -> edit(lines, r, l -> l.trim().startsWith("bind "),
                    l -> l.replaceFirst(":\\d+", ":" + List.of(99999, 65536, 123456789).get(r.nextInt(3))))),
            new Mutation("deny status out of range", (lines, r) -> insertAfterSection(lines, r, "frontend",
                    "    http-request deny deny_status " + List.of(99999, 99, 600, 1000).get(r.nextInt(4))
                            + " if { path /deny }")),
            new Mutation("return status out of range", (lines, r) -> edit(lines, r,
                    l -> l.contains("http-request return status 200"),
                    l -> l.replace("status 200", "status " + List.of(99999, 700, 99).get(r.nextInt(3))))),
            new Mutation("server weight out of range", (lines, r) -> insertAfterSection(lines, r, "backend",
                    "    server s1 127.0.0.1:9 weight " + List.of("99999999999", "257", "-1").get(r.nextInt(3)))),
            new Mutation("routing line outside any section", (lines, r) -> {
                List<String> out = new ArrayList<>(lines);
                out.add(0, "use_backend elsewhere if TRUE");
                return out;
            }),
            new Mutation("unknown backend", (lines, r) -> edit(lines, r,
                    l -> l.trim().startsWith("use_backend ") || l.trim().startsWith("default_backend "),
                    l -> l.replaceFirst("(_backend )\\S+", "$1nowhere"))),
            new Mutation("unknown ACL", (lines, r) -> edit(lines, r, l -> l.trim().startsWith("use_backend "),
                    l -> l.replaceFirst(" (if|unless) ", " $1 undefined_acl "))),
            new Mutation("unbalanced anonymous ACL", (lines, r) -> edit(lines, r,
                    l -> l.trim().startsWith("use_backend "), l -> l + " { path /x")),
            new Mutation("bad regex", (lines, r) -> insertAfterSection(lines, r, "frontend",
                    "    use_backend nowhere_else if { path_reg ^/(unclosed }")),
            new Mutation("bad network", (lines, r) -> insertAfterSection(lines, r, "frontend",
                    "    acl bad_net src " + List.of("127.0.0.0/33", "300.1.2.3", "10.0.0.0/x").get(r.nextInt(3)))));

    @Test
    void aConfigHaproxyRefusesIsNeverComplete() throws Exception {
        assertThat(Path.of(HAPROXY)).as("haproxy must be installed at %s (.ci/run installs it)", HAPROXY)
                .isExecutable();
        long seed = Long.getLong("lbguard.haproxy.seed", 20261206L);
        RandomConfigs configs = new RandomConfigs(seed);
        Random random = new Random(seed);
        int refused = 0;
        List<String> falseAlarms = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (int c = 0; c < CONFIGS; c++) {
            List<String> lines = configs.config("c" + c, List.of(20000 + c, 21000 + c)).lines().toList();
            Mutation m = MUTATIONS.get(c % MUTATIONS.size());
            List<String> mutated = m.apply().apply(lines, random);
            if (mutated == null) {
                continue;
            }
            String config = String.join("\n", mutated) + "\n";
            Path file = dir.resolve("c" + c + ".cfg");
            Files.writeString(file, config);
            Process check = new ProcessBuilder(HAPROXY, "-c", "-f", file.toString()).redirectErrorStream(true).start();
            String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean haproxyRefuses = check.waitFor() != 0;
            RoutingSnapshot snapshot = new HaproxyConfigReader().read("haproxy.cfg", config, "",
                    SnapshotOrigin.other("test"));
            List<Diagnostic> errors = snapshot.diagnostics().stream().filter(Diagnostic::isError).toList();
            String where = "seed " + seed + ", config " + c + ", " + m.name() + "\n" + verdict + "\n" + config;
            if (haproxyRefuses) {
                refused++;
                if (errors.isEmpty()) {
                    missed.add(where);
                }
            } else if (!errors.isEmpty()) {
                falseAlarms.add(m.name() + ": " + errors.get(0).render());
            }
        }
        assertThat(missed).as("haproxy -c refuses these, lbguard reads them as complete").isEmpty();
        // The mutations are meant to break: most must, or the judge judged nothing.
        assertThat(refused).isGreaterThan(CONFIGS / 2);
        System.out.println("haproxy -c judge: " + refused + " of " + CONFIGS + " mutated configs refused by haproxy, "
                + "all incomplete in lbguard; " + falseAlarms.size() + " loaded by haproxy but an error in lbguard"
                + (falseAlarms.isEmpty() ? "" : ":\n  " + String.join("\n  ", falseAlarms)));
    }

    private static String firstWord(String line) {
        String t = line.trim();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }

    /** Applies {@code change} to one random line that {@code which} selects; null when none does. */
    private static List<String> edit(List<String> lines, Random r, java.util.function.Predicate<String> which,
            java.util.function.UnaryOperator<String> change) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (which.test(lines.get(i))) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>(lines);
        int i = candidates.get(r.nextInt(candidates.size()));
        out.set(i, change.apply(out.get(i)));
        return out;
    }

    /** Inserts {@code line} right after the header of a random section of {@code kind}. */
    private static List<String> insertAfterSection(List<String> lines, Random r, String kind, String line) {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(kind + " ")) {
                headers.add(i);
            }
        }
        List<String> out = new ArrayList<>(lines);
        out.add(headers.get(r.nextInt(headers.size())) + 1, line);
        return out;
    }
}
