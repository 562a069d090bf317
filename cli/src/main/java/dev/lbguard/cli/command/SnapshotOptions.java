package dev.lbguard.cli.command;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.SnapshotMerger;
import dev.lbguard.source.dispatch.Configurations;
import dev.lbguard.source.terraform.eval.Reuse;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeSet;

/** Reads routing snapshots of revisions with the common options: the one way every command loads them. */
final class SnapshotOptions {
    private SnapshotOptions() {
    }

    static RoutingSnapshot load(CommonOptions options, Map<String, String> environment, String rev) {
        Workspace ws = Workspace.open(options, rev);
        return read(ws, inputs(options, environment));
    }

    /**
     * Two snapshots, each of the root modules its own revision has: a root added or removed by the change shows as
     * added or removed load balancers, and a directory that is a root on one side only (a called module given a
     * backend, or first called) is read as a root only there, as the timeline reads it. Reading the roots of either
     * side on both had read such a module as a root before it was one, and so hid the load balancers it added.
     */
    static List<RoutingSnapshot> loadPair(CommonOptions options, Map<String, String> environment, String baseRev,
                                          String headRev) {
        // Either side may have no root: a change that adds the first load balancer or deletes the last.
        Workspace base = Workspace.open(options, baseRev, false);
        Workspace head = Workspace.open(options, headRev, false);
        TreeSet<String> dirs = new TreeSet<>(base.moduleDirs());
        dirs.addAll(head.moduleDirs());
        if (dirs.isEmpty()) {
            throw new dev.lbguard.cli.command.UsageException(options.dir == null
                    ? "no Terraform root module with load-balancer resources, Ansible tree or HAProxy config found at "
                    + baseRev + " or at " + headRev + "; give --dir PATH"
                    : Configurations.noConfigurationAt(options.dir, baseRev + " or at " + headRev));
        }
        Configurations.Inputs inputs = inputs(options, environment);
        // The head's root modules take over what is unchanged since the base (see Reuse).
        Optional<Reuse.Roots> reuse = Optional.of(new Reuse.Roots());
        Map<String, RoutingSnapshot> before = readRoots(base, inputs, reuse);
        Map<String, RoutingSnapshot> after = readRoots(head, inputs, reuse);
        // A root that shares an address with another on either side is named apart on both (RootNames).
        return SnapshotMerger.pair(base.origin(), before, head.origin(), after, java.util.Set.of(),
                new dev.lbguard.source.terraform.SameStack(base.tree(), head.tree())::same);
    }

    /** Terraform variables and Ansible options from the command line and the environment. */
    static Configurations.Inputs inputs(CommonOptions options, Map<String, String> environment) {
        return new Configurations.Inputs(TerraformInputsReader.read(environment, options),
                options.ansibleOptions());
    }

    private static RoutingSnapshot read(Workspace ws, Configurations.Inputs inputs) {
        return SnapshotMerger.merge(ws.origin(), readRoots(ws, inputs, Optional.empty()));
    }

    private static Map<String, RoutingSnapshot> readRoots(Workspace ws, Configurations.Inputs inputs,
                                                          Optional<Reuse.Roots> reuse) {
        Configurations.Inputs forTree = new Configurations.Inputs(
                TerraformWorkspaces.forTree(inputs.terraform(), ws.tree()), inputs.ansible());
        return Configurations.readRoots(ws.tree(), ws.moduleDirs(), forTree, ws.origin(), reuse);
    }
}
