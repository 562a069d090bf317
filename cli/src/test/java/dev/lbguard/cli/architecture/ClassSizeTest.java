package dev.lbguard.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One class, one job (ARCHITECTURE.md): no main source file of any module is over {@value #MAX_LINES} lines, the
 * size past which a second job has always been hiding in this code base. The scan must find the modules' sources,
 * so a moved source tree cannot turn the check into a pass over nothing.
 */
class ClassSizeTest {
    static final int MAX_LINES = 300;
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noMainSourceFileIsOverThreeHundredLines() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources).as("main sources of diff-engine, policies and cli").hasSizeGreaterThan(300);
        assertThat(sources.stream().filter(p -> lines(p) > MAX_LINES)
                .map(p -> ROOT.relativize(p) + " (" + lines(p) + " lines)").toList()).isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String module : List.of("diff-engine", "policies", "cli")) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            assertThat(main).as(module + " main sources").isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }

    private static long lines(Path p) {
        try (Stream<String> lines = Files.lines(p)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
