package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hides secret values (OIDC client secrets, passwords, tokens, keys) before anything is printed:
 * configuration and state hold them, reports must not.
 */
public final class Redaction {
    public static final String HIDDEN = "(sensitive value hidden)";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(^|_)(client_secret|secret|password|passwd|token|private_key|secret_key|access_key)($|_)");

    private Redaction() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** A copy of {@code node} with the values of secret-named fields replaced, at any depth. */
    public static JsonNode redact(JsonNode node) {
        JsonNode copy = node.deepCopy();
        hide(copy);
        return copy;
    }

    private static void hide(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (isSecretKey(name) && !v.isNull() && !v.isObject() && !v.isArray()) {
                    o.put(name, HIDDEN);
                } else {
                    hide(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(Redaction::hide);
        }
    }
}
