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
 * Times whole lbguard runs on the generated 50-load-balancer, 2,000-rule repository (and drift against a state
 * file of the same 2,000 rules) against a bare
 * {@code java -version} measured in the same run, and prints the ratios. lbguard runs through its launcher
 * ({@code ./lbguard}, with the JVM options users get). Usage: {@code StartupBench <path to ./lbguard> [runs]}.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "lbguard").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path repo = BenchRepo.scratch("lbguard-bench-");
        BenchRepo.generate(repo, 50, 40);
        Path state = repo.resolve("live.tfstate");
        BenchRepo.writeState(state, 50, 40);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = repo.resolve("report.out");
        median(1, List.of(launcher.toString(), "--version"), out); // builds the jar and class archive if stale
        // The starter policy of the repository: one invariant per rule, what check then judges and covers.
        Path policy = repo.resolveSibling(repo.getFileName() + "-lbguard.yml");
        median(1, List.of(launcher.toString(), "policy", "init", "--rev", "HEAD", "--repo", repo.toString(), "--file",
                policy.toString(), "--quiet"), out);
        double bare = median(runs, List.of(java, "-version"), out);
        System.out.printf(Locale.ROOT, "%-58s %8.0f ms%n", "java -version (baseline)", bare);
        List<List<String>> commands = List.of(
                List.of("routes", "--rev", "HEAD", "--format", "json"),
                List.of("review", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"),
                List.of("drift", "--rev", "HEAD", "--live", "tfstate:" + state, "--format", "json"),
                List.of("policy", "init", "--rev", "HEAD", "--file", "-"),
                List.of("check", "--rev", "HEAD", "--policy", policy.toString(), "--format", "json"));
        for (List<String> c : commands) {
            List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
            cmd.addAll(c);
            cmd.addAll(List.of("--repo", repo.toString(), "--output", out.toString()));
            double ms = median(runs, cmd, out);
            System.out.printf(Locale.ROOT, "%-58s %8.0f ms  %5.2fx baseline%n",
                    "lbguard " + String.join(" ", c).replace(state.toString(), "live.tfstate")
                            .replace(policy.toString(), "starter.yml") + " (2,000 rules)",
                    ms, ms / bare);
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
                System.out.println("  (" + String.join(" ", command)
                        + " exited " + code + "; see " + out.resolveSibling("stderr.log") + ")");
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

}
