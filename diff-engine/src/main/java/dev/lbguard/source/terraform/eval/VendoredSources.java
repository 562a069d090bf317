package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.SourceTree;
import java.util.Optional;

/**
 * The module a Terragrunt unit's remote {@code terraform.source} names, read from a copy given with
 * {@code --module-dir SOURCE=DIR}, where SOURCE is the unit's source as written, {@code ?ref=} or
 * {@code ?version=} included: a review of a change that bumps the ref then finds no copy for one side and says so,
 * instead of reading one copy for both. Nothing is downloaded, and a unit without its copy stays unread.
 */
public final class VendoredSources {
    private VendoredSources() {
    }

    /** A copy of a unit's module: the state that evaluates it, and where the copy comes from, for reports. */
    public record Copy(EvalState state, String origin) {
    }

    /** The state evaluating the copy given for {@code source} for the unit in {@code unitDir}, if one was given. */
    public static Optional<Copy> of(SourceTree tree, TerraformInputs inputs, String unitDir, String source) {
        if (inputs.moduleDirs().isEmpty()) {
            return Optional.empty();
        }
        InstalledModules installed = InstalledModules.of(inputs, unitDir);
        Optional<java.util.Map.Entry<TerraformInputs.ModuleDir, String>> copy = installed.vendoredExactly(source);
        if (copy.isEmpty()) {
            return Optional.empty();
        }
        SourceTree mounted = installed.mount(tree);
        if (!mounted.isDirectory(copy.get().getValue())) {
            return Optional.empty();
        }
        EvalState state = new EvalState(mounted, copy.get().getValue(), installed);
        state.limits(inputs.limits());
        return Optional.of(new Copy(state, "given by --module-dir " + copy.get().getKey().keyOrSource() + "="
                + copy.get().getKey().dir()));
    }
}
