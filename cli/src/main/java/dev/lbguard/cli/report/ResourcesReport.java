package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.util.List;
import java.util.Map;

/** The {@code resources} report: the evaluated Terraform resource instances, for seeing what lbguard read. */
public final class ResourcesReport {
    private ResourcesReport() {
    }

    public static String json(List<TerraformEvaluation> modules, boolean allTypes) {
        List<Diagnostic> diagnostics = modules.stream().flatMap(m -> m.diagnostics().stream()).toList();
        boolean complete = modules.stream().allMatch(TerraformEvaluation::complete);
        ObjectNode root = Json.header("resources", complete, diagnostics);
        ArrayNode mods = root.putArray("modules");
        ArrayNode all = root.putArray("resources");
        for (TerraformEvaluation m : modules) {
            mods.add(m.moduleDir().isEmpty() ? "." : m.moduleDir());
            for (ResourceInstance r : instances(m, allTypes)) {
                all.add(instance(r));
            }
        }
        return Json.write(root, secrets(modules));
    }

    /** The values the evaluations learnt are sensitive: hidden wherever they appear. */
    public static dev.lbguard.model.Secrets secrets(List<TerraformEvaluation> modules) {
        return dev.lbguard.model.Secrets.union(modules.stream().map(TerraformEvaluation::secrets).toList());
    }

    private static ObjectNode instance(ResourceInstance r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("address", r.address());
        n.put("type", r.type());
        n.put("file", r.source().path());
        n.put("line", r.source().line());
        n.set("attributes", ValueJson.toJson(r.attributes()));
        ObjectNode lines = n.putObject("attributeLines");
        r.attributeSources().forEach((k, v) -> lines.put(k, v.line()));
        ArrayNode unevaluated = n.putArray("unevaluated");
        for (ValueJson.UnevaluatedPath p : ValueJson.unevaluated(r.attributes())) {
            unevaluated.addObject().put("path", p.path()).put("reason", p.reason());
        }
        return n;
    }

    public static String text(List<TerraformEvaluation> modules, boolean allTypes, Style style) {
        StringBuilder s = new StringBuilder();
        for (TerraformEvaluation m : modules) {
            s.append(style.bold("module " + (m.moduleDir().isEmpty() ? "." : m.moduleDir())));
            List<ResourceInstance> rs = instances(m, allTypes);
            s.append("  (").append(rs.size()).append(rs.size() == 1 ? " resource" : " resources").append(")\n");
            for (ResourceInstance r : rs) {
                s.append('\n').append(style.bold(r.address())).append("  ").append(style.dim(r.source().toString()))
                        .append('\n');
                for (Map.Entry<String, Value> e : r.attributes().fields().entrySet()) {
                    JsonNode v = Redaction.redact(singleField(e.getKey(), ValueJson.toJson(e.getValue())), secrets(modules))
                            .get(e.getKey());
                    s.append("  ").append(e.getKey()).append(" = ").append(v.toString()).append('\n');
                }
            }
            s.append('\n');
        }
        s.append(Status.text(modules.stream().flatMap(m -> m.diagnostics().stream()).toList(), style));
        return s.toString();
    }

    private static JsonNode singleField(String key, JsonNode value) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set(key, value);
        return o;
    }

    private static List<ResourceInstance> instances(TerraformEvaluation m, boolean allTypes) {
        return allTypes ? m.resources() : m.loadBalancerResources();
    }
}
