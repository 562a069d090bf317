package dev.lbguard.source.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the {@code values} shape that {@code terraform show -json} writes for state and that plans write for
 * {@code prior_state} and {@code planned_values}: a root module with resources and nested child modules.
 */
final class ShowValues {
    private ShowValues() {
    }

    /** Adds every managed load-balancer resource of {@code module} and its child modules to {@code out}. */
    static void read(JsonNode module, StateResources out) {
        for (JsonNode r : module.path("resources")) {
            String type = r.path("type").asText("");
            if (!r.path("mode").asText("managed").equals("managed") || !StateResources.isLoadBalancerType(type)) {
                continue;
            }
            String address = r.path("address").asText("");
            String name = r.path("name").asText("");
            var index = StateResources.indexKey(r.get("index"));
            String own = type + "." + name;
            int at = address.lastIndexOf(own);
            // The module path is what stands before "type.name" in the resource's own address.
            String modulePath = at > 0 ? address.substring(0, at - 1) : "";
            if (r.hasNonNull("deposed_key") || r.hasNonNull("deposed")) {
                out.warning("tfstate-deposed", address + ": a deposed object still exists until the next apply "
                        + "destroys it; only the current object is compared");
                continue;
            }
            if (r.path("tainted").asBoolean(false)) {
                out.warning("tfstate-tainted", address + " is tainted: the next apply replaces it");
            }
            if (!r.path("values").isObject()) {
                out.error("tfshow-no-values", address + " has no values");
                continue;
            }
            out.add(modulePath, type, name, index, StateValues.fromShow(r.get("values"), r.path("sensitive_values"),
                    out.sensitive()));
        }
        for (JsonNode child : module.path("child_modules")) {
            read(child, out);
        }
    }
}
