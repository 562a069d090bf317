package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.terraform.eval.Dep.Kind;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.resources.MovedBlock;
import dev.lbguard.source.resources.References;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One instance of a module (the root, or {@code module.svc["api"]}) and the references inside it. Every
 * variable, local, resource, module call and output is evaluated on first use and cached, so declarations
 * may come in any order; a reference cycle becomes a diagnostic.
 */
public final class ModuleInstance implements Refs {
    final EvalState state;
    final ModuleConfig config;
    /** The module path in addresses: {@code ""} for the root, else e.g. {@code module.svc["api"]}. */
    final String path;
    /** What {@code path.module} gives: the module directory relative to the root module, {@code "."} for it. */
    final String pathModule;
    final int depth;
    /** The directories of the instances it is inside, outermost first: calling one of them closes a loop. */
    final List<String> callers;
    /** The module key as terraform writes it in {@code modules.json}: call names joined with dots, {@code ""} for the root. */
    final String key;
    private final Variables.Source inputs;
    // The value of each declaration read so far: variables, locals, outputs, resources, lookups, module calls.
    final Slots slots = new Slots();
    // Taken over whole from the previous evaluation (see InstanceTakeover): its values replay when read.
    boolean takenOver;
    private final NamedValues names;

    /** The root module. */
    ModuleInstance(EvalState state, ModuleConfig config, String path, String pathModule, Variables.Source inputs) {
        this(state, config, path, pathModule, List.of(), "", inputs);
    }

    ModuleInstance(EvalState state, ModuleConfig config, String path, String pathModule, List<String> callers,
                   String key, Variables.Source inputs) {
        this.state = state;
        this.config = config;
        this.path = path;
        this.pathModule = pathModule;
        this.callers = callers;
        this.depth = callers.size();
        this.key = key;
        this.inputs = inputs;
        this.names = new NamedValues(this);
    }

    String label(String s) {
        return path.isEmpty() ? s : path + "." + s;
    }

    Value variable(String name) {
        Block decl = config.variables().get(name);
        return state.compute(slot(Kind.VARIABLE, name, false), label("var." + name),
                state.ref(decl.range()), () -> sensitiveIfDeclared(decl, Variables.value(state, decl, inputs)),
                () -> Value.Unknown.unevaluable("cycle through var." + name));
    }

    /** A variable declared {@code sensitive = true} has its value hidden in every report. */
    private Value sensitiveIfDeclared(Block decl, Value value) {
        Optional<Attribute> sensitive = decl.body().attribute("sensitive");
        if (sensitive.isPresent()
                && new ExprEvaluator(state).value(sensitive.get().expression(), Scope.of(this)) instanceof Value.Bool b
                && b.value()) {
            state.sensitive(value);
        }
        return value;
    }

    Value local(String name) {
        Attribute a = config.locals().get(name);
        return state.compute(slot(Kind.LOCAL, name, false), label("local." + name),
                state.ref(a.range()), () -> new ExprEvaluator(state).value(a.expression(), Scope.of(this)),
                () -> Value.Unknown.unevaluable("cycle through local." + name));
    }

    Value output(String name) {
        Block b = config.outputs().get(name);
        return state.compute(slot(Kind.OUTPUT, name, false), label("output." + name),
                state.ref(b.range()), () -> {
                    Optional<Attribute> value = b.body().attribute("value");
                    if (value.isEmpty()) {
                        return state.fail("tf-output", "output " + name + " has no value argument", b.range());
                    }
                    // A sensitive output holds values that are sensitive where they come from (a variable,
                    // sensitive()), and those are hidden already; its other strings are not secrets.
                    return new ExprEvaluator(state).value(value.get().expression(), Scope.of(this));
                }, () -> Value.Unknown.unevaluable("cycle through output." + name));
    }

    /** All outputs as the object {@code module.NAME} gives. */
    Value outputsObject() {
        Map<String, Value> fields = new LinkedHashMap<>();
        config.outputs().keySet().forEach(o -> fields.put(o, output(o)));
        return Value.Obj.object(fields);
    }

    ResourceEvaluator.Result resource(String key) {
        // Read thousands of times per evaluation, mostly once computed: its label and evaluator only when it is not.
        Slot<ResourceEvaluator.Result> slot = slot(Kind.RESOURCE, key, true);
        return slot.value().isPresent() ? state.computed(slot) : planned(Kind.RESOURCE, key,
                config.resources().get(key), label(key), new ResourceEvaluator(this));
    }

    /** A data source of a load-balancer type, evaluated as its lookup (see {@link ResourceEvaluator#dataSource}). */
    ResourceEvaluator.Result dataSource(String key) {
        return planned(Kind.DATA, key, config.dataSources().get(key), label("data." + key),
                ResourceEvaluator.dataSource(this));
    }

    /**
     * A resource or lookup planned once. Isolated: a reference reads its count and the attribute it names (a
     * lookup: all its arguments), not everything it met.
     */
    private ResourceEvaluator.Result planned(Kind kind, String key, Block b, String address,
                                             ResourceEvaluator evaluator) {
        return state.compute(this.<ResourceEvaluator.Result>slot(kind, key, true), address,
                state.ref(b.range()), () -> {
                    try {
                        return evaluator.evaluate(b);
                    } catch (RuntimeException e) {
                        return ResourceEvaluator.Result.failed(state.fail("tf-internal",
                                "internal error evaluating " + address + ": " + e, b.range()), Set.of());
                    }
                }, () -> ResourceEvaluator.Result.failed(
                        Value.Unknown.unevaluable("cycle through " + address), Set.of()));
    }

    /** The data sources of load-balancer types that were read, here and in child modules. */
    void collectDataSources(List<ResourceInstance> out) {
        slots.read(Kind.DATA).stream().sorted()
                .forEach(k -> out.addAll(dataSource(k).instances()));
        for (String name : config.moduleCalls().keySet()) {
            call(name).instances().values().forEach(c -> c.collectDataSources(out));
        }
    }

    ModuleCalls.Result call(String name) {
        Block b = config.moduleCalls().get(name);
        String address = label("module." + name);
        return state.compute(slot(Kind.MODULE, name, false), address,
                state.ref(b.range()), () -> {
                    try {
                        return new ModuleCalls(this).expand(name, b);
                    } catch (RuntimeException e) {
                        return ModuleCalls.Result.failed(state.fail("tf-internal",
                                "internal error evaluating " + address + ": " + e, b.range()));
                    }
                }, () -> ModuleCalls.Result.failed(Value.Unknown.unevaluable("cycle through " + address)));
    }

    /** The slot of a declaration; in the root module it knows what it is the value of, for reuse. */
    private <T> Slot<T> slot(Kind kind, String name, boolean isolated) {
        Slot<T> slot = slots.get(kind, name);
        if (slot == null) {
            Dep dep = depth == 0 ? state.deps.of(kind, name) : null;
            slot = new Slot<T>(isolated, dep);
            slots.put(kind, dep != null ? dep.name() : name, slot); // by the pooled key, as seed puts (identity)
        }
        return slot;
    }

    /** The computed values of this (root) module instance, by declaration. */
    Map<Dep, Slot<?>> computed() {
        return slots.computed();
    }

    /** Takes over a value an earlier evaluation computed (see {@link Reuse}); never a module call's. */
    void seed(Slot<?> slot) {
        slots.put(slot.dep.kind(), slot.dep.name(), slot);
    }

    /** Reads a declaration's value again where this instance has a slot for it (a replayed value's dependency). */
    void touch(Dep dep) {
        Slot<?> slot = slots.get(dep.kind(), dep.name());
        if (slot != null && slot.value().isPresent()) {
            // What each kind's reader does with a value already computed (or taken over).
            state.computed(slot);
        } else if (slot != null) {
            switch (dep.kind()) {
                case VARIABLE -> variable(dep.name());
                case LOCAL -> local(dep.name());
                case OUTPUT -> output(dep.name());
                case RESOURCE -> resource(dep.name());
                case DATA -> dataSource(dep.name());
                case MODULE -> call(dep.name());
            }
        }
    }

    /** Evaluates everything declared here and in child modules, as {@code terraform plan} does. */
    void evaluateAll() {
        config.variables().keySet().forEach(this::variable);
        if (depth > 0 && !takenOver) {
            InstanceTakeover.attempt(this);
        }
        config.locals().keySet().forEach(this::local);
        config.resources().keySet().forEach(this::resource);
        for (String name : config.moduleCalls().keySet()) {
            call(name).instances().values().forEach(ModuleInstance::evaluateAll);
        }
        config.outputs().keySet().forEach(this::output);
    }

    /** The resource instances and moved blocks of this instance and its children. */
    void collect(List<ResourceInstance> resourcesOut, List<MovedBlock> movedOut) {
        config.resources().keySet().forEach(k -> resourcesOut.addAll(resource(k).instances()));
        for (Block m : config.moved()) {
            Moved.of(this, m).ifPresent(movedOut::add);
        }
        for (String name : config.moduleCalls().keySet()) {
            call(name).instances().values().forEach(c -> c.collect(resourcesOut, movedOut));
        }
    }

    /**
     * Adds the errors that reach routing here and in child modules: what the routing model reads of each
     * load-balancer resource and its count, every error of a resource type lbguard does not read, and the
     * expansion of each module call that may declare load-balancer resources.
     */
    void errorsReachingRouting(Set<List<Object>> out) {
        for (String key : config.resources().keySet()) {
            String type = key.substring(0, key.indexOf('.'));
            if (TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type)) {
                ResourceEvaluator.Result r = resource(key);
                Set<List<Object>> errors = r.errorsReaching(ErrorReach.routingAttributes(type));
                if (!errors.isEmpty()) {
                    Set<List<Object>> reaching = new java.util.HashSet<>(errors);
                    reaching.removeAll(listenerGivenByMissingVariable(r, ErrorReach.routingAttributes(type)));
                    out.addAll(reaching);
                }
            } else if (TerraformEvaluation.UNREAD_LOAD_BALANCER_TYPES.contains(type)) {
                out.addAll(resource(key).allErrors());
            }
        }
        for (String name : config.moduleCalls().keySet()) {
            ModuleCalls.Result r = call(name);
            Slot<?> slot = slots.get(Kind.MODULE, name);
            if (r.child().map(c -> ErrorReach.mayRoute(state.loader, c, 0)).orElse(true)) {
                out.addAll(slot.errors());
            }
            r.instances().values().forEach(c -> c.errorsReachingRouting(out));
        }
    }

    /**
     * A rule whose {@code listener_arn} is a root variable without a value hangs on the listener of another stack
     * that the variable names: that the variable has no value moves no request of this configuration's rules. The
     * variable's own error is left out of what {@code listener_arn} reaches, unless another routing attribute reads
     * it too (then it still reaches routing from there).
     */
    private static Set<List<Object>> listenerGivenByMissingVariable(ResourceEvaluator.Result r, Set<String> routing) {
        boolean byVariable = !r.instances().isEmpty() && r.instances().stream().allMatch(i ->
                References.canonical(i.type()).equals("aws_lb_listener_rule")
                        && i.attributes().get("listener_arn") instanceof Value.Unknown u
                        && u.missingVariable().isPresent());
        if (!byVariable) {
            return Set.of();
        }
        Set<List<Object>> fromListener = new java.util.HashSet<>();
        r.attributeErrors().getOrDefault("listener_arn", Set.of()).stream()
                .filter(k -> k.size() > 1 && "tf-variable-missing".equals(k.get(1))).forEach(fromListener::add);
        r.attributeErrors().forEach((name, errors) -> {
            if (!name.equals("listener_arn") && routing.contains(name)) {
                fromListener.removeAll(errors);
            }
        });
        fromListener.removeAll(r.expansionErrors());
        return fromListener;
    }

    @Override
    public boolean allowsFunctions() {
        return true;
    }

    @Override
    public Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
            throws EvalException {
        return names.resolve(root, steps, evaluator, scope);
    }

    public static Optional<String> attr(List<Step> steps, int i) {
        return i < steps.size() && steps.get(i) instanceof Step.Attr a ? Optional.of(a.name()) : Optional.empty();
    }
}
