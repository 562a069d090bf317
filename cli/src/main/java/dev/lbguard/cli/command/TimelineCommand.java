package dev.lbguard.cli.command;

import dev.lbguard.analysis.HistorySnapshots;
import dev.lbguard.analysis.RequestProbe;
import dev.lbguard.analysis.TimelineAnalysis;
import dev.lbguard.analysis.TimelineResult;
import dev.lbguard.cli.report.TimelineJson;
import dev.lbguard.cli.report.TimelineMarkdown;
import dev.lbguard.cli.report.TimelineText;
import dev.lbguard.model.HistoryWindow;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.PolicyContext;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.dispatch.Configurations;
import dev.lbguard.source.git.GitHistory;
import dev.lbguard.source.git.GitRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code timeline}: every load-balancer change in a window of history, what it did to routing, riskiest first. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Every commit of a window that changed load-balancer definitions, with its route changes, "
                + "findings, risk and author, riskiest first; then the net change of the whole window; then the "
                + "commits that touched no load-balancer definition.",
            "With --traffic, each commit is weighed by the logged requests it moves, and the commit that moved the "
                + "most comes first: in an incident, the one that moved the users.",
            "Follows first parents (as git log --first-parent): a merge is one commit, the change it brought to "
                + "the branch.",
            "With --request, only the commits that changed where that one request goes: which commit broke "
                + "checkout?",
            "Every commit and the net change are judged by the policy file at the end of the window (lbguard.yml, "
                + "or --policy): its severities, disabled rules, waivers and invariants.",
            "With --invariant, only the commits after which an invariant of the policy file passes, fails or cannot "
                + "be decided where it did otherwise before: the commit that broke it, and the one after which it "
                + "passes again."})
public final class TimelineCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Window window;

    /** The window: a start (and end) in time or revisions, or a range. */
    static final class Window {
        @ArgGroup(exclusive = false)
        Since since;

        @Option(names = "--range", paramLabel = "A..B",
                description = "The commits of A..B along B's first parents (A excluded), e.g. HEAD~5..HEAD.")
        String range;
    }

    /** {@code --since} with an optional {@code --until}. */
    static final class Since {
        @Option(names = "--since", paramLabel = "WHEN", required = true,
                description = "The start: an ISO date-time (2026-11-24T14:00:00Z), an age (30m, 2h, 1d, 1w) or a "
                        + "revision (its commit excluded).")
        String since;

        @Option(names = "--until", paramLabel = "WHEN", description = "The end: a date-time, an age or a revision. "
                + "Default: HEAD.")
        String until;
    }

    @Option(names = "--request", paramLabel = "HOST/PATH",
            description = "Only the commits that changed where this request goes, e.g. shop.example.com/checkout/cart.")
    String request;

    @Option(names = "--listener", paramLabel = "LB[:PORT]",
            description = "With --request: the load balancer (name or address) and listener port it arrives at. "
                    + "Default: every listener.")
    String listener;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "GET",
            description = "With --request: its method. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "With --request: a header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--query", paramLabel = "KEY=VALUE", description = "With --request: a query parameter (repeatable).")
    List<String> query = new ArrayList<>();

    @Option(names = "--source-ip", paramLabel = "IP", description = "With --request: the client's IP address.")
    String sourceIp;

    @Option(names = "--invariant", paramLabel = "NAME",
            description = "Only the commits that changed whether this invariant of the policy file (lbguard.yml at "
                    + "the end of the window, or --policy) holds, e.g. 'checkout reaches checkout'.")
    String invariant;

    @Mixin
    PolicyOption policy;

    @Mixin
    TrafficOption traffic;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding no waiver accepts, of a reported commit or of the net change, is at "
                    + "least this severe: ${COMPLETION-CANDIDATES}. Default: fail_on of the policy file, else high.")
    FailOn failOn;

    public TimelineCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format == OutputFormat.SARIF) {
            throw new UsageException("timeline writes text, markdown or json, not sarif");
        }
        if (invariant != null && request != null) {
            throw new UsageException("--invariant follows the invariant's own request; give --request or --invariant, "
                    + "not both");
        }
        Optional<RequestProbe> probe = probe();
        Path repoDir = options.repo == null ? Path.of("").toAbsolutePath() : options.repo;
        TimelineResult result;
        try (GitRepository git = GitRepository.open(repoDir)) {
            HistoryWindow w = window(new GitHistory(git));
            Optional<String> dir = Workspace.dirIn(git, options);
            if (dir.isPresent()) {
                requireDir(git, dir.get(), w);
            }
            String newest = w.head().map(dev.lbguard.model.Commit::id).orElse("HEAD");
            PolicyContext judged = invariant == null ? policy.standing(options, newest)
                    : PolicyContext.of(policy.require(options, newest));
            Optional<Invariant> followed = invariant == null ? Optional.empty()
                    : Optional.of(invariant(judged.judge(), newest));
            HistorySnapshots snapshots = new HistorySnapshots(git, dir, SnapshotOptions.inputs(options, environment));
            try (Progress progress = Progress.of("lbguard timeline", w.commits().size(), options.quiet)) {
                TimelineAnalysis analysis = new TimelineAnalysis(snapshots).judgedBy(judged);
                result = weigher(w).map(analysis::weighedBy).orElse(analysis).analyse(w, probe, followed,
                        progress.listener());
            }
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
        if (listener != null && result.netRequestMoves().isEmpty() && result.entries().isEmpty()) {
            throw new UsageException("--listener " + listener + " names no listener at the start or the end of the "
                    + "window, so no commit could move the request there; the listeners at the end are: "
                    + listeners(result.net().head()));
        }
        ReportOutput.write(options, spec.commandLine().getOut(), render(result), TimelineJson.secrets(result));
        if (FailOn.or(failOn, result.net().policy().judge()).failsOn(result.allFindings())) {
            return ExitCode.FINDINGS.code();
        }
        return result.complete() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }

    /**
     * The weigher of {@code --traffic}, the log reduced to what the rules at the window's ends read: a commit in
     * between whose rules read more (a source-ip condition that came and went) leaves those requests undecided,
     * since what was dropped is marked unread; never a wrong count, and memory bounded as for a review.
     */
    private Optional<dev.lbguard.policy.TrafficWeigher> weigher(HistoryWindow w) {
        if (!traffic.given()) {
            return Optional.empty();
        }
        String head = w.head().map(dev.lbguard.model.Commit::id).orElse("HEAD");
        List<dev.lbguard.model.RoutingSnapshot> ends;
        try {
            ends = w.base().isPresent() ? SnapshotOptions.loadPair(options, environment, w.base().get().id(), head)
                    : List.of(SnapshotOptions.load(options, environment, head));
        } catch (UsageException e) {
            return traffic.weigher(); // no load balancer at an end: requests kept whole
        }
        return traffic.weigher(ends);
    }

    /**
     * The invariant {@code --invariant} names, from the policy at the window's newest revision (where the team's
     * promise stands now) or {@code --policy}; a name it does not have is a usage error listing those it has.
     */
    private Invariant invariant(PolicyFile file, String newest) {
        if (!file.exists()) {
            throw new UsageException("--invariant needs a policy file: lbguard.yml is not at the root of the "
                    + "repository at the end of the window (" + newest.substring(0, Math.min(12, newest.length()))
                    + "); name one with --policy FILE");
        }
        return file.invariant(invariant).orElseThrow(() -> new UsageException("--invariant '" + invariant
                + "' is no invariant of " + file.path() + "; its invariants are: " + (file.invariants().isEmpty()
                ? "(none)" : String.join(", ", file.invariants().stream().map(i -> "'" + i.name() + "'").toList()))));
    }

    private static String listeners(dev.lbguard.model.RoutingSnapshot snapshot) {
        List<String> names = new ArrayList<>();
        snapshot.loadBalancers().forEach(lb -> lb.listeners().forEach(l -> names.add(lb.name() + ":" + l.port())));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /**
     * A --dir that holds configuration at neither end of the window is a typo (or a directory of something else),
     * not a window without change.
     */
    private static void requireDir(GitRepository git, String dir, HistoryWindow w) throws SourceException {
        List<String> ends = new ArrayList<>();
        w.base().ifPresent(b -> ends.add(b.id()));
        w.head().ifPresent(h -> ends.add(h.id()));
        for (String rev : ends) {
            SourceTree tree = git.tree(rev);
            if ((dir.isEmpty() || tree.isDirectory(dir)) && Configurations.kindOf(tree, dir).isPresent()) {
                return;
            }
        }
        throw new UsageException(Configurations.noConfigurationAt(dir, "the start or the end of the window"));
    }

    private String render(TimelineResult result) {
        return switch (options.format) {
            case JSON -> TimelineJson.write(result);
            case MARKDOWN -> TimelineMarkdown.write(result);
            default -> TimelineText.write(result, ReportOutput.style(options, environment));
        };
    }

    private HistoryWindow window(GitHistory history) throws SourceException {
        if (window.range != null) {
            int dots = window.range.indexOf("..");
            if (dots <= 0 || window.range.startsWith(".", dots + 2)) {
                throw new UsageException("--range '" + window.range + "' must have the form A..B, e.g. HEAD~5..HEAD");
            }
            String to = window.range.substring(dots + 2);
            return history.range(window.range.substring(0, dots), to.isEmpty() ? "HEAD" : to);
        }
        When since = When.parse(window.since.since, environment);
        Optional<When> until = Optional.ofNullable(window.since.until).map(u -> When.parse(u, environment));
        String to = until.flatMap(When::revision).orElse("HEAD");
        if (since.revision().isPresent()) {
            if (until.flatMap(When::time).isPresent()) {
                throw new UsageException("--since a revision goes with --until a revision (or none), not a time");
            }
            return history.range(since.revision().get(), to);
        }
        Optional<java.time.Instant> untilTime = until.flatMap(When::time);
        if (untilTime.isPresent() && untilTime.get().isBefore(since.time().orElseThrow())) {
            throw new UsageException("--until " + until.get().label() + " is before --since " + since.label()
                    + ": the window would be empty; give the earlier time to --since");
        }
        return history.since(since.time().orElseThrow(), untilTime, to, since.label());
    }

    private Optional<RequestProbe> probe() {
        if (request == null) {
            if (listener != null) {
                throw new UsageException("--listener goes with --request");
            }
            return Optional.empty();
        }
        String r = request.replaceFirst("^https?://", "");
        int slash = r.indexOf('/');
        String host = slash < 0 ? r : r.substring(0, slash);
        String path = slash < 0 ? "/" : r.substring(slash);
        if (host.isEmpty()) {
            throw new UsageException("--request '" + request + "' must have the form HOST/PATH, e.g. shop.example.com/cart");
        }
        Optional<String> lb = Optional.empty();
        OptionalInt port = OptionalInt.empty();
        if (listener != null) {
            int colon = listener.lastIndexOf(':');
            lb = Optional.of(colon < 0 ? listener : listener.substring(0, colon)).filter(s -> !s.isEmpty());
            if (colon >= 0) {
                try {
                    port = OptionalInt.of(Integer.parseInt(listener.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    throw new UsageException("--listener '" + listener + "': the port must be a number");
                }
            }
        }
        return Optional.of(new RequestProbe(RouteCommand.request(host, path, method, headers, query,
                Optional.ofNullable(sourceIp)), lb, port));
    }
}
