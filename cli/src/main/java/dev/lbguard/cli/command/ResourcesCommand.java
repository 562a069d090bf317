package dev.lbguard.cli.command;

import dev.lbguard.cli.ExitCode;
import dev.lbguard.cli.UsageException;
import dev.lbguard.cli.report.ResourcesReport;
import dev.lbguard.cli.report.Style;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code resources}: the evaluated Terraform resource instances, for seeing what lbguard read. */
@Command(name = "resources", mixinStandardHelpOptions = true,
        description = "Print the Terraform resource instances lbguard evaluated (load-balancer types by default).")
public final class ResourcesCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--rev", paramLabel = "REV",
            description = "Read the files of this git revision (a branch, tag, HEAD~n, a commit id, or WORKTREE).")
    String rev;

    @Option(names = "--all-types", description = "Also print resources that are not load-balancer types.")
    boolean allTypes;

    public ResourcesCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format != OutputFormat.TEXT && options.format != OutputFormat.JSON) {
            throw new UsageException("resources writes text or json, not " + options.format.name().toLowerCase());
        }
        Workspace ws = Workspace.open(options, rev);
        TerraformInputs inputs = TerraformWorkspaces.forTree(TerraformInputsReader.read(environment, options),
                ws.tree());
        List<TerraformEvaluation> modules = new ArrayList<>();
        TerraformEvaluator evaluator = new TerraformEvaluator();
        for (String dir : ws.moduleDirs()) {
            modules.add(evaluator.evaluate(ws.tree(), dir, inputs));
        }
        Style style = ReportOutput.style(options, environment, System.console() != null);
        String report = options.format == OutputFormat.JSON
                ? ResourcesReport.json(modules, allTypes)
                : ResourcesReport.text(modules, allTypes, style);
        ReportOutput.write(options, spec.commandLine().getOut(), report, ResourcesReport.secrets(modules));
        boolean complete = modules.stream().allMatch(TerraformEvaluation::complete);
        return complete ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }
}
