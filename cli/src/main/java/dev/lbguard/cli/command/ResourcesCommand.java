package dev.lbguard.cli.command;

import dev.lbguard.analysis.EvaluatedResources;
import dev.lbguard.cli.report.ResourcesReport;
import dev.lbguard.cli.report.Style;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code resources}: the evaluated Terraform resource instances, for seeing what lbguard read. */
@Command(name = "resources", mixinStandardHelpOptions = true,
        description = "Print the Terraform resource instances lbguard evaluated (load-balancer types by default).")
public final class ResourcesCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    // HEAD, as every command that reads one revision: what `routes` shows is what `resources` explains.
    @Mixin
    RevisionOption revision;

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
        Workspace ws = Workspace.open(options, revision.rev);
        TerraformInputs inputs = TerraformWorkspaces.forTree(TerraformInputsReader.read(environment, options),
                ws.tree());
        EvaluatedResources result = EvaluatedResources.evaluate(ws.tree(), ws.moduleDirs(), inputs, allTypes);
        Style style = ReportOutput.style(options, environment);
        String report = options.format == OutputFormat.JSON
                ? ResourcesReport.json(result)
                : ResourcesReport.text(result, style);
        ReportOutput.write(options, spec.commandLine().getOut(), report, result.secrets());
        return result.complete() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }
}
