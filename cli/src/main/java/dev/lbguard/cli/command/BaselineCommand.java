package dev.lbguard.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.cli.report.Json;
import dev.lbguard.model.Baseline;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.git.Baselines;
import dev.lbguard.source.git.GitRepository;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baseline}: the last known-good revision, kept as git refs under {@code refs/lbguard/} so that it travels
 * with {@code git push origin 'refs/lbguard/*:refs/lbguard/*'}. The only command that writes to the repository.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Mark and show the last known-good revision, kept in the repository as git refs under "
                + "refs/lbguard/ (share them with: git push origin 'refs/lbguard/*:refs/lbguard/*').",
            "rollback and audit compare against it."},
        subcommands = {BaselineCommand.Mark.class, BaselineCommand.Show.class, BaselineCommand.ListMarks.class})
public final class BaselineCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: mark, show or list");
    }

    /** {@code baseline mark}: records a revision as known-good. */
    @Command(name = "mark", mixinStandardHelpOptions = true,
            description = "Record REV as the known-good revision, with who marked it, when and why (an annotated tag "
                    + "under refs/lbguard/). Writes nothing else: no branch, tag, index or file changes.")
    public static final class Mark implements Callable<Integer> {
        private final Map<String, String> environment;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions options;

        @Parameters(index = "0", paramLabel = "REV", defaultValue = "HEAD",
                description = "The revision that is known to route correctly. Default: ${DEFAULT-VALUE}.")
        String rev;

        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
                description = "Why it is known-good, e.g. 'verified after the 14:00 deploy'.")
        String note;

        public Mark(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            try (GitRepository git = open(options)) {
                RevCommit commit = git.resolve(rev);
                Baseline m = new Baselines(git).mark(commit, who(git), note);
                String out = options.format == OutputFormat.JSON ? json(Optional.of(m), List.of(m))
                        : "Marked " + rev + " (" + m.commit().substring(0, 12) + " " + m.subject() + ") as known-good.\n"
                        + describe(m) + "Share it with: git push origin 'refs/lbguard/*:refs/lbguard/*'\n";
                ReportOutput.write(options, spec.commandLine().getOut(), out, dev.lbguard.model.Secrets.NONE);
                return ExitCode.CLEAN.code();
            } catch (SourceException e) {
                throw new UsageException(e.getMessage());
            }
        }

        /** As git does: GIT_COMMITTER_NAME/EMAIL, then the repository's user.name/email; the time is now. */
        private PersonIdent who(GitRepository git) {
            var config = git.jgit().getConfig();
            String name = Optional.ofNullable(environment.get("GIT_COMMITTER_NAME"))
                    .or(() -> Optional.ofNullable(config.getString("user", null, "name")))
                    .or(() -> Optional.ofNullable(environment.get("USER"))).orElse("unknown");
            String email = Optional.ofNullable(environment.get("GIT_COMMITTER_EMAIL"))
                    .or(() -> Optional.ofNullable(config.getString("user", null, "email"))).orElse("");
            return new PersonIdent(name, email, When.now(environment), ZoneOffset.UTC);
        }
    }

    /** {@code baseline show}: the current known-good revision. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the current known-good revision.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:shown", "2:none marked yet"})
    public static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions options;

        @Override
        public Integer call() {
            try (GitRepository git = open(options)) {
                Baselines b = new Baselines(git);
                Baseline m = b.current().orElseThrow(() -> new UsageException(NONE));
                String out = options.format == OutputFormat.JSON ? json(Optional.of(m), b.list())
                        : "Known-good: " + m.commit().substring(0, 12) + " " + m.subject() + "\n" + describe(m);
                ReportOutput.write(options, spec.commandLine().getOut(), out, dev.lbguard.model.Secrets.NONE);
                return ExitCode.CLEAN.code();
            } catch (SourceException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** {@code baseline list}: every mark, newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every known-good mark, newest first.")
    public static final class ListMarks implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions options;

        @Override
        public Integer call() {
            try (GitRepository git = open(options)) {
                Baselines b = new Baselines(git);
                Optional<Baseline> current = b.current();
                List<Baseline> marks = b.list();
                String out;
                if (options.format == OutputFormat.JSON) {
                    out = json(current, marks);
                } else {
                    StringBuilder s = new StringBuilder(marks.isEmpty() ? NONE + "\n" : "");
                    for (Baseline m : marks) {
                        boolean isCurrent = current.map(c -> c.when().equals(m.when()) && c.commit().equals(m.commit()))
                                .orElse(false);
                        s.append(isCurrent ? "* " : "  ").append(m.commit(), 0, 12).append("  ")
                                .append(m.when()).append("  ").append(m.marker()).append("  ")
                                .append(m.note().isEmpty() ? m.subject() : m.note()).append('\n');
                    }
                    out = s.toString();
                }
                ReportOutput.write(options, spec.commandLine().getOut(), out, dev.lbguard.model.Secrets.NONE);
                return ExitCode.CLEAN.code();
            } catch (SourceException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    static final String NONE = "no known-good revision is marked in this repository (mark one with 'lbguard baseline "
            + "mark REV', or fetch the team's marks with: git fetch origin 'refs/lbguard/*:refs/lbguard/*')";

    static GitRepository open(CommonOptions options) throws SourceException {
        return GitRepository.open(options.repo == null ? Path.of("").toAbsolutePath() : options.repo);
    }

    static String describe(Baseline m) {
        return "  marked by " + (m.marker().isEmpty() ? "(unknown)" : m.marker()
                + (m.email().isEmpty() ? "" : " <" + m.email() + ">")) + " at " + m.when()
                + (m.note().isEmpty() ? "" : "\n  note: " + m.note()) + "\n  ref: " + m.ref() + "\n";
    }

    static String json(Optional<Baseline> current, List<Baseline> marks) {
        ObjectNode root = Json.header("baseline", true, List.of());
        current.ifPresent(m -> root.set("knownGood", mark(m)));
        ArrayNode a = root.putArray("marks");
        marks.forEach(m -> a.add(mark(m)));
        return Json.write(root, dev.lbguard.model.Secrets.NONE);
    }

    static ObjectNode mark(Baseline m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("commit", m.commit()).put("subject", m.subject()).put("markedBy", m.marker()).put("email", m.email())
                .put("time", m.when().toString()).put("note", m.note()).put("ref", m.ref());
        return n;
    }
}
