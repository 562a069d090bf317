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
 * {@code TimelineBench <path to the lbguard launcher> [commits] [one LB commit every N]}.
 */
public final class TimelineBench {
    private static final Pattern PEAK = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private TimelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "lbguard").toAbsolutePath();
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int lbEvery = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path repo = Files.createTempDirectory("lbguard-timeline-bench-");
        long g0 = System.nanoTime();
        String first = HistoryRepo.generate(repo, commits, 50, 40, lbEvery);
        System.out.printf(Locale.ROOT, "generated %,d commits (50 load balancers, 2,000 rules, one LB commit in %d) "
                + "in %.1f s%n", commits, lbEvery, (System.nanoTime() - g0) / 1e9);
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
        List<String> timeline = new ArrayList<>(List.of(launcher.toString(), "timeline", "--repo",
                repo.toString(), "--range", first + "..HEAD", "--format", "json", "--quiet", "--fail-on", "never"));
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) {
            timeline.addAll(0, List.of("/usr/bin/time", "-v"));
        }
        Result r = run(timeline, out);
        System.out.printf(Locale.ROOT, "%-52s %7.2f s  %5.2fx git%s%n", "lbguard timeline over all " + commits
                + " commits", r.seconds(), r.seconds() / git, r.peakMb() > 0
                ? String.format(Locale.ROOT, "  peak RSS %d MB", r.peakMb()) : "");
        Files.deleteIfExists(out);
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
