package dev.lbguard.cli.command;

import dev.lbguard.cli.demo.BundledDemo;
import dev.lbguard.cli.demo.ScenarioHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: builds the bundled web-shop scenario into a temporary git repository and runs lbguard's
 * commands on it, printing each command line before its output, so the reader can run them again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build the bundled web-shop scenario into a temporary git repository and run lbguard on it.")
public final class DemoCommand implements Callable<Integer> {
    private static final String LIVE_STATE = "live/terraform.tfstate";
    private static final String ACCESS_LOG = "live/access.log";

    private final Map<String, String> environment;
    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Build the demo repository in DIR (which must not exist) and keep it, to explore it further.")
    Path keep;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set).")
    boolean noColor;

    public DemoCommand(Map<String, String> environment, Launcher launcher) {
        this.environment = environment;
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path repo = repositoryDir();
        try {
            List<ScenarioHistory.Made> history = BundledDemo.buildInto(repo);
            // Not committed: it stands for what runs, not for what git says.
            BundledDemo.writeLiveState(repo.resolve(LIVE_STATE));
            BundledDemo.writeAccessLog(repo.resolve(ACCESS_LOG));
            out.println("lbguard demo: a web shop's edge ALB (Terraform) and back-office HAProxy (Ansible), with "
                    + history.size()
                    + " commits built into " + (keep == null ? "a temporary repository" : repo) + ":");
            for (int i = history.size() - 1; i >= 0; i--) {
                ScenarioHistory.Made m = history.get(i);
                String rel = i == history.size() - 1 ? "HEAD" : "HEAD~" + (history.size() - 1 - i);
                out.printf("  %-7s %s  %s%n", rel, m.commit().substring(0, 12), m.message());
            }
            int worst = 0;
            for (List<String> step : steps()) {
                worst = Math.max(worst, run(out, repo, step));
            }
            // Findings (exit 1) are the point of the demo; only a failure to run makes the demo itself fail.
            return worst >= ExitCode.USAGE.code() ? worst : ExitCode.CLEAN.code();
        } finally {
            if (keep == null) {
                BundledDemo.delete(repo);
            }
        }
    }

    private Path repositoryDir() throws IOException {
        if (keep == null) {
            return Files.createTempDirectory("lbguard-demo-");
        }
        if (Files.exists(keep)) {
            throw new UsageException("--keep " + keep + " already exists; give a new directory");
        }
        return keep;
    }

    /**
     * The demo's script: what the web shop's routing is, where one checkout request went before and after the
     * "Networking updates" commit, the review of that commit (which breaks an invariant of the policy file), the
     * policy checked at HEAD, the back office's HAProxy, the drift of what runs from HEAD, then the incident view:
     * the last day's timeline, the commit that moved checkout, the commit that broke the invariant, and the
     * rollback to the known-good revision.
     */
    private static List<List<String>> steps() {
        String checkout = "--host=shop.example.com --path=/checkout/cart";
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("routes", "--rev=HEAD"));
        steps.add(List.of(("route --rev=HEAD~4 --listener=shop-edge-prod:443 " + checkout).split(" ")));
        steps.add(List.of(("route --rev=HEAD --listener=shop-edge-prod:443 " + checkout).split(" ")));
        steps.add(List.of("route --rev=HEAD --listener=shop-edge-prod:443 --host=api.shop.example.com --path=/v1/orders"
                .split(" ")));
        steps.add(List.of("route --rev=HEAD --listener=shop-edge-prod:80 --host=shop.example.com --path=/"
                .split(" ")));
        steps.add(List.of(("review --base=HEAD~2 --head=HEAD~1 --traffic=alb:" + ACCESS_LOG).split(" ")));
        // The policy the team wrote in commit HEAD~3 (lbguard.yml): what HEAD keeps of it, and what it covers.
        steps.add(List.of("check --rev=HEAD".split(" ")));
        // The back office runs HAProxy, templated by Ansible: the same questions work on it.
        steps.add(List.of(("route --rev=HEAD --listener=ops/haproxy/roles/haproxy/templates/haproxy.cfg.j2:8080"
                + " --host=ops.shop.internal --path=/admin/users --source-ip=203.0.113.9").split(" ")));
        steps.add(List.of("drift", "--rev=HEAD", "--dir=infra/edge", "--live=tfstate:" + LIVE_STATE));
        // The incident view: what changed in the last day, which commit moved checkout, and the way back.
        steps.add(List.of(("timeline --since=1d --traffic=alb:" + ACCESS_LOG).split(" ")));
        steps.add(List.of(("timeline --since=1d --request=shop.example.com/checkout/cart "
                + "--listener=shop-edge-prod:443").split(" ")));
        steps.add(List.of("timeline", "--since=1d", "--invariant=checkout reaches checkout"));
        steps.add(List.of("baseline", "mark", "HEAD~2", "--note=checkout verified after the database change"));
        steps.add(List.of("rollback --to=known-good".split(" ")));
        return steps;
    }

    private int run(PrintWriter out, Path repo, List<String> step) {
        List<String> args = new ArrayList<>(step);
        args.add("--repo=" + repo);
        if (noColor) {
            args.add("--no-color");
        }
        out.println();
        out.println("$ lbguard " + String.join(" ", step.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a)
                .toList()));
        out.flush();
        // Paths inside the demo repository are shown relative to it, as the reader would type them there.
        String prefix = repo.toAbsolutePath() + java.io.File.separator;
        args.replaceAll(a -> a.startsWith("--live=tfstate:") ? "--live=tfstate:" + prefix + a.substring(15)
                : a.startsWith("--traffic=alb:") ? "--traffic=alb:" + prefix + a.substring(14) : a);
        java.io.StringWriter report = new java.io.StringWriter();
        int code = launcher.create(new PrintWriter(report), spec.commandLine().getErr(), demoEnvironment())
                .execute(args.toArray(String[]::new));
        out.print(report.toString().replace(prefix, ""));
        out.flush();
        return code;
    }

    /**
     * The demo's incident happens an hour after its last commit, and the on-call engineer marks the baseline,
     * so that ages like 1d and the mark's who and when print the same on every run.
     */
    private Map<String, String> demoEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("LBGUARD_NOW", "2026-11-24T17:20:00Z");
        env.put("GIT_COMMITTER_NAME", "Demo On-call");
        env.put("GIT_COMMITTER_EMAIL", "oncall@shop.example.com");
        return env;
    }
}
