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
 * {@code TimelineBench <path to the lbguard launcher> [commits] [one LB commit every N] [root_per_lb|one_big_root|deep_modules|all]}.
 * Each history is also timed over its last 100 commits, and one load-balancer commit's review, against a bare
 * {@code java -version}. {@code REPS=N} repeats every measurement N times (medians, with their range);
 * {@code COMPARE=<another launcher>} times a second build alternated with the first, run by run.
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
        // This machine's speed drifts by a fifth within the hour: repeated runs and two builds alternated in one
        // run are what a comparison can stand on (REPS=3 COMPARE=/other/checkout/lbguard).
        int reps = Integer.parseInt(System.getenv().getOrDefault("REPS", "1"));
        List<Path> launchers = new ArrayList<>(List.of(launcher));
        String compare = System.getenv("COMPARE");
        if (compare != null && !compare.isBlank()) {
            launchers.add(Path.of(compare).toAbsolutePath());
        }
        for (HistoryRepo.Shape shape : HistoryRepo.Shape.values()) {
            if (shapes.equals("all") || shapes.equalsIgnoreCase(shape.name())) {
                bench(launchers, commits, lbEvery, shape, reps);
            }
        }
    }

    /** One launcher's runs of each measurement, in the order they were made. */
    private record Runs(List<Result> whole, List<Result> last, List<Result> review) {
        Runs() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private static void bench(List<Path> launchers, int commits, int lbEvery, HistoryRepo.Shape shape, int reps)
            throws Exception {
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
        // What JGit alone costs for the walk and tree diffs, in a JVM started as lbguard's is: the floor.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double floor = run(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), JGitWalkFloor.class.getName(), repo.toString()), out).seconds();
        for (Path launcher : launchers) {
            // Once untimed: the launcher builds its class-data archive on its first run after a build.
            run(List.of(launcher.toString(), "--version"), out);
        }
        List<Double> git = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Runs> runs = launchers.stream().map(l -> new Runs()).toList();
        String lbCommit = "HEAD~" + (commits - 1) % lbEvery;
        for (int r = 0; r < reps; r++) {
            git.add(run(List.of("git", "-C", repo.toString(), "log", "-p", "--", "*.tf"), out).seconds());
            bare.add(run(List.of(java, "-version"), out).seconds());
            for (int i = 0; i < launchers.size(); i++) {
                String launcher = launchers.get(i).toString();
                runs.get(i).whole().add(timeline(launcher, repo, first + "..HEAD", out));
                // An incident's question: the last 100 commits, and one commit's review, against a bare JVM's start.
                runs.get(i).last().add(timeline(launcher, repo, "HEAD~100..HEAD", out));
                runs.get(i).review().add(run(List.of(launcher, "review", "--repo", repo.toString(), "--base",
                        lbCommit + "~1", "--head", lbCommit, "--format", "json", "--fail-on", "never"), out));
            }
        }
        double gitMedian = median(git);
        double bareMedian = median(bare);
        System.out.printf(Locale.ROOT, "%-52s %s%n", "git log -p -- '*.tf' (baseline)", seconds(git));
        System.out.printf(Locale.ROOT, "%-52s %7.2f s  %5.2fx git%n", "JGit walk and tree diffs alone (the floor)",
                floor, floor / gitMedian);
        System.out.printf(Locale.ROOT, "%-52s %s%n", "java -version (baseline)", seconds(bare));
        for (int i = 0; i < launchers.size(); i++) {
            String who = launchers.size() == 1 ? "" : (char) ('A' + i) + " ";
            if (launchers.size() > 1) {
                System.out.println(who + "= " + launchers.get(i));
            }
            print(who + "lbguard timeline over all " + commits + " commits", runs.get(i).whole(), gitMedian, "git");
            print(who + "lbguard timeline over the last 100 commits", runs.get(i).last(), bareMedian,
                    "java -version");
            print(who + "lbguard review of one load-balancer commit", runs.get(i).review(), bareMedian,
                    "java -version");
        }
        Files.deleteIfExists(out);
    }

    /** The median of the runs against the baseline's, their range when there are several, the highest peak. */
    private static void print(String label, List<Result> results, double baseline, String baselineName) {
        List<Double> s = results.stream().map(Result::seconds).toList();
        long peak = results.stream().mapToLong(Result::peakMb).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-52s %s  %5.2fx %s%s%n", label, seconds(s), median(s) / baseline,
                baselineName, peak > 0 ? String.format(Locale.ROOT, "  peak RSS %d MB", peak) : "");
    }

    private static String seconds(List<Double> s) {
        String median = String.format(Locale.ROOT, "%7.2f s", median(s));
        return s.size() == 1 ? median : median + String.format(Locale.ROOT, " (%.2f-%.2f, %d runs)",
                s.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                s.stream().mapToDouble(Double::doubleValue).max().orElse(0), s.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Result timeline(String launcher, Path repo, String range, Path out)
            throws IOException, InterruptedException {
        List<String> timeline = new ArrayList<>(List.of(launcher, "timeline", "--repo",
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
