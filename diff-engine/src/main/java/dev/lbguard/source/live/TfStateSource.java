package dev.lbguard.source.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SourceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code tfstate:PATH}: a Terraform state file, format version 4 (Terraform 0.12 and later). Reads the managed
 * load-balancer resources of every module, keyed by their addresses; deposed objects are left out and tainted
 * ones kept, each with a warning; outputs, private data and sensitive attributes are never read.
 */
public final class TfStateSource implements LiveSource {
    private final Path path;
    private final String label;

    public TfStateSource(Path path, String label) {
        this.path = Objects.requireNonNull(path, "path");
        this.label = Objects.requireNonNull(label, "label");
    }

    /** A source labelled {@code tfstate:PATH}. */
    public static TfStateSource of(Path path) {
        return new TfStateSource(path, "tfstate:" + path);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public RoutingSnapshot read() throws SourceException {
        return resources(LiveFiles.readObject(label, path)).build(
                new SnapshotOrigin(SnapshotOrigin.Kind.TERRAFORM_STATE, path.toString(), label));
    }

    /**
     * The ARN of every load-balancer resource instance, mapped to its address: how elements read from the AWS API
     * are matched to the addresses in git.
     */
    public Map<String, String> addressesByArn() throws SourceException {
        Map<String, String> out = new TreeMap<>();
        for (var r : resources(LiveFiles.readObject(label, path)).resources()) {
            var arn = r.attributes().get("arn");
            if (arn instanceof dev.lbguard.source.value.Value.Str s && !s.value().isEmpty()) {
                out.putIfAbsent(s.value(), r.address());
            }
        }
        return out;
    }

    private StateResources resources(JsonNode root) throws SourceException {
        JsonNode version = root.path("version");
        // 4.5 is no version of the format: only the integer 4 is.
        if (!version.isIntegralNumber() || version.asInt() != 4) {
            String v = version.isMissingNode() ? "no format version" : "format version " + version.asText();
            throw new SourceException(label + ": " + path + " has " + v + "; lbguard reads Terraform state version 4 "
                    + "(Terraform 0.12 and later). Run `terraform state pull` with a current Terraform to upgrade it.");
        }
        if (root.has("values") && root.has("format_version")) {
            throw new SourceException(label + ": " + path + " is `terraform show -json` output; use tfshow:" + path);
        }
        JsonNode list = root.path("resources");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new SourceException(label + ": " + path + ": \"resources\" is not a list; is this a state file?");
        }
        StateResources out = new StateResources(label, path.toString());
        for (JsonNode r : list) {
            String type = r.path("type").asText("");
            if (!r.path("mode").asText("managed").equals("managed") || !StateResources.isLoadBalancerType(type)) {
                continue;
            }
            String module = r.path("module").asText("");
            String name = r.path("name").asText("");
            for (JsonNode i : r.path("instances")) {
                String address = StateResources.address(module, type, name, StateResources.indexKey(i.get("index_key")));
                if (i.hasNonNull("deposed")) {
                    out.warning("tfstate-deposed", address + ": a deposed object (" + i.get("deposed").asText()
                            + ") still exists until the next apply destroys it; only the current object is compared");
                    continue;
                }
                if (i.path("status").asText("").equals("tainted")) {
                    out.warning("tfstate-tainted", address + " is tainted: the next apply replaces it");
                }
                if (!i.path("attributes").isObject()) {
                    out.error("tfstate-no-attributes", address + " has no attributes in the state"
                            + (i.has("attributes_flat") ? " (only the flat attributes of state format 3)" : ""));
                    continue;
                }
                out.add(module, type, name, StateResources.indexKey(i.get("index_key")),
                        StateValues.fromState(i.get("attributes"), i.path("sensitive_attributes"),
                                out.sensitive()));
            }
        }
        return out;
    }
}
