package dev.lbguard.source.terraform.eval;

import static dev.lbguard.source.terraform.eval.ModuleInstance.attr;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.Dep.Kind;
import dev.lbguard.source.terraform.eval.Refs.Resolved;
import dev.lbguard.source.terraform.eval.Refs.Step;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * Terraform's named values as one module instance resolves them: {@code var.}, {@code local.}, {@code module.},
 * {@code data.}, resources, {@code path.} and {@code terraform.}. Each reference records what it reads, and one
 * Terraform rejects before evaluating is reported where it stands.
 */
final class NamedValues {
    private final ModuleInstance module;
    private final EvalState state;
    private final ModuleConfig config;

    NamedValues(ModuleInstance module) {
        this.module = module;
        this.state = module.state;
        this.config = module.config;
    }

    Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
            throws EvalException {
        String r = root.name();
        switch (r) {
            case "var", "local", "path", "terraform" -> {
                Optional<String> name = attr(steps, 0);
                if (name.isEmpty()) {
                    return undeclared(root, steps, r + " must be followed by .NAME");
                }
                if (r.equals("var") || r.equals("local")) {
                    state.depend(state.deps.of(r.equals("var") ? Kind.VARIABLE : Kind.LOCAL, name.get()));
                }
                return named(root, r, name.get(), steps);
            }
            case "module" -> {
                Optional<String> name = attr(steps, 0);
                state.depend(state.deps.of(Kind.MODULE, name.orElse("")));
                if (name.isEmpty() || !config.moduleCalls().containsKey(name.get())) {
                    return undeclared(root, steps, "reference to undeclared module "
                            + name.map(n -> "module." + n).orElse("module"));
                }
                return ModuleCalls.reference(module.call(name.get()), name.get(), steps, evaluator, scope);
            }
            case "data" -> {
                Optional<String> type = attr(steps, 0);
                Optional<String> name = attr(steps, 1);
                String key = type.orElse("?") + "." + name.orElse("?");
                state.depend(state.deps.of(Kind.DATA, key));
                if (type.isEmpty() || name.isEmpty() || !config.dataSources().containsKey(key)) {
                    return undeclared(root, steps, "reference to undeclared data source data." + key);
                }
                if (TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type.get())) {
                    // Stable within a plan: the same lookup finds the same listener, so rules on it can be read.
                    // What the lookup finds depends on all its arguments, so a reference to it reads them all.
                    ResourceEvaluator.Result lookup = module.dataSource(key);
                    state.read(lookup.allErrors());
                    return new Resolved(lookup.reference(), 2);
                }
                Optional<String> output = attr(steps, 3);
                if (type.get().equals("terraform_remote_state") && attr(steps, 2).equals(Optional.of("outputs"))
                        && output.isPresent() && config.dataSources().get(key).body().attribute("count").isEmpty()
                        && config.dataSources().get(key).body().attribute("for_each").isEmpty()) {
                    // An output of another stack's state, read at plan time: stable within a plan, so an ARN from
                    // it names a listener or target group of that stack (see ResourceEvaluator#reportDataSources).
                    return new Resolved(
                            Value.Unknown.reference(module.label("data." + key), "outputs." + output.get()), 4);
                }
                // Not reported here: it matters only where it reaches a load-balancer resource (see ResourceEvaluator).
                return new Resolved(Value.Unknown.unevaluable(
                        "data source " + key + " is read at plan time; lbguard cannot read it"), 2);
            }
            case "count", "each", "self" -> {
                String where = r.equals("self") ? "provisioner and connection blocks"
                        : "blocks that set " + (r.equals("count") ? "count" : "for_each");
                return undeclared(root, steps, r + " can only be used in " + where);
            }
            default -> {
                Optional<String> name = attr(steps, 0);
                String key = r + "." + name.orElse("");
                state.depend(state.deps.of(Kind.RESOURCE, key));
                if (name.isEmpty() || !config.resources().containsKey(key)) {
                    return undeclared(root, steps, name.isEmpty() ? "unknown name " + r
                            : "reference to undeclared resource " + key);
                }
                ResourceEvaluator.Result resource = module.resource(key);
                state.read(resource.errorsReadBy(steps));
                return new Resolved(resource.reference(), 1);
            }
        }
    }

    private Resolved named(Expression.Variable root, String kind, String name, List<Step> steps) {
        switch (kind) {
            case "var" -> {
                if (!config.variables().containsKey(name)) {
                    return undeclared(root, steps, "reference to undeclared input variable var." + name);
                }
                return new Resolved(module.variable(name), 1);
            }
            case "local" -> {
                if (!config.locals().containsKey(name)) {
                    return undeclared(root, steps, "reference to undeclared local value local." + name);
                }
                return new Resolved(module.local(name), 1);
            }
            case "path" -> {
                if (name.equals("module")) {
                    return new Resolved(new Value.Str(module.pathModule), 1);
                } else if (name.equals("root")) {
                    return new Resolved(new Value.Str("."), 1);
                } else if (name.equals("cwd")) {
                    // Absolute in Terraform: basename(path.cwd) names the root module's directory.
                    return new Resolved(state.cwd(root.range()), 1);
                }
                return undeclared(root, steps, "unknown attribute path." + name);
            }
            default -> {
                if (name.equals("workspace")) {
                    return new Resolved(state.workspace(root.range()), 1);
                }
                return undeclared(root, steps, "unknown attribute terraform." + name);
            }
        }
    }

    /** A reference Terraform rejects before evaluating: reported even inside try(), which cannot catch it. */
    private Resolved undeclared(Expression.Variable root, List<Step> steps, String message) {
        dev.lbguard.source.hcl.Range at = steps.isEmpty() ? root.range() : steps.get(steps.size() - 1).range();
        dev.lbguard.source.hcl.Range span = new dev.lbguard.source.hcl.Range(root.range().file(),
                root.range().startLine(), root.range().startColumn(), at.endLine(), at.endColumn());
        return new Resolved(state.fail("tf-reference", message, span), steps.size());
    }
}
