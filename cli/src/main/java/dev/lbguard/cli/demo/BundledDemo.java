package dev.lbguard.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The demo scenario shipped inside the jar ({@code fixtures/demo}), unpacked into a real git repository. */
public final class BundledDemo {
    private BundledDemo() {
    }

    /** Builds the bundled history into {@code repoDir}. */
    public static List<ScenarioHistory.Made> buildInto(Path repoDir) throws IOException {
        URL url = BundledDemo.class.getResource("/demo/history");
        if (url == null) {
            throw new IOException("the demo scenario is missing from this build of lbguard");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return ScenarioHistory.build(fs.provider().getPath(uri), repoDir);
                }
            }
            return ScenarioHistory.build(Path.of(uri), repoDir);
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the demo scenario: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the bundled live state to {@code target}: the demo's HEAD as applied, after someone changed the api
     * canary's weight in the console. The demo's drift step reads it.
     */
    public static void writeLiveState(Path target) throws IOException {
        writeLive("terraform.tfstate", target);
    }

    /**
     * Writes the bundled access log to {@code target}: two hours of the shop's ALB traffic around the incident, which
     * the demo's review and timeline weigh their changes by.
     */
    public static void writeAccessLog(Path target) throws IOException {
        writeLive("access.log", target);
    }

    private static void writeLive(String name, Path target) throws IOException {
        try (java.io.InputStream in = BundledDemo.class.getResourceAsStream("/demo/live/" + name)) {
            if (in == null) {
                throw new IOException("the demo's live/" + name + " is missing from this build of lbguard");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
    }

    /** Deletes a directory tree made for the demo. */
    public static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Leftovers in the temporary directory are harmless; the demo's output is what matters.
        }
    }
}
