package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.value.Value;

/**
 * {@code terraform.workspace} in every module of one evaluation: the root's inputs choose it before any module is
 * evaluated ({@link RootInputs}). A workspace other than {@code default} comes from outside the repository (the
 * command line, the environment, a selection on disk), so the first place that reads it says so, as a variable
 * given from outside does: the report holds for that workspace.
 */
final class WorkspaceName {
    private String name = TerraformWorkspace.DEFAULT;
    private String origin = "the default";
    private boolean noted;

    void choose(String chosen, String from) {
        name = chosen;
        origin = from;
    }

    Value read(EvalState state, Range at) {
        if (!name.equals(TerraformWorkspace.DEFAULT) && !noted) {
            noted = true;
            state.warning("tf-workspace-from-outside", "terraform.workspace is \"" + name + "\", " + origin
                    + ", not from the repository; this report holds for that workspace", state.ref(at));
        }
        return new Value.Str(name);
    }
}
