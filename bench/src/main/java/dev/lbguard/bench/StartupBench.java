package dev.lbguard.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times whole lbguard runs on the generated 50-load-balancer, 2,000-rule repository against a bare
 * {@code java -version} measured in the same run, and prints the ratios (the aim: within 3x).
 * Usage: {@code StartupBench <lbguard.jar> [runs]}.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "cli/target/lbguard.jar").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path repo = Files.createTempDirectory("lbguard-bench-");
        BenchRepo.generate(repo, 50, 40);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = repo.resolve("report.out");
        double bare = median(runs, List.of(java, "-version"), out);
        System.out.printf(Locale.ROOT, "%-58s %8.0f ms%n", "java -version (baseline)", bare);
        List<List<String>> commands = List.of(
                List.of("routes", "--rev", "HEAD", "--format", "json"),
                List.of("review", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"));
        for (List<String> c : commands) {
            List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString()));
            cmd.addAll(c);
            cmd.addAll(List.of("--repo", repo.toString(), "--output", out.toString()));
            double ms = median(runs, cmd, out);
            System.out.printf(Locale.ROOT, "%-58s %8.0f ms  %5.2fx baseline%n",
                    "lbguard " + String.join(" ", c) + " (2,000 rules)", ms, ms / bare);
        }
    }

    private static double median(int runs, List<String> command, Path out) throws IOException, InterruptedException {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling("stderr.log").toFile()))
                    .start();
            int code = p.waitFor();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (code == 2 || code == 70) {
                System.out.println("  (" + String.join(" ", command.subList(Math.min(2, command.size()), command.size()))
                        + " exited " + code + "; see " + out.resolveSibling("stderr.log") + ")");
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

}
