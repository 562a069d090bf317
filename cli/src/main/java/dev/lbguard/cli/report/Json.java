package dev.lbguard.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.diagnostic.Diagnostic;
import java.util.List;

/** The JSON writer every report shares: one mapper, pretty-printed, a trailing newline, schema version 1. */
public final class Json {
    public static final int SCHEMA_VERSION = 1;
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** The fields every report starts with. */
    public static ObjectNode header(String command, boolean complete, List<Diagnostic> diagnostics) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", command);
        root.put("complete", complete);
        root.set("diagnostics", diagnostics(diagnostics));
        return root;
    }

    /**
     * Each problem once (see {@link #once}), as the text report lists it: several roots that read one module meet
     * its problems once each, and the commits of a window or the two sides of a review meet a problem that stays at
     * each revision; an entry carries no revision, so those entries read alike and are one problem. (A timeline of
     * terraform-aws-eks's 1,249 commits listed 27,603 entries, 1,255 different.)
     */
    public static ArrayNode diagnostics(List<Diagnostic> diagnostics) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Diagnostic d : once(diagnostics)) {
            ObjectNode n = a.addObject();
            n.put("severity", d.severity().label());
            n.put("code", d.code());
            n.put("file", d.source().path());
            if (d.source().line() > 0) {
                n.put("line", d.source().line());
            }
            if (d.source().column() > 0) {
                n.put("column", d.source().column());
            }
            n.put("message", d.message());
            if (!d.affectsRouting()) {
                n.put("affectsRouting", false);
            }
        }
        return a;
    }

    /**
     * Each problem once as JSON and SARIF show it: by what they print of it (no revision), not by the text report's
     * line, which escapes control characters and so could make two different paths or messages read alike.
     */
    static List<Diagnostic> once(List<Diagnostic> diagnostics) {
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        List<Diagnostic> out = new java.util.ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (seen.add(List.of(d.severity(), d.code(), d.message(), d.source().path(), d.source().line(),
                    d.source().column(), d.affectsRouting()))) {
                out.add(d);
            }
        }
        return out;
    }

    /** The document, secret-named fields and the {@code secrets} of the snapshots it shows hidden. */
    public static String write(JsonNode node, dev.lbguard.model.Secrets secrets) {
        try {
            return MAPPER.writeValueAsString(Redaction.redact(node, secrets)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
