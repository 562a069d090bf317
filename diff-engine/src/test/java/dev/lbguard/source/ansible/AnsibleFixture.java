package dev.lbguard.source.ansible;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Ansible trees for tests: the fixtures under {@code fixtures/}, or files written into a temporary directory. */
final class AnsibleFixture {
    static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"));

    private final Path root;

    AnsibleFixture(Path root) {
        this.root = root;
    }

    static Path fixture(String relative) {
        return FIXTURES.resolve(relative);
    }

    /** Copies a fixture tree into {@code dest}, so a test can edit it. */
    static AnsibleFixture copyOf(String relative, Path dest) {
        Path src = fixture(relative);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.collect(Collectors.toList())) {
                Path target = dest.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AnsibleFixture(dest);
    }

    AnsibleFixture file(String path, String content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String content(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AnsibleFixture replace(String path, String from, String to) {
        String c = content(path);
        if (!c.contains(from)) {
            throw new IllegalArgumentException(path + " does not contain " + from);
        }
        return file(path, c.replace(from, to));
    }

    AnsibleFixture delete(String path) {
        try {
            Files.delete(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RoutingSnapshot read(AnsibleOptions options) {
        return read(root, options);
    }

    static RoutingSnapshot read(Path dir, AnsibleOptions options) {
        return new AnsibleSource().read(new DiskTree(dir), "", options, SnapshotOrigin.other("test"));
    }

    /** A readable dump of a snapshot for failure messages. */
    static String dump(RoutingSnapshot s) {
        StringBuilder b = new StringBuilder();
        s.loadBalancers().forEach(lb -> {
            b.append(lb.id()).append(' ').append(lb.type()).append('\n');
            lb.listeners().forEach(l -> {
                b.append("  ").append(l.id()).append(' ').append(l.label()).append(" default ")
                        .append(l.defaultAction()).append('\n');
                l.rulesInEvaluationOrder().forEach(r -> b.append("    ").append(r.priority()).append(' ')
                        .append(r.conditions()).append(" -> ").append(r.action()).append(" @").append(r.source())
                        .append('\n'));
            });
        });
        s.targetGroups().forEach(t -> b.append(t.id()).append(' ').append(t.protocol()).append(':').append(t.port())
                .append(' ').append(t.targets().stream().map(x -> x.targetId() + x.port()).toList()).append('\n'));
        s.diagnostics().forEach(d -> b.append(d.render()).append('\n'));
        return b.toString();
    }
}
