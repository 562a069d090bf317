package dev.lbguard.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The other log reader's shape: {@code review --traffic haproxy:} weighed by a gzipped HAProxy httplog (syslog
 * prefix, Host captured) of an HAProxy frontend with 200 path ACLs, whose change swaps two {@code use_backend} lines,
 * against {@code zcat FILE | wc -l} on the same file in the same run. HAProxy lines are read from their bytes, as ALB
 * lines are, and the ACLs decide each distinct request (no ACL reads the client address, so it is dropped).
 */
final class HaproxyTrafficBench {
    private static final PersonIdent WHO = new PersonIdent("bench", "bench@lbguard.test",
            Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int ACLS = 200;

    private HaproxyTrafficBench() {
    }

    static void run(Path launcher, int lines, int clients) throws Exception {
        Path repo = BenchRepo.scratch("lbguard-traffic-bench-haproxy-");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("haproxy.cfg"), config(false));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("frontend").setAuthor(WHO).setCommitter(WHO).setSign(false).call();
            Files.writeString(repo.resolve("haproxy.cfg"), config(true));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("swap two use_backend lines").setAuthor(WHO).setCommitter(WHO).setSign(false)
                    .call();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
        Path log = repo.resolveSibling(repo.getFileName() + "-haproxy.log.gz");
        writeLog(log, lines, clients);
        Path out = repo.resolveSibling(repo.getFileName() + "-report.json");
        double zcat = TrafficBench.median(List.of("bash", "-c", "zcat '" + log + "' | wc -l"), out);
        double plain = TrafficBench.median(List.of(launcher.toString(), "review", "--repo", repo.toString(), "--base",
                "HEAD~1", "--head", "HEAD", "--format", "json", "--output", out.toString()), out);
        List<String> weighed = List.of(launcher.toString(), "review", "--repo", repo.toString(), "--base", "HEAD~1",
                "--head", "HEAD", "--format", "json", "--output", out.toString(), "--traffic", "haproxy:" + log);
        double traffic = TrafficBench.median(weighed, out);
        long peakKb = TrafficBench.peakKb(weighed, out);
        System.out.printf(Locale.ROOT, "%n%,d gzip HAProxy httplog lines (%,d bytes), %d ACLs%n", lines,
                Files.size(log), ACLS);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms (baseline)%n", "zcat FILE | wc -l", zcat);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms%n", "lbguard review (HAProxy), no traffic", plain);
        System.out.printf(Locale.ROOT, "%-52s %8.0f ms  %5.2fx baseline; the traffic alone %5.2fx%n",
                "lbguard review --traffic haproxy:", traffic, traffic / zcat, (traffic - plain) / zcat);
        System.out.printf(Locale.ROOT, "%-52s %8d MB peak RSS%n", "lbguard review --traffic haproxy:", peakKb / 1024);
    }

    private static String config(boolean swapped) {
        StringBuilder s = new StringBuilder("defaults\n    mode http\n\nfrontend fe_main\n    bind *:80\n"
                + "    acl api_host hdr(host) -i api.example.com\n");
        for (int i = 0; i < ACLS; i++) {
            s.append("    acl p").append(i).append(" path_beg /svc").append(i).append("/\n");
        }
        s.append(swapped ? "    use_backend be_web if p0\n    use_backend be_api if api_host\n"
                : "    use_backend be_api if api_host\n    use_backend be_web if p0\n");
        for (int i = 1; i < ACLS; i++) {
            s.append("    use_backend be").append(i % 20).append(" if p").append(i).append('\n');
        }
        s.append("    default_backend be_web\n\nbackend be_web\n    server w1 10.0.0.1:80\n\nbackend be_api\n"
                + "    server a1 10.0.0.2:80\n");
        for (int i = 0; i < 20; i++) {
            s.append("\nbackend be").append(i).append("\n    server s1 10.0.1.").append(i + 1).append(":80\n");
        }
        return s.toString();
    }

    private static void writeLog(Path file, int lines, int clients) throws IOException {
        Random random = new Random(24);
        try (OutputStream raw = Files.newOutputStream(file);
             Writer w = new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                int client = random.nextInt(clients);
                String host = random.nextInt(5) == 0 ? "api.example.com" : "www.example.com";
                String path = "/svc" + random.nextInt(ACLS + 20) + "/items/" + random.nextInt(50);
                w.write(String.format(Locale.ROOT, "<134>Dec  6 %02d:%02d:%02d lb1 haproxy[2317]: 10.%d.%d.%d:%d "
                                + "[06/Dec/2026:%02d:%02d:%02d.%03d] fe_main be_web/w1 0/0/1/12/13 200 5120 - - ---- "
                                + "3/3/1/1/0 0/0 {%s|curl/8.5.0} \"GET %s?page=%d HTTP/1.1\"%n",
                        i / 3600 % 24, i / 60 % 60, i % 60, client / 65536, client / 256 % 256, client % 256,
                        1024 + random.nextInt(60000), i / 3600 % 24, i / 60 % 60, i % 60, i % 1000, host, path,
                        random.nextInt(3)));
            }
        }
    }
}
