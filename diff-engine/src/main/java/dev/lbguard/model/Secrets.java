package dev.lbguard.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values a source learnt are secret while reading one snapshot (a Terraform variable declared
 * {@code sensitive}, the argument of {@code sensitive()}, what a state file marks in {@code sensitive_attributes}),
 * so that reports hide them wherever they appear. Routing needs the values themselves (a rule matching a secret
 * header compares it), so the model keeps them and only a report hides them, from the secrets of the snapshots it
 * read.
 *
 * @param values the secret strings, sorted
 */
public record Secrets(SortedSet<String> values) {
    /** What reports and saved snapshots write instead of a sensitive value. */
    public static final String HIDDEN = "(sensitive value hidden)";

    /** Shorter strings are too common to hide everywhere they appear ("risk", "prod"), and guard little. */
    public static final int MIN_LENGTH = 6;

    /** No secrets: what every source without a notion of sensitivity reads. */
    public static final Secrets NONE = new Secrets(new TreeSet<>());

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

    public Secrets {
        values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    /** The secrets {@code values} hold by the rules of {@link Collector#add}. */
    public static Secrets of(String... values) {
        Collector c = new Collector();
        for (String v : values) {
            c.add(v);
        }
        return c.secrets();
    }

    /** The secrets of all of {@code snapshots}: what a report of them must hide. */
    public static Secrets of(Collection<RoutingSnapshot> snapshots) {
        return union(snapshots.stream().map(RoutingSnapshot::secrets).toList());
    }

    public static Secrets union(Collection<Secrets> all) {
        TreeSet<String> values = new TreeSet<>();
        all.forEach(s -> values.addAll(s.values()));
        return values.isEmpty() ? NONE : new Secrets(values);
    }

    /** These and {@code other}'s. */
    public Secrets and(Secrets other) {
        return other.isEmpty() ? this : isEmpty() ? other : union(List.of(this, other));
    }

    /** Whether no value is known to be sensitive (the usual case: reports are then left as they are). */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The values, longest first (so that a secret containing another is hidden whole). */
    public List<String> longestFirst() {
        List<String> all = new ArrayList<>(values);
        all.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return all;
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

    /** Collects the secrets met while one snapshot is read; passed through the reading, never shared between reads. */
    public static final class Collector {
        private final Set<String> values = ConcurrentHashMap.newKeySet();

        public void add(String value) {
            if (value == null) {
                return;
            }
            if (value.length() >= MIN_LENGTH && !VOCABULARY.contains(value.toLowerCase(Locale.ROOT))) {
                values.add(value);
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

        /** What was collected so far. */
        public Secrets secrets() {
            return values.isEmpty() ? NONE : new Secrets(new TreeSet<>(values));
        }
    }
}
