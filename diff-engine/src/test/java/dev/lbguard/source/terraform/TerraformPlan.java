package dev.lbguard.source.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.source.resources.TerraformEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of {@code terraform show -json <plan>} the oracle reads: each load-balancer instance's planned
 * values, its {@code after_unknown} mask and the expressions written in its configuration.
 */
final class TerraformPlan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODULE_STEP = Pattern.compile("module\\.([A-Za-z0-9_-]+)(\\[[^\\]]*\\])?\\.?");

    /** One planned instance of a load-balancer resource type. */
    record Planned(String address, String module, String type, String name, JsonNode values, JsonNode afterUnknown,
                   JsonNode expressions) {
    }

    private final Map<String, Planned> instances;
    private final java.util.SortedSet<String> managed;

    private TerraformPlan(Map<String, Planned> instances, java.util.SortedSet<String> managed) {
        this.instances = instances;
        this.managed = managed;
    }

    /** Instances of load-balancer types by address, sorted. */
    Map<String, Planned> instances() {
        return instances;
    }

    /**
     * The address of every managed resource instance Terraform planned, of any type: lbguard must expand every
     * {@code count} and {@code for_each} as Terraform does, not only those of load balancers.
     */
    java.util.SortedSet<String> managedAddresses() {
        return managed;
    }

    static TerraformPlan parse(String showJson) {
        JsonNode root;
        try {
            root = JSON.readTree(showJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, JsonNode> unknown = new TreeMap<>();
        for (JsonNode change : root.path("resource_changes")) {
            unknown.put(change.path("address").asText(), change.path("change").path("after_unknown"));
        }
        List<JsonNode> resources = new ArrayList<>();
        collect(root.path("planned_values").path("root_module"), resources);
        JsonNode configuration = root.path("configuration").path("root_module");
        Map<String, Planned> out = new TreeMap<>();
        java.util.SortedSet<String> managed = new java.util.TreeSet<>();
        for (JsonNode r : resources) {
            String type = r.path("type").asText();
            if (r.path("mode").asText().equals("managed")) {
                managed.add(r.path("address").asText());
            }
            if (!r.path("mode").asText().equals("managed")
                    || !TerraformEvaluation.LOAD_BALANCER_TYPES.contains(type)) {
                continue;
            }
            String address = r.path("address").asText();
            String name = r.path("name").asText();
            String module = modulePath(address, type, name);
            out.put(address, new Planned(address, module, type, name, r.path("values"),
                    unknown.getOrDefault(address, JSON.createObjectNode()),
                    expressions(configuration, module, type, name)));
        }
        return new TerraformPlan(out, managed);
    }

    private static void collect(JsonNode module, List<JsonNode> out) {
        module.path("resources").forEach(out::add);
        for (JsonNode child : module.path("child_modules")) {
            collect(child, out);
        }
    }

    /** {@code module.a["x"].aws_lb.b[0]} gives {@code module.a["x"]}. */
    private static String modulePath(String address, String type, String name) {
        int at = address.lastIndexOf(type + "." + name);
        return at <= 0 ? "" : address.substring(0, at - 1);
    }

    /** The resource's {@code expressions} from the configuration, walking module calls without instance keys. */
    private static JsonNode expressions(JsonNode configuration, String module, String type, String name) {
        JsonNode current = configuration;
        Matcher m = MODULE_STEP.matcher(module);
        while (!module.isEmpty() && m.find()) {
            current = current.path("module_calls").path(m.group(1)).path("module");
        }
        for (JsonNode r : current.path("resources")) {
            if (r.path("type").asText().equals(type) && r.path("name").asText().equals(name)
                    && r.path("mode").asText().equals("managed")) {
                return r.path("expressions");
            }
        }
        return JSON.createObjectNode();
    }
}
