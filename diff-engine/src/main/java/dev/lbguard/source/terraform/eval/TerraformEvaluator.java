package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.MovedBlock;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a Terraform root module as {@code terraform plan} would: variables, locals, references,
 * {@code count}/{@code for_each}, {@code dynamic} blocks, functions and local modules. Never does I/O
 * beyond the given tree; what it cannot evaluate becomes a diagnostic and an unknown value.
 */
public final class TerraformEvaluator {

    /** Evaluates the root module in {@code moduleDir} ({@code ""} for the tree's root). */
    public TerraformEvaluation evaluate(SourceTree tree, String moduleDir, TerraformInputs inputs) {
        return evaluate(tree, moduleDir, inputs, null);
    }

    /**
     * Evaluates the root module in {@code moduleDir}, taking over what {@code reuse}'s previous evaluation of it
     * computed where nothing it read changed, and leaving this evaluation to {@code reuse}'s next one.
     */
    public TerraformEvaluation evaluate(SourceTree tree, String moduleDir, TerraformInputs inputs, Reuse reuse) {
        Optional<String> normalized = ModuleCalls.join("", moduleDir);
        String dir = normalized.orElse("");
        InstalledModules installed = InstalledModules.of(inputs, dir);
        EvalState state = new EvalState(installed.mount(tree), dir, installed);
        state.cwd(inputs.workspace().workTree().map(w -> w.resolve(dir).toAbsolutePath().normalize()));
        state.limits(inputs.limits());
        if (normalized.isEmpty()) {
            state.error("tf-no-files", "module directory " + moduleDir + " is outside the tree", state.fileRef(""));
            return new TerraformEvaluation(moduleDir, List.of(), List.of(), state.diagnostics(), List.of(),
                    state.secrets());
        }
        return evaluate(state, moduleDir, "", root -> new RootInputs(state, root, inputs), inputs, reuse);
    }

    /**
     * Evaluates the module in {@code state.rootDir} as a root module whose variables come from {@code inputs}
     * (a Terragrunt unit gives its {@code inputs}), its addresses under {@code path} ({@code ""} for none), and
     * reported as the root module {@code reportedDir}.
     */
    public TerraformEvaluation evaluate(EvalState state, String reportedDir, String path,
                                 java.util.function.Function<ModuleConfig, Variables.Source> inputs) {
        return evaluate(state, reportedDir, path, inputs, null, null);
    }

    private TerraformEvaluation evaluate(EvalState state, String reportedDir, String path,
                                         java.util.function.Function<ModuleConfig, Variables.Source> inputs,
                                         TerraformInputs given, Reuse reuse) {
        String dir = state.rootDir;
        String moduleDir = reportedDir;
        List<ResourceInstance> resources = new ArrayList<>();
        List<MovedBlock> moved = new ArrayList<>();
        List<ResourceInstance> dataSources = new ArrayList<>();
        try {
            if (reuse != null) {
                reuse.prepare(state);
            }
            ModuleConfig root = state.loader.load(dir);
            ModuleInstance instance = new ModuleInstance(state, root, path, ".", inputs.apply(root));
            state.replayThrough(instance::touch);
            if (reuse != null) {
                reuse.seed(state, given, root, instance);
            }
            instance.evaluateAll();
            instance.collect(resources, moved);
            instance.collectDataSources(dataSources);
            Set<List<Object>> routing = new HashSet<>();
            instance.errorsReachingRouting(routing);
            state.settle(routing, ErrorReach.ALWAYS_ROUTING);
            reportUnread(state, resources);
            ensureReported(state, resources, reuse == null ? ValueJson::unevaluated : reuse.unevaluatedPaths());
            if (reuse != null) {
                reuse.remember(state, given, root, instance);
                resources = reuse.order().sorted(resources);
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (reuse != null) {
                reuse.forget();
            }
            // Evaluation is total: a bug in lbguard makes the result incomplete, never the caller crash.
            resources.clear();
            moved.clear();
            dataSources.clear();
            state.error("tf-internal", "internal error evaluating " + (dir.isEmpty() ? "." : dir) + ": " + e,
                    state.fileRef(dir), dev.lbguard.diagnostic.UnreadScope.path(dir));
        }
        return new TerraformEvaluation(moduleDir, resources, moved, state.diagnostics(), dataSources,
                state.secrets());
    }

    /** An error for each declared resource of a type that routes requests but is not read. */
    private static void reportUnread(EvalState state, List<ResourceInstance> resources) {
        java.util.Set<dev.lbguard.diagnostic.SourceRef> reported = new java.util.HashSet<>();
        for (ResourceInstance r : resources) {
            if (TerraformEvaluation.UNREAD_LOAD_BALANCER_TYPES.contains(r.type()) && reported.add(r.source())) {
                state.error("tf-unsupported-resource", r.address() + ": lbguard does not read "
                        + r.type() + " (Classic Load Balancer), so its routing is not in this report; review it by "
                        + "hand", r.source());
            }
        }
    }

    /**
     * Guarantees that a load-balancer resource with a value routing reads that lbguard could not evaluate never
     * comes with a complete evaluation: every such value has its cause reported where it failed, and this
     * catches any path where that did not happen. Apply-time functions ({@code timestamp()}) are unknown to
     * Terraform too.
     */
    private static void ensureReported(EvalState state, List<ResourceInstance> resources,
                                       java.util.function.Function<Value.Obj, List<ValueJson.UnevaluatedPath>> paths) {
        if (state.hasErrors()) {
            return;
        }
        for (ResourceInstance r : resources) {
            if (!TerraformEvaluation.LOAD_BALANCER_TYPES.contains(r.type())) {
                continue;
            }
            // The same attributes (taken over from an earlier evaluation) have the same unevaluated paths.
            for (ValueJson.UnevaluatedPath p : paths.apply(r.attributes())) {
                if (p.reason().endsWith("known only at apply time")) {
                    continue;
                }
                String top = p.path().split("[.\\[]", 2)[0];
                if (!ErrorReach.routingAttributes(r.type()).contains(top)) {
                    continue;
                }
                if (top.equals("listener_arn") && r.attributes().get(top) instanceof Value.Unknown u
                        && u.missingVariable().isPresent()) {
                    // The listener of another stack the variable names (see ModuleInstance#errorsReachingRouting).
                    continue;
                }
                state.error("tf-eval", r.address() + "." + p.path() + " could not be evaluated: " + p.reason(),
                        r.attributeSources().getOrDefault(top, r.source()));
            }
        }
    }
}
