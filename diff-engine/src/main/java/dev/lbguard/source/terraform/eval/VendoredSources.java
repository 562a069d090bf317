package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.SourceTree;
import java.util.Optional;

/**
 * The module a Terragrunt unit's remote {@code terraform.source} names, read from a copy given with
 * {@code --module-dir} (by the source address, without its {@code ?ref}, or by the unit's directory), as a module
 * call's remote source is: nothing is downloaded, and a unit without a copy stays unread.
 */
public final class VendoredSources {
    private VendoredSources() {
    }

    /** A copy of a unit's module: the state that evaluates it, and where the copy comes from, for reports. */
    public record Copy(EvalState state, String origin) {
    }

    /**
     * The state evaluating the copy of {@code source} (a Terragrunt source: {@code tfr:///ns/name/provider?version=V}
     * is the registry address {@code ns/name/provider}) given for the unit in {@code unitDir}, if one was given.
     */
    public static Optional<Copy> of(SourceTree tree, TerraformInputs inputs, String unitDir, String source) {
        if (inputs.moduleDirs().isEmpty()) {
            return Optional.empty();
        }
        String address = source.startsWith("tfr:///") ? source.substring("tfr:///".length()) : source;
        InstalledModules installed = InstalledModules.of(inputs, unitDir);
        if (!(installed.resolve(unitDir, address, Optional.empty())
                instanceof InstalledModules.Resolution.Found found) || !found.outsideRepository()) {
            return Optional.empty();
        }
        SourceTree mounted = installed.mount(tree);
        if (!mounted.isDirectory(found.dir())) {
            return Optional.empty();
        }
        EvalState state = new EvalState(mounted, found.dir(), installed);
        state.limits(inputs.limits());
        return Optional.of(new Copy(state, found.origin()));
    }
}
