package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.EvaluatedResources;
import java.util.Map;

/** The {@code resources} report: the evaluated Terraform resource instances, for seeing what lbguard read. */
public final class ResourcesReport {
    private ResourcesReport() {
    }

    public static String json(EvaluatedResources result) {
        ObjectNode root = Json.header("resources", result.complete(), result.diagnostics());
        ArrayNode mods = root.putArray("modules");
        ArrayNode all = root.putArray("resources");
        for (EvaluatedResources.Module m : result.modules()) {
            mods.add(m.dir().isEmpty() ? "." : m.dir());
            for (EvaluatedResources.Resource r : m.resources()) {
                all.add(instance(r));
            }
        }
        return Json.write(root, result.secrets());
    }

    private static ObjectNode instance(EvaluatedResources.Resource r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("address", r.address());
        n.put("type", r.type());
        n.put("file", r.source().path());
        n.put("line", r.source().line());
        ObjectNode attributes = n.putObject("attributes");
        r.attributes().forEach(attributes::set);
        ObjectNode lines = n.putObject("attributeLines");
        r.attributeLines().forEach(lines::put);
        ArrayNode unevaluated = n.putArray("unevaluated");
        for (EvaluatedResources.Unevaluated p : r.unevaluated()) {
            unevaluated.addObject().put("path", p.path()).put("reason", p.reason());
        }
        return n;
    }

    public static String text(EvaluatedResources result, Style style) {
        StringBuilder s = new StringBuilder();
        for (EvaluatedResources.Module m : result.modules()) {
            s.append(style.bold("module " + (m.dir().isEmpty() ? "." : m.dir())));
            int count = m.resources().size();
            s.append("  (").append(count).append(count == 1 ? " resource" : " resources").append(")\n");
            for (EvaluatedResources.Resource r : m.resources()) {
                s.append('\n').append(style.bold(r.address())).append("  ").append(style.dim(r.source().toString()))
                        .append('\n');
                for (Map.Entry<String, JsonNode> e : r.attributes().entrySet()) {
                    JsonNode v = Redaction.redact(singleField(e.getKey(), e.getValue()), result.secrets()).get(e.getKey());
                    s.append("  ").append(e.getKey()).append(" = ").append(v.toString()).append('\n');
                }
            }
            s.append('\n');
        }
        s.append(Status.text(result.diagnostics(), style));
        return s.toString();
    }

    private static JsonNode singleField(String key, JsonNode value) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set(key, value);
        return o;
    }
}
