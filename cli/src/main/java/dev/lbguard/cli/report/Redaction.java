package dev.lbguard.cli.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lbguard.source.SensitiveValues;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hides secret values (OIDC client secrets, passwords, tokens, keys) before anything is printed:
 * configuration and state hold them, reports must not.
 */
public final class Redaction {
    public static final String HIDDEN = SensitiveValues.HIDDEN;
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(^|_)(client_secret|secret|password|passwd|token|private_key|secret_key|access_key)($|_)");
    /** The answer for each field name met: a report repeats a few names many times over. */
    private static final Map<String, Boolean> SECRET_KEYS = new ConcurrentHashMap<>();

    private Redaction() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.computeIfAbsent(key,
                k -> SECRET_KEY.matcher(SensitiveValues.snakeCase(k).toLowerCase(Locale.ROOT)).find());
    }

    /**
     * The report with every value the sources learnt is sensitive replaced, as written and as JSON escapes it:
     * such a value can stand anywhere (a header condition, an example request, a patch), not only under a name.
     */
    public static String text(String report) {
        List<String> secrets = SensitiveValues.all();
        if (secrets.isEmpty()) {
            return report;
        }
        String out = report;
        for (String secret : secrets) {
            out = out.replace(secret, HIDDEN);
            String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
            if (!escaped.equals(secret)) {
                out = out.replace(escaped, HIDDEN);
            }
        }
        return out;
    }

    /**
     * A copy of {@code node} with the values of secret-named fields replaced, at any depth: every value beneath a
     * secret-named field (a list of tokens, say) is hidden, and the names themselves are kept.
     */
    public static JsonNode redact(JsonNode node) {
        return copy(node, false);
    }

    // Copied and redacted in one pass; value nodes are immutable, so the copy shares them.
    private static JsonNode copy(JsonNode node, boolean secret) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = o.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), copy(field.getValue(), secret || isSecretKey(field.getKey())));
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = a.arrayNode(a.size());
            for (JsonNode v : a) {
                copy.add(copy(v, secret));
            }
            return copy;
        }
        return secret && !node.isNull() ? TextNode.valueOf(HIDDEN) : node;
    }
}
