package dev.lbguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times {@code lbguard timeline} over a generated history of 10,000 commits (50 load balancers, 2,000 rules)
 * against {@code git log -p -- '*.tf'} on the same repository in the same run, and reports lbguard's peak
 * resident memory (from {@code /usr/bin/time -v} when present) and the floor under any timeline built on JGit
 * ({@link JGitWalkFloor}: the walk and tree diffs alone, in a process of its own). lbguard runs through its
 * launcher, as users run it (the launcher picks the JVM's compiler and heap settings). Usage:
 * {@code TimelineBench <path to the lbguard launcher> [commits] [one LB commit every N] [root_per_lb|one_big_root|all]}.
 * The big root's history is also timed over its last 100 commits, and one load-balancer commit's review, against a
 * bare {@code java -version}.
 */
public final class TimelineBench {
    private static final Pattern PEAK = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private TimelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "lbguard").toAbsolutePath();
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int lbEvery = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String shapes = args.length > 3 ? args[3] : "all";
        for (HistoryRepo.Shape shape : HistoryRepo.Shape.values()) {
            if (shapes.equals("all") || shapes.equalsIgnoreCase(shape.name())) {
                bench(launcher, commits, lbEvery, shape);
            }
        }
    }

    private static void bench(Path launcher, int commits, int lbEvery, HistoryRepo.Shape shape) throws Exception {
        Path repo = BenchRepo.scratch("lbguard-timeline-bench-");
        long g0 = System.nanoTime();
        String first = HistoryRepo.generate(repo, commits, 50, 40, lbEvery, shape);
        System.out.printf(Locale.ROOT, "%n%s: generated %,d commits (50 load balancers, 2,000 rules, one LB commit "
                + "in %d) in %.1f s%n", switch (shape) {
                    case ROOT_PER_LB -> "a root module per load balancer";
                    case ONE_BIG_ROOT -> "one big root module";
                    case DEEP_MODULES -> "a root module over a module tree three deep";
                }, commits, lbEvery, (System.nanoTime() - g0) / 1e9);
        Path out = repo.resolve("../" + repo.getFileName() + ".out");
        double git = run(List.of("git", "-C", repo.toString(), "log", "-p", "--", "*.tf"), out).seconds();
        System.out.printf(Locale.ROOT, "%-52s %7.2f s%n", "git log -p -- '*.tf' (baseline)", git);
        // What JGit alone costs for the walk and tree diffs, in a JVM started as lbguard's is: the floor.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double floor = run(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), JGitWalkFloor.class.getName(), repo.toString()), out).seconds();
        System.out.printf(Locale.ROOT, "%-52s %7.2f s  %5.2fx git%n", "JGit walk and tree diffs alone (the floor)",
                floor, floor / git);
        // Once untimed: the launcher builds its class-data archive on its first run after a build.
        run(List.of(launcher.toString(), "--version"), out);
        Result r = timeline(launcher, repo, first + "..HEAD", out);
        System.out.printf(Locale.ROOT, "%-52s %7.2f s  %5.2fx git%s%n", "lbguard timeline over all " + commits
                + " commits", r.seconds(), r.seconds() / git, r.peakMb() > 0
                ? String.format(Locale.ROOT, "  peak RSS %d MB", r.peakMb()) : "");
        // An incident's question: the last 100 commits, and one commit's review, against a bare JVM's start.
        double bare = run(List.of(java, "-version"), out).seconds();
        System.out.printf(Locale.ROOT, "%-52s %7.2f s%n", "java -version (baseline)", bare);
        Result last = timeline(launcher, repo, "HEAD~100..HEAD", out);
        System.out.printf(Locale.ROOT, "%-52s %7.2f s  %5.2fx java -version%s%n", "lbguard timeline over the last 100"
                + " commits", last.seconds(), last.seconds() / bare, last.peakMb() > 0
                ? String.format(Locale.ROOT, "  peak RSS %d MB", last.peakMb()) : "");
        String lbCommit = "HEAD~" + (commits - 1) % lbEvery;
        double review = run(List.of(launcher.toString(), "review", "--repo", repo.toString(), "--base",
                lbCommit + "~1", "--head", lbCommit, "--format", "json", "--fail-on", "never"), out).seconds();
        System.out.printf(Locale.ROOT, "%-52s %7.2f s  %5.2fx java -version%n", "lbguard review of one load-balancer "
                + "commit", review, review / bare);
        Files.deleteIfExists(out);
    }

    private static Result timeline(Path launcher, Path repo, String range, Path out)
            throws IOException, InterruptedException {
        List<String> timeline = new ArrayList<>(List.of(launcher.toString(), "timeline", "--repo",
                repo.toString(), "--range", range, "--format", "json", "--quiet", "--fail-on", "never"));
        if (Files.isExecutable(Path.of("/usr/bin/time"))) {
            timeline.addAll(0, List.of("/usr/bin/time", "-v"));
        }
        return run(timeline, out);
    }

    private record Result(double seconds, long peakMb) {
    }

    private static Result run(List<String> command, Path out) throws IOException, InterruptedException {
        Path err = out.resolveSibling(out.getFileName() + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (code != 0 && code != 1) {
            System.out.println("  (" + command.get(0) + " exited " + code + ": " + stderr.strip() + ")");
        }
        Matcher m = PEAK.matcher(stderr);
        return new Result(s, m.find() ? Long.parseLong(m.group(1)) / 1024 : 0);
    }
}
