package dev.lbguard.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values the sources learnt are secret while reading (a Terraform variable declared {@code sensitive}, the
 * argument of {@code sensitive()}, what a state file marks in {@code sensitive_attributes}), so that reports hide
 * them wherever they appear. Routing needs the values themselves (a rule matching a secret header compares it),
 * so they are kept in the model and hidden only when a report is written. One set per run of lbguard.
 */
public final class SensitiveValues {
    /** What reports and saved snapshots write instead of a sensitive value. */
    public static final String HIDDEN = "(sensitive value hidden)";

    /** Shorter strings are too common to hide everywhere they appear ("risk", "prod"), and guard little. */
    public static final int MIN_LENGTH = 6;

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private SensitiveValues() {
    }

    /** Forgets every value: a new run starts with none. */
    public static void clear() {
        VALUES.clear();
    }

    /**
     * Words of the configuration's own vocabulary, which a marked block holds beside its secret (Terraform marks a
     * whole condition set sensitive when one value in it is): hiding them would hide every protocol and method.
     */
    private static final Set<String> VOCABULARY = Set.copyOf(List.of("true", "false", "null", "none", "http", "https", "tcp", "udp",
            "tls", "tcp_udp", "geneve", "get", "post", "put", "delete", "patch", "head", "options", "forward",
            "redirect", "fixed-response", "authenticate-oidc", "authenticate-cognito", "instance", "ip", "lambda",
            "text/plain", "application/json", "text/html", "http_301", "http_302", "#{host}", "#{path}", "#{port}",
            "#{query}", "#{protocol}", "critical", "medium", "complete", "incomplete", "analysis", "lbguard",
            "sensitive", "hidden", "failed", "proven", "listener", "forward", "default", "action", "condition",
            "priority", "target", "request", "requests", "routes", "changes", "findings", "finding"));

    public static void add(String value) {
        if (value == null) {
            return;
        }
        if (value.length() >= MIN_LENGTH && !VOCABULARY.contains(value.toLowerCase(java.util.Locale.ROOT))) {
            VALUES.add(value);
        }
        // A value with ALB wildcards is a pattern: reports show requests it matches, with the wildcards filled in,
        // so each literal run between them is hidden too.
        if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            for (String run : value.split("[*?]")) {
                if (!run.equals(value)) {
                    add(run);
                }
            }
        }
    }

    /** Every string inside an evaluated value. */
    public static void addAll(Value value) {
        if (value instanceof Value.Str s) {
            add(s.value());
        } else if (value instanceof Value.Obj o) {
            o.fields().values().forEach(SensitiveValues::addAll);
        } else if (value instanceof Value.Seq q) {
            q.items().forEach(SensitiveValues::addAll);
        }
    }

    /** Every string inside a JSON value. */
    public static void addAll(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            add(node.asText());
        } else {
            node.forEach(SensitiveValues::addAll);
        }
    }

    /** A field name in snake case, as Terraform writes it: {@code clientSecret} (the AWS API's) is {@code client_secret}. */
    public static String snakeCase(String name) {
        StringBuilder s = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                    s.append('_');
                }
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** Whether no value is known to be sensitive (the usual case: reports are then left as they are). */
    public static boolean none() {
        return VALUES.isEmpty();
    }

    /** The values known, longest first (so that a secret containing another is hidden whole). */
    public static List<String> all() {
        List<String> all = new ArrayList<>(VALUES);
        all.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return all;
    }
}
