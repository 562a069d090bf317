package dev.lbguard.source.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.resources.TerraformSnapshotBuilder;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resource instances read from state, show or plan JSON, built into a snapshot by the same
 * {@link TerraformSnapshotBuilder} as HCL: addresses are the same element ids, so desired and live match by address.
 */
final class StateResources {
    private final String label;
    private final SourceRef where;
    private final List<ResourceInstance> resources = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final java.util.Set<String> addresses = new java.util.HashSet<>();
    // What the file marks sensitive, met while reading it: travels on the snapshot built.
    private final dev.lbguard.model.Secrets.Collector sensitive = new dev.lbguard.model.Secrets.Collector();

    StateResources(String label, String path) {
        this.label = label;
        this.where = SourceRef.file(path);
    }

    /** Only load-balancer types are read at all: other resources may hold secrets and never route. */
    static boolean isLoadBalancerType(String type) {
        return TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type);
    }

    void add(String module, String type, String name, Value indexKey, Value.Obj attributes) {
        String address = address(module, type, name, indexKey);
        if (!addresses.add(address)) {
            // Terraform never writes one address twice; a hand-merged or corrupted file can. Which object runs?
            error("tfstate-duplicate", address + " appears more than once in the state; only the first is compared. "
                    + "Check the file (terraform state list) before trusting this drift");
            return;
        }
        resources.add(new ResourceInstance(address, module, type, name, indexKey, where, attributes, Map.of()));
    }

    /** Replaces (or with an empty attribute set, removes) the instance at {@code address}. */
    void replace(String address, java.util.Optional<Value.Obj> attributes) {
        for (int i = 0; i < resources.size(); i++) {
            ResourceInstance r = resources.get(i);
            if (r.address().equals(address)) {
                if (attributes.isPresent()) {
                    resources.set(i, new ResourceInstance(r.address(), r.module(), r.type(), r.name(), r.indexKey(),
                            r.source(), attributes.get(), Map.of()));
                } else {
                    resources.remove(i);
                }
                return;
            }
        }
    }

    List<ResourceInstance> resources() {
        return List.copyOf(resources);
    }

    void warning(String code, String message) {
        diagnostics.add(Diagnostic.warning(code, message, where));
    }

    void error(String code, String message) {
        diagnostics.add(Diagnostic.error(code, message, where));
    }

    /** Where the values the file marks sensitive go. */
    dev.lbguard.model.Secrets.Collector sensitive() {
        return sensitive;
    }

    String label() {
        return label;
    }

    RoutingSnapshot build(SnapshotOrigin origin) {
        TerraformEvaluation evaluation = new TerraformEvaluation(label, resources, List.of(), diagnostics, List.of(),
                sensitive.secrets());
        return new TerraformSnapshotBuilder().build(evaluation, origin);
    }

    static String address(String module, String type, String name, Value indexKey) {
        return ResourceInstance.address(module, type, name, indexKey);
    }

    /** A JSON index key (number for count, string for for_each) as a value; absent is null. */
    static Value indexKey(JsonNode key) {
        if (key == null || key.isMissingNode() || key.isNull()) {
            return Value.Values.NULL;
        }
        return key.isNumber() ? new Value.Num(key.decimalValue()) : new Value.Str(key.asText());
    }
}
