package dev.lbguard.source.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code plan:PATH}: a plan as {@code terraform show -json PLANFILE} writes it. The live side is the refreshed
 * prior state with the plan's {@code resource_drift} applied (what Terraform found changed outside it); the
 * planned values are what the next apply would make, so a drift report can show that too. A plan that errored
 * says nothing reliable and is refused.
 */
public final class PlanSource implements LiveSource {
    private final Path path;
    private final String label;
    private Optional<JsonNode> parsed = Optional.empty();

    public PlanSource(Path path, String label) {
        this.path = Objects.requireNonNull(path, "path");
        this.label = Objects.requireNonNull(label, "label");
    }

    public static PlanSource of(Path path) {
        return new PlanSource(path, "plan:" + path);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public RoutingSnapshot read() throws SourceException {
        JsonNode root = root();
        StateResources out = new StateResources(label, path.toString());
        ShowValues.read(root.path("prior_state").path("values").path("root_module"), out);
        for (JsonNode d : root.path("resource_drift")) {
            String type = d.path("type").asText("");
            if (!StateResources.isLoadBalancerType(type) || !d.path("mode").asText("managed").equals("managed")) {
                continue;
            }
            String address = d.path("address").asText("");
            JsonNode change = d.path("change");
            boolean deleted = change.path("after").isNull() || change.path("after").isMissingNode();
            boolean known = out.resources().stream().anyMatch(r -> r.address().equals(address));
            Optional<Value.Obj> after = deleted ? Optional.empty()
                    : Optional.of(StateValues.fromShow(change.get("after"), change.path("after_sensitive"),
                            out.sensitive()));
            if (known) {
                out.replace(address, after);
            } else if (after.isPresent()) {
                String module = d.path("module_address").asText("");
                out.add(module, type, d.path("name").asText(""), StateResources.indexKey(d.get("index")), after.get());
            }
        }
        if (!root.path("complete").asBoolean(true)) {
            out.warning("plan-incomplete", "the plan is not complete (complete: false): Terraform deferred some "
                    + "changes, so the planned values are partial");
        }
        return out.build(new SnapshotOrigin(SnapshotOrigin.Kind.TERRAFORM_PLAN, path.toString(), label));
    }

    /** The routing the plan's {@code planned_values} describe: what the next apply would leave running. */
    @Override
    public Optional<RoutingSnapshot> nextApply() throws SourceException {
        JsonNode root = root();
        StateResources out = new StateResources(label + " (planned)", path.toString());
        ShowValues.read(root.path("planned_values").path("root_module"), out);
        // Values only known after apply are left out of planned_values; after_unknown says which.
        for (JsonNode c : root.path("resource_changes")) {
            JsonNode unknown = c.path("change").path("after_unknown");
            String address = c.path("address").asText("");
            if (!unknown.isObject() || !StateResources.isLoadBalancerType(c.path("type").asText(""))) {
                continue;
            }
            for (ResourceInstance r : out.resources()) {
                if (r.address().equals(address)) {
                    Value marked = StateValues.markUnknown(r.attributes(), unknown);
                    out.replace(address, Optional.of((Value.Obj) marked));
                }
            }
        }
        return Optional.of(out.build(new SnapshotOrigin(SnapshotOrigin.Kind.TERRAFORM_PLAN, path.toString(),
                label + " (planned)")));
    }

    private JsonNode root() throws SourceException {
        if (parsed.isEmpty()) {
            JsonNode root = LiveFiles.readObject(label, path);
            if (!root.has("planned_values") && !root.has("resource_changes") && !root.has("prior_state")) {
                throw new SourceException(label + ": " + path + " is not a plan (no planned_values or resource_changes);"
                        + " write one with `terraform plan -out=p && terraform show -json p`");
            }
            LiveFiles.checkFormatVersion(label, path, root);
            if (root.path("errored").asBoolean(false)) {
                throw new SourceException(label + ": the plan in " + path + " errored (errored: true): Terraform could "
                        + "not finish planning, so it says nothing reliable about what is live; fix the plan's errors "
                        + "and plan again");
            }
            parsed = Optional.of(root);
        }
        return parsed.get();
    }
}
