package dev.lbguard.cli.command;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.terraform.TerraformInputs;
import dev.lbguard.source.terraform.TerraformSource;
import java.util.Map;

/** Reads the routing snapshot of one revision with the common options: the one way every command loads one. */
final class SnapshotOptions {
    private SnapshotOptions() {
    }

    static RoutingSnapshot load(CommonOptions options, Map<String, String> environment, String rev) {
        Workspace ws = Workspace.open(options, rev);
        TerraformInputs inputs = TerraformInputsReader.read(environment, options.varArguments());
        return new TerraformSource().read(ws.tree(), ws.moduleDirs(), inputs, ws.origin());
    }
}
