package dev.lbguard.cli.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Secrets;
import dev.lbguard.policy.ReviewResult;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hides secret values (OIDC client secrets, passwords, tokens, keys) before anything is printed:
 * configuration and state hold them, reports must not. Secret-named fields are hidden by name; the values the
 * sources learnt are sensitive are those of the snapshots a report shows ({@link Secrets}), passed in.
 */
public final class Redaction {
    public static final String HIDDEN = Secrets.HIDDEN;
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(^|_)(client_secret|secret|password|passwd|token|private_key|secret_key|access_key)($|_)");
    /** The answer for each field name met: a report repeats a few names many times over. */
    private static final Map<String, Boolean> SECRET_KEYS = new ConcurrentHashMap<>();

    private Redaction() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.computeIfAbsent(key,
                k -> SECRET_KEY.matcher(Secrets.snakeCase(k).toLowerCase(Locale.ROOT)).find());
    }

    /** The secrets of the snapshots a review compared. */
    public static Secrets secretsOf(ReviewResult review) {
        return Secrets.of(List.<RoutingSnapshot>of(review.base(), review.head()));
    }

    /**
     * A text report with every value the sources learnt is sensitive replaced wherever it stands (a header
     * condition, an example request), in any letter case and as markdown or JSON escape it. Not for JSON: a
     * value there is hidden whole by {@link #redact}, so that the document stays valid.
     */
    public static String text(String report, Secrets secrets) {
        return hide(report, patterns(secrets));
    }

    private static String hide(String text, List<Pattern> secrets) {
        String out = text;
        for (Pattern secret : secrets) {
            out = secret.matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(HIDDEN));
        }
        return out;
    }

    /** Whether a text holds a sensitive value. */
    public static boolean holdsSensitive(String text, Secrets secrets) {
        for (Pattern secret : patterns(secrets)) {
            if (secret.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> patterns(Secrets secrets) {
        if (secrets.isEmpty()) {
            return List.of();
        }
        List<Pattern> out = new java.util.ArrayList<>();
        for (String secret : secrets.longestFirst()) {
            java.util.Set<String> forms = new java.util.LinkedHashSet<>(List.of(secret,
                    new String(JsonStringEncoder.getInstance().quoteAsString(secret)),
                    secret.replace("|", "\\|"), secret.replace("`", "'")));
            StringBuilder alternatives = new StringBuilder();
            for (String f : forms) {
                alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(f));
            }
            out.add(Pattern.compile(alternatives.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return out;
    }

    /**
     * A copy of {@code node} with the values of secret-named fields replaced, at any depth: every value beneath a
     * secret-named field (a list of tokens, say) is hidden, and the names themselves are kept.
     */
    public static JsonNode redact(JsonNode node, Secrets secrets) {
        return copy(node, false, true, patterns(secrets));
    }

    /**
     * A copy of {@code node} with only the sensitive values the sources learnt hidden, not secret-named fields: for
     * a saved snapshot, which must read back as it was (an OIDC {@code tokenEndpoint} is routing, not a secret).
     */
    public static JsonNode hideSensitive(JsonNode node, Secrets secrets) {
        return copy(node, false, false, patterns(secrets));
    }

    // Copied and redacted in one pass; value nodes are immutable, so the copy shares them.
    private static JsonNode copy(JsonNode node, boolean secret, boolean byName, List<Pattern> secrets) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = o.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), copy(field.getValue(), secret || byName && isSecretKey(field.getKey()), byName,
                        secrets));
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = a.arrayNode(a.size());
            for (JsonNode v : a) {
                copy.add(copy(v, secret, byName, secrets));
            }
            return copy;
        }
        if (secret && !node.isNull()) {
            return TextNode.valueOf(HIDDEN);
        }
        // A string holding a sensitive value (a condition, an example request) is hidden within the string.
        return node.isTextual() && !secrets.isEmpty() ? TextNode.valueOf(hide(node.asText(), secrets)) : node;
    }
}
