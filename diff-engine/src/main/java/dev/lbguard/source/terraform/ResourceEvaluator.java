package dev.lbguard.source.terraform;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.hcl.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The value of {@code TYPE.NAME} and the instances it planned. */
    record Result(Value reference, List<ResourceInstance> instances) {
        Result {
            instances = List.copyOf(instances);
        }
    }

    private final ModuleInstance module;
    private final EvalState state;

    ResourceEvaluator(ModuleInstance module) {
        this.module = module;
        this.state = module.state;
    }

    Result evaluate(Block block) {
        String type = block.labels().get(0);
        String name = block.labels().get(1);
        String base = (module.path.isEmpty() ? "" : module.path + ".") + type + "." + name;
        Scope scope = Scope.of(module);
        Expansion expansion = Expansion.of(block, scope, state, base);
        if (expansion.failure().isPresent()) {
            return new Result(expansion.failure().get(), List.of());
        }
        List<ResourceInstance> instances = new ArrayList<>();
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
            Value.Obj attributes = new BlockExpander(state).resourceBody(block.body(), s, sources);
            if (TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type)) {
                reportDataSources(attributes, sources, block);
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
        return new Result(reference, instances);
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
     * the result incomplete where it reaches a load-balancer resource, so it is reported here, once per line.
     */
    private void reportDataSources(Value.Obj attributes, Map<String, SourceRef> sources, Block block) {
        for (ValueJson.UnevaluatedPath p : ValueJson.unevaluated(attributes)) {
            if (!p.reason().startsWith("data source ")) {
                continue;
            }
            String top = p.path().split("[.\\[]", 2)[0];
            SourceRef at = sources.getOrDefault(top, state.ref(block.range()));
            state.error("tf-data-source", p.reason(), at);
        }
    }
}
