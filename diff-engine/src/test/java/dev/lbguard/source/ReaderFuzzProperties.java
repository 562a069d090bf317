package dev.lbguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.ansible.AnsibleOptions;
import dev.lbguard.source.ansible.AnsibleSource;
import dev.lbguard.source.haproxy.HaproxyConfigReader;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input never crashes a reader (issue 20): every fixture of every reader, mutated at random (characters
 * replaced, inserted, deleted; a span duplicated or cut), is read to a snapshot with diagnostics. No exception
 * escapes, and no internal error is reported, since that would mean lbguard, not the input, failed. Fixed seeds,
 * so that CI runs the same cases; the parsers' own properties (HclParserProperties, JsonSyntaxProperties) go deeper.
 */
class ReaderFuzzProperties {
    private static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .toAbsolutePath().normalize();
    private static final List<String> INTERNAL = List.of("tf-internal", "internal");

    record Mutated(Path file, String text) {
        @Override
        public String toString() {
            return file + " mutated:\n" + text;
        }
    }

    @Property(tries = 150, seed = "20261206")
    void terraformRootModules(@ForAll("terraformFiles") Mutated m) throws IOException {
        Path dir = Files.createTempDirectory("lbguard-fuzz");
        try {
            Files.writeString(dir.resolve(m.file().getFileName().toString()), m.text());
            RoutingSnapshot s = new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                    SnapshotOrigin.other("fuzz"));
            assertNoInternalError(s);
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Property(tries = 150, seed = "20261206")
    void haproxyConfigs(@ForAll("haproxyFiles") Mutated m) {
        RoutingSnapshot s = new HaproxyConfigReader().read("haproxy.cfg", m.text(), "", SnapshotOrigin.other("fuzz"));
        assertNoInternalError(s);
    }

    @Property(tries = 100, seed = "20261206")
    void ansibleGroupVars(@ForAll("ansibleVars") Mutated m) throws IOException {
        Path dir = Files.createTempDirectory("lbguard-fuzz");
        try {
            Path tree = FIXTURES.resolve("ansible/services-loop");
            copy(tree, dir);
            Files.writeString(dir.resolve("group_vars/all.yml"), m.text());
            RoutingSnapshot s = new AnsibleSource().read(new DiskTree(dir), "", AnsibleOptions.defaults(),
                    SnapshotOrigin.other("fuzz"));
            assertNoInternalError(s);
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Provide
    Arbitrary<Mutated> terraformFiles() {
        return mutationsOf(files(FIXTURES.resolve("terraform"), "main.tf"));
    }

    @Provide
    Arbitrary<Mutated> haproxyFiles() {
        return mutationsOf(files(FIXTURES.resolve("haproxy"), "haproxy.cfg"));
    }

    @Provide
    Arbitrary<Mutated> ansibleVars() {
        return mutationsOf(List.of(FIXTURES.resolve("ansible/services-loop/group_vars/all.yml")));
    }

    private static void assertNoInternalError(RoutingSnapshot s) {
        assertThat(s.diagnostics()).extracting(Diagnostic::code).doesNotContainAnyElementsOf(INTERNAL);
    }

    private static Arbitrary<Mutated> mutationsOf(List<Path> files) {
        assertThat(files).as("fixtures to mutate").isNotEmpty();
        Arbitrary<Path> file = Arbitraries.of(files);
        Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1)
                .ofMaxSize(8);
        Arbitrary<String> inserted = Arbitraries.of("{", "}", "\"", "${", "%{", "\n", "[", "]", "=", ",", "<<EOT\n",
                "\u0000", "\u00e9", "#", "//", "/*", "\\", "-", "1e99999", ":", "!vault ", "&a", "*a", ".if x\n",
                "\t", " ", "(", ")");
        return Combinators.combine(file, edits, inserted.list().ofMaxSize(8)).as((f, e, ins) -> {
            String text = read(f);
            StringBuilder b = new StringBuilder(text);
            for (int i = 0; i < e.size(); i++) {
                int at = b.length() == 0 ? 0 : e.get(i) % (b.length() + 1);
                switch (e.get(i) % 5) {
                    case 0 -> b.insert(at, ins.isEmpty() ? "x" : ins.get(i % ins.size()));
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    case 2 -> {
                        if (at < b.length()) {
                            b.setCharAt(at, (char) ('!' + e.get(i) % 90));
                        }
                    }
                    case 3 -> {
                        int end = Math.min(b.length(), at + 1 + e.get(i) % 40);
                        b.insert(end, b.substring(at, end));
                    }
                    default -> b.delete(at, Math.min(b.length(), at + 1 + e.get(i) % 40));
                }
            }
            return new Mutated(f, b.toString());
        });
    }

    private static List<Path> files(Path root, String name) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
