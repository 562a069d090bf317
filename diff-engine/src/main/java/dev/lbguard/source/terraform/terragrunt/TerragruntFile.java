package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Body;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.terraform.eval.ExprEvaluator;
import dev.lbguard.source.terraform.eval.ModuleCalls;
import dev.lbguard.source.terraform.eval.ModuleInstance;
import dev.lbguard.source.terraform.eval.Refs;
import dev.lbguard.source.terraform.eval.Scope;
import dev.lbguard.source.terraform.eval.Slot;
import dev.lbguard.source.terraform.functions.TfFunction;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Terragrunt file ({@code terragrunt.hcl}, an included {@code root.hcl}, a file read by
 * {@code read_terragrunt_config}) and the names its expressions see: its own {@code locals}, the exposed
 * {@code include}s and the {@code dependency} blocks of the configuration that reads it, Terraform's functions and
 * Terragrunt's (see {@link TerragruntFunctions}). An included file is evaluated in the context of the file that
 * includes it, as Terragrunt does: {@code get_terragrunt_dir()} is the including unit's directory there.
 */
final class TerragruntFile implements Refs {
    /** Where lbguard says the repository lies: Terragrunt's absolute paths are made under it. */
    static final String REPO_ROOT = "/repo";

    private final TerragruntConfig config;
    private final String path;
    private final Body body;
    private final Optional<TerragruntConfig.Include> asInclude;
    private final Map<String, Slot<Value>> locals = new HashMap<>();
    private final Map<String, Attribute> localAttributes = new LinkedHashMap<>();

    TerragruntFile(TerragruntConfig config, String path, Body body, Optional<TerragruntConfig.Include> asInclude) {
        this.config = config;
        this.path = path;
        this.body = body;
        this.asInclude = asInclude;
        for (dev.lbguard.source.hcl.Block b : body.blocks("locals")) {
            for (Attribute a : b.body().attributes()) {
                if (localAttributes.putIfAbsent(a.name(), a) != null) {
                    state().error("tg-duplicate", "local." + a.name() + " is defined twice", state().ref(a.nameRange()));
                }
            }
        }
    }

    TerragruntConfig config() {
        return config;
    }

    EvalState state() {
        return config.state();
    }

    String path() {
        return path;
    }

    String dir() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    Body body() {
        return body;
    }

    Optional<TerragruntConfig.Include> asInclude() {
        return asInclude;
    }

    /** Evaluates an expression of this file; failures are diagnostics and unknowns. */
    Value evaluate(Expression e) {
        return new ExprEvaluator(state()).value(e, Scope.of(this));
    }

    Value local(String name) {
        Attribute a = localAttributes.get(name);
        return state().compute(locals.computeIfAbsent(name, k -> new Slot<>()), path + ": local." + name,
                state().ref(a.range()), () -> evaluate(a.expression()),
                () -> Value.Unknown.unevaluable("cycle through local." + name));
    }

    /** Every local, as {@code read_terragrunt_config} and an exposed include give them. */
    Value localsObject() {
        Map<String, Value> fields = new LinkedHashMap<>();
        localAttributes.keySet().forEach(n -> fields.put(n, local(n)));
        return Value.Obj.object(fields);
    }

    /**
     * A path as Terragrunt gives it turned into a tree path: {@code /repo/...} is from the repository's top, a
     * relative path is from {@code base}. Empty when it leaves the repository.
     */
    Optional<String> treePath(String given, String base) {
        String p = given.replace('\\', '/');
        if (p.equals(REPO_ROOT)) {
            return Optional.of("");
        }
        if (p.startsWith(REPO_ROOT + "/")) {
            return ModuleCalls.join("", p.substring(REPO_ROOT.length() + 1));
        }
        if (p.startsWith("/") || p.startsWith("~") || p.matches("^[A-Za-z]:/.*")) {
            return Optional.empty();
        }
        return ModuleCalls.join(base, p);
    }

    /** A tree path as Terragrunt's functions give it: absolute, under {@link #REPO_ROOT}. */
    static String absolute(String treePath) {
        return treePath.isEmpty() ? REPO_ROOT : REPO_ROOT + "/" + treePath;
    }

    @Override
    public boolean allowsFunctions() {
        return true;
    }

    @Override
    public Optional<TfFunction> function(Expression.FunctionCall call, ExprEvaluator evaluator, Scope scope) {
        return new TerragruntFunctions(this, call, evaluator, scope).function(call.name());
    }

    @Override
    public Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
            throws EvalException {
        String r = root.name();
        Optional<String> first = ModuleInstance.attr(steps, 0);
        switch (r) {
            case "local" -> {
                if (first.isEmpty() || !localAttributes.containsKey(first.get())) {
                    return undeclared(root, steps, "reference to undeclared local value local." + first.orElse(""));
                }
                return new Resolved(local(first.get()), 1);
            }
            case "include" -> {
                return include(root, steps);
            }
            case "dependency" -> {
                Optional<TerragruntDependency> d = first.flatMap(n -> Optional.ofNullable(config.dependencies().get(n)));
                if (d.isEmpty()) {
                    return undeclared(root, steps, "reference to undeclared dependency dependency." + first.orElse(""));
                }
                Optional<String> what = ModuleInstance.attr(steps, 1);
                if (what.equals(Optional.of("outputs"))) {
                    Optional<String> output = ModuleInstance.attr(steps, 2);
                    Range at = steps.get(steps.size() - 1).range();
                    return output.isPresent() ? new Resolved(d.get().output(output.get(), at), 3)
                            : new Resolved(d.get().outputs(at), 2);
                }
                return new Resolved(state().fail("tg-unsupported", "dependency." + first.get() + "."
                        + what.orElse("") + " is not read by lbguard (only outputs are)", root.range()), steps.size());
            }
            default -> {
                return undeclared(root, steps, "unknown name " + r + " in a Terragrunt configuration (lbguard reads "
                        + "local, include and dependency)");
            }
        }
    }

    private Resolved include(Expression.Variable root, List<Step> steps) {
        Optional<String> name = ModuleInstance.attr(steps, 0);
        Optional<TerragruntConfig.Include> inc = name.flatMap(config::include);
        if (inc.isEmpty()) {
            return undeclared(root, steps, "reference to undeclared include include." + name.orElse(""));
        }
        if (!inc.get().expose()) {
            return undeclared(root, steps, "include." + name.get() + " is not exposed: set expose = true to read it");
        }
        Optional<TerragruntFile> parent = inc.get().file();
        if (parent.isEmpty()) {
            return new Resolved(Value.Unknown.unevaluable("include " + name.get() + " could not be read"), 1);
        }
        Optional<String> part = ModuleInstance.attr(steps, 1);
        Optional<String> key = ModuleInstance.attr(steps, 2);
        if (part.equals(Optional.of("locals")) && key.isPresent() && parent.get().localAttributes.containsKey(key.get())) {
            return new Resolved(parent.get().local(key.get()), 3);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("locals", parent.get().localsObject());
        fields.put("inputs", config.inputsOf(parent.get()).all());
        return new Resolved(Value.Obj.object(fields), 1);
    }

    private Resolved undeclared(Expression.Variable root, List<Step> steps, String message) {
        Range at = steps.isEmpty() ? root.range() : steps.get(steps.size() - 1).range();
        Range span = new Range(root.range().file(), root.range().startLine(), root.range().startColumn(),
                at.endLine(), at.endColumn());
        return new Resolved(state().fail("tg-reference", message, span), steps.size());
    }
}
