package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.resources.PlanTimeAttributes;
import dev.lbguard.source.resources.References;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands one {@code resource} block into its instances and builds the value references to it see: the
 * configured attributes plus the attributes only known after apply.
 */
final class ResourceEvaluator {
    /**
     * Attributes most load-balancer resources export; listed so that they survive where a reference object
     * loses its identity (see {@link EvalState#resourceAddress}). Any other unset attribute is unknown as well.
     */
    static final List<String> COMPUTED = List.of("id", "arn", "arn_suffix", "dns_name", "zone_id");
    /** The attributes that name what a data source finds, stable within a plan. */
    private static final Set<String> IDENTITY = Set.of("id", "arn", "arn_suffix");

    /**
     * The value of {@code TYPE.NAME} and the instances it planned, with the errors its {@code count} or
     * {@code for_each} met, those each top-level attribute or block met, and all it met (those and the rest).
     */
    record Result(Value reference, List<ResourceInstance> instances, Set<List<Object>> expansionErrors,
                  Map<String, Set<List<Object>>> attributeErrors, Set<List<Object>> allErrors) {
        Result {
            instances = List.copyOf(instances);
            expansionErrors = Set.copyOf(expansionErrors);
            // Only attributes that met an error: every root pass asks each resource whether any did.
            attributeErrors = withErrors(attributeErrors);
            allErrors = Set.copyOf(allErrors);
        }

        private static Map<String, Set<List<Object>>> withErrors(Map<String, Set<List<Object>>> attributeErrors) {
            Map<String, Set<List<Object>>> out = null;
            for (Map.Entry<String, Set<List<Object>>> e : attributeErrors.entrySet()) {
                if (e.getValue().isEmpty() && out == null) {
                    out = new java.util.HashMap<>(attributeErrors);
                }
                if (e.getValue().isEmpty()) {
                    out.remove(e.getKey());
                }
            }
            return Map.copyOf(out == null ? attributeErrors : out);
        }

        /** A resource that could not be evaluated at all: whatever reads it reads the failure. */
        static Result failed(Value reference, Set<List<Object>> errors) {
            return new Result(reference, List.of(), errors, Map.of(), errors);
        }

        /**
         * The errors a reference reads that goes on with {@code steps} after {@code TYPE.NAME}: the expansion's,
         * and the one attribute it names ({@code .arn}, {@code [k].name}), or every attribute's when it names none.
         */
        Set<List<Object>> errorsReadBy(List<Refs.Step> steps) {
            Optional<String> attribute = ModuleInstance.attr(steps, 1);
            if (attribute.isEmpty() && steps.size() > 1 && steps.get(1) instanceof Refs.Step.Key) {
                attribute = ModuleInstance.attr(steps, 2);
            }
            if (attribute.isEmpty() || PlanTimeAttributes.DERIVED.contains(attribute.get())) {
                // A plan-time attribute is computed from configured ones (the certificate's domain names).
                return allErrors;
            }
            return ErrorReach.union(expansionErrors, attributeErrors.getOrDefault(attribute.get(), Set.of()));
        }

        private boolean noAttributeErrors() {
            return attributeErrors.isEmpty();
        }

        /** The errors that reach what the routing model reads of this resource. */
        Set<List<Object>> errorsReaching(Set<String> routingAttributes) {
            if (allErrors.isEmpty() && expansionErrors.isEmpty() && noAttributeErrors()) {
                return Set.of(); // most resources: nothing failed, and every root pass asks each of them
            }
            Set<List<Object>> out = new java.util.HashSet<>(allErrors);
            attributeErrors.forEach((name, errors) -> {
                if (!routingAttributes.contains(name)) {
                    out.removeAll(errors);
                }
            });
            out.addAll(expansionErrors);
            routingAttributes.forEach(a -> out.addAll(attributeErrors.getOrDefault(a, Set.of())));
            return out;
        }
    }

    private final ModuleInstance module;
    private final EvalState state;
    /** {@code data.} for a data source, whose instances are addressed {@code data.TYPE.NAME}; else empty. */
    private final String mode;

    ResourceEvaluator(ModuleInstance module) {
        this(module, "");
    }

    private ResourceEvaluator(ModuleInstance module, String mode) {
        this.module = module;
        this.state = module.state;
        this.mode = mode;
    }

    /**
     * Evaluates a data source of a load-balancer type as a resource addressed {@code data.TYPE.NAME}: its
     * arguments are the lookup (a listener by load balancer and port), its ARN a stable reference to what the
     * lookup finds at plan time.
     */
    static ResourceEvaluator dataSource(ModuleInstance module) {
        return new ResourceEvaluator(module, "data.");
    }

    Result evaluate(Block block) {
        Map<String, Set<List<Object>>> attributeErrors = new HashMap<>();
        Traced<Planned> all = state.trace(() -> plan(block, attributeErrors));
        Planned p = all.value();
        return new Result(p.reference(), p.instances(), p.expansionErrors(), attributeErrors, all.errors());
    }

    private record Planned(Value reference, List<ResourceInstance> instances, Set<List<Object>> expansionErrors) {
    }

    private Planned plan(Block block, Map<String, Set<List<Object>>> attributeErrors) {
        String type = block.labels().get(0);
        String name = block.labels().get(1);
        String base = (module.path.isEmpty() ? "" : module.path + ".") + mode + type + "." + name;
        List<String> ignored = mode.isEmpty() ? IgnoredChanges.routing(block, type) : List.of();
        if (!ignored.isEmpty()) {
            state.warning("tf-ignore-changes", base + ": lifecycle ignore_changes covers " + String.join(", ", ignored)
                    + ": terraform apply sets " + (ignored.size() == 1 ? "it" : "them") + " only when it creates the "
                    + "resource, so what runs may differ from this configuration (a CodeDeploy blue/green deployment "
                    + "swaps a rule's action, for one) and a change here is not applied to one that exists; lbguard "
                    + "shows the configuration's: compare with what runs (lbguard drift)", state.ref(block.range()));
        }
        Scope scope = Scope.of(module);
        Traced<Expansion> traced = state.trace(() -> Expansion.of(block, scope, state, base));
        state.read(traced.errors());
        Expansion expansion = traced.value();
        List<ResourceInstance> instances = new ArrayList<>();
        if (expansion.failure().isPresent()) {
            return new Planned(expansion.failure().get(), instances, traced.errors());
        }
        List<Value> tuple = new ArrayList<>();
        Map<String, Value> map = new LinkedHashMap<>();
        Value single = Value.Values.NULL;
        for (Expansion.Instance inst : expansion.instances()) {
            Scope s = scope;
            for (Map.Entry<String, Value> n : inst.names().entrySet()) {
                s = s.with(n.getKey(), n.getValue());
            }
            String address = base + inst.suffix();
            Map<String, SourceRef> sources = new LinkedHashMap<>();
            Value.Obj attributes = new BlockExpander(state).resourceBody(block.body(), s, sources, attributeErrors);
            if (!mode.isEmpty() && block.body().attribute("provider").isPresent()) {
                // A lookup through another provider configuration (another region or account) finds another
                // listener of the same name: where it is set is kept, so that the two are never taken for one.
                Map<String, Value> fields = new LinkedHashMap<>(attributes.fields());
                fields.put("provider", new Value.Str(state.ref(block.body().attribute("provider").get().range())
                        .toString()));
                attributes = Value.Obj.object(fields);
            }
            if (!mode.isEmpty()) {
                // Every argument of a lookup decides what it finds; whoever reads the lookup reads these errors.
                reportDataSources(attributes, sources, block, top -> true);
            } else if (TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type)) {
                reportDataSources(attributes, sources, block, ErrorReach.routingAttributes(type)::contains);
            }
            instances.add(new ResourceInstance(address, module.path, type, name, inst.key(),
                    state.ref(block.range()), attributes, sources));
            Value.Obj object = referenceObject(type, attributes, address);
            tuple.add(object);
            if (inst.key() instanceof Value.Str k) {
                map.put(k.value(), object);
            }
            single = object;
        }
        Value reference = switch (expansion.mode()) {
            case SINGLE -> single;
            case COUNT -> Value.Values.tuple(tuple);
            case FOR_EACH -> Value.Obj.object(map);
        };
        return new Planned(reference, instances, traced.errors());
    }

    private Value.Obj referenceObject(String type, Value.Obj attributes, String address) {
        Map<String, Value> fields = new LinkedHashMap<>(attributes.fields());
        PlanTimeAttributes.of(type, attributes, address).forEach(fields::putIfAbsent);
        for (String c : COMPUTED) {
            fields.putIfAbsent(c, Value.Unknown.reference(address, c));
        }
        Value.Obj object = Value.Obj.object(fields);
        state.registerResourceObject(object, address);
        return object;
    }

    /**
     * A data source is read during plan, so Terraform knows its value and lbguard does not. That only makes
     * the result incomplete where it reaches what routing reads of a load-balancer resource, so it is reported
     * here, once per line: an error there, a warning that cannot affect routing elsewhere (the subnets).
     */
    private static final String READ_AT_PLAN = " is read at plan time; lbguard cannot read it";
    private static final String DEPENDENCY = "Terragrunt dependency output ";

    private void reportDataSources(Value.Obj attributes, Map<String, SourceRef> sources, Block block,
                                   java.util.function.Predicate<String> routes) {
        // A lookup of a load-balancer data source stands for what it finds only by its ARN or id; any other of
        // its attributes (a name, a port) is a value Terraform reads at plan time and lbguard does not.
        // An output of another stack's state stands for a listener or target group where an ARN goes.
        List<ValueJson.UnevaluatedPath> unread = new ArrayList<>(ValueJson.unevaluated(attributes));
        ValueJson.unknowns(attributes, u -> u.isReference() && References.isDataSource(u.ref())
                && !IDENTITY.contains(u.attribute())).stream()
                .filter(p -> !(p.reason().contains(".outputs.") && (p.path().endsWith("arn"))))
                .forEach(p -> unread.add(new ValueJson.UnevaluatedPath(p.path(),
                        (p.reason().startsWith("dependency.") ? DEPENDENCY : "data source ")
                                + p.reason() + READ_AT_PLAN)));
        for (ValueJson.UnevaluatedPath p : unread) {
            if (!p.reason().startsWith("data source ") && !p.reason().startsWith(DEPENDENCY)) {
                continue;
            }
            String top = p.path().split("[.\\[]", 2)[0];
            SourceRef at = sources.getOrDefault(top, state.ref(block.range()));
            if (routes.test(top)) {
                state.error("tf-data-source", p.reason(), at);
            } else {
                state.notRouting("tf-data-source", p.reason() + " (" + top + ")", at);
            }
        }
    }
}
