package dev.lbguard.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Times {@code review --traffic} weighed by a gzipped ALB access log of a million lines on the generated
 * 50-load-balancer, 2,000-rule repository, against {@code zcat FILE | wc -l} on the same file and the same review
 * without traffic, in the same run, and prints the ratios. A second log, the same lines logged by load balancers
 * the repository does not have, times reading alone: its requests are counted as elsewhere, none is evaluated, so
 * the two runs' difference is what weighing the requests against the rules costs. Usage: {@code TrafficBench <path to ./lbguard> [lines]
 * [clients]}: {@code clients} is how many client addresses the log draws from, which with the hosts and paths sets
 * how many distinct requests there are (what lbguard keeps and decides).
 */
public final class TrafficBench {
    private TrafficBench() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "lbguard").toAbsolutePath();
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path repo = BenchRepo.scratch("lbguard-traffic-bench-");
        BenchRepo.generate(repo, 50, 40);
        Path log = repo.resolveSibling(repo.getFileName() + "-access.log.gz");
        long distinct = writeLog(log, lines, clients, "bench-lb");
        Path elsewhere = repo.resolveSibling(repo.getFileName() + "-elsewhere.log.gz");
        writeLog(elsewhere, lines, clients, "other-lb");
        Path out = repo.resolveSibling(repo.getFileName() + "-report.json");
        run(List.of(launcher.toString(), "--version"), out); // builds the jar and class archive if stale
        double zcat = median(List.of("bash", "-c", "zcat '" + log + "' | wc -l"), out);
        double plain = median(List.of(launcher.toString(), "review", "--repo", repo.toString(), "--base", "HEAD~1",
                "--head", "HEAD", "--format", "json", "--output", out.toString()), out);
        List<String> weighed = List.of(launcher.toString(), "review", "--repo", repo.toString(), "--base", "HEAD~1",
                "--head", "HEAD", "--format", "json", "--output", out.toString(), "--traffic", "alb:" + log);
        double traffic = median(weighed, out);
        long peakKb = peakKb(weighed, out);
        double read = median(List.of(launcher.toString(), "review", "--repo", repo.toString(), "--base", "HEAD~1",
                "--head", "HEAD", "--format", "json", "--output", out.toString(), "--traffic", "alb:" + elsewhere), out);
        System.out.printf(Locale.ROOT, "%,d gzip ALB log lines (%,d bytes), %,d distinct requests%n", lines,
                Files.size(log), distinct);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms (baseline)%n", "zcat FILE | wc -l", zcat);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms%n", "lbguard review (2,000 rules), no traffic", plain);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms  %5.2fx baseline; the traffic alone %5.2fx%n",
                "lbguard review --traffic", traffic, traffic / zcat, (traffic - plain) / zcat);
        System.out.printf(Locale.ROOT, "%-52s %8d MB peak RSS%n", "lbguard review --traffic", peakKb / 1024);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms  %5.2fx baseline; the reading alone %5.2fx%n",
                "  the same lines from load balancers not in the repo", read, read / zcat, (read - plain) / zcat);
        HaproxyTrafficBench.run(launcher, lines, clients);
    }

    /**
     * The log, seeded: each line a request to a rule of a random load balancer, from a pool of clients; the load
     * balancers named {@code lbPrefix} and two digits ({@code bench-lb} is the repository's).
     */
    private static long writeLog(Path file, int lines, int clients, String lbPrefix) throws IOException {
        Random random = new Random(24);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        try (OutputStream raw = Files.newOutputStream(file);
             Writer w = new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                int lb = random.nextInt(50);
                int rule = random.nextInt(40);
                int client = random.nextInt(clients);
                String host = random.nextInt(10) == 0 ? "www.lb" + lb + ".example.com"
                        : String.format(Locale.ROOT, "svc%d.lb%02d.example.com", rule, lb);
                String path = "/v" + random.nextInt(3) + "/items/" + random.nextInt(20);
                String ip = "10." + (client / 65536) + "." + (client / 256 % 256) + "." + (client % 256);
                distinct.add(lb + host + path + ip);
                w.write(String.format(Locale.ROOT, "h2 2026-12-06T%02d:%02d:%02d.000000Z app/%s%02d/50dc6c495c0c9188 "
                        + "%s:%d 10.0.1.5:8080 0.000 0.004 0.000 200 200 120 1450 \"GET https://%s:443%s?page=%d "
                        + "HTTP/2.0\" \"Mozilla/5.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:"
                        + "eu-west-1:123456789012:targetgroup/t/73e2d6bc24d8a067 \"Root=1-0-0\" \"%s\" \"-\" 1 "
                        + "2026-12-06T00:00:00.000000Z \"forward\" \"-\" \"-\" \"10.0.1.5:8080\" \"200\" \"-\" \"-\" TID_0%n",
                        i / 3600 % 24, i / 60 % 60, i % 60, lbPrefix, lb, ip, 1024 + random.nextInt(60000), host, path,
                        random.nextInt(3), host));
            }
        }
        return distinct.size();
    }

    static double median(List<String> command, Path out) throws IOException, InterruptedException {
        double[] ms = new double[3];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            run(command, out);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[1];
    }

    /** Peak resident memory of one run, from GNU time, or -1 without it. */
    static long peakKb(List<String> command, Path out) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            return -1;
        }
        Path report = out.resolveSibling(out.getFileName() + ".rss");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", report.toString()));
        timed.addAll(command);
        run(timed, out);
        return Long.parseLong(Files.readString(report).strip().lines().reduce((a, b) -> b).orElse("-1"));
    }

    private static void run(List<String> command, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".log").toFile()))
                .start();
        int code = p.waitFor();
        if (code == 2 || code == 70) {
            System.out.println("  (" + String.join(" ", command) + " exited " + code + ")");
        }
    }
}
