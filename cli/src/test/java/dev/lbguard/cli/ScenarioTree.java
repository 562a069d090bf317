package dev.lbguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One side of a review scenario as a whole repository tree: the scenario's {@code base/} or {@code head/}, or, when
 * the scenario has {@code base.from} ({@code head.from}), the tree that file names (a path under {@code fixtures/},
 * e.g. a commit of the demo's history) without the paths listed after it ({@code - ops}), with {@code base/}'s
 * files, if any, laid over it. Scenarios that differ from a demo commit only in their policy file keep only that.
 */
final class ScenarioTree {
    private ScenarioTree() {
    }

    /** The tree of {@code side} ("base" or "head") of {@code scenario}, built under {@code work} when layered. */
    static Path of(Path scenario, String side, Path work) throws IOException {
        Path from = scenario.resolve(side + ".from");
        Path own = scenario.resolve(side);
        if (!Files.exists(from)) {
            return own;
        }
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(from, StandardCharsets.UTF_8)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                lines.add(l.strip());
            }
        }
        Path source = Golden.FIXTURES.resolve(lines.get(0)).normalize();
        List<String> without = lines.subList(1, lines.size()).stream()
                .map(l -> l.replaceFirst("^-\\s*", "")).toList();
        Path tree = work.resolve(scenario.getFileName() + "-" + side);
        copy(source, tree, without);
        if (Files.isDirectory(own)) {
            copy(own, tree, List.of());
        }
        return tree;
    }

    private static void copy(Path from, Path to, List<String> without) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                String rel = from.relativize(p).toString().replace('\\', '/');
                if (without.stream().anyMatch(w -> rel.equals(w) || rel.startsWith(w + "/"))) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
