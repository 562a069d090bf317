package dev.lbguard.policy.file;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lbguard.policy.Expectation;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.Severity;
import dev.lbguard.route.Request;
import java.util.List;
import java.util.Map;

/**
 * Writes invariants as {@code lbguard.yml} ({@code policy init}): block style for the list, one flow mapping per
 * request and expectation as a person would write them, every string double-quoted (JSON escapes are YAML's) so
 * that no host or path is read back as a number, a boolean or a comment.
 */
public final class PolicyFileWriter {
    private PolicyFileWriter() {
    }

    /** The file; {@code header} lines become comments at its top, {@code notes} a comment block at its end. */
    public static String write(List<Invariant> invariants, List<String> header, List<String> notes) {
        StringBuilder s = new StringBuilder();
        header.forEach(h -> s.append("# ").append(h).append('\n'));
        s.append("version: 1\n");
        s.append("fail_on: high\n");
        s.append(invariants.isEmpty() ? "invariants: []\n" : "invariants:\n");
        for (Invariant i : invariants) {
            s.append("  - name: ").append(quote(i.name())).append('\n');
            s.append("    listener: ").append(quote(i.listener())).append('\n');
            s.append("    request: ").append(request(i.request())).append('\n');
            s.append("    expect: {").append(i.expect().kind().key()).append(": ").append(expected(i.expect()))
                    .append("}\n");
            if (i.severity() != Severity.HIGH) {
                s.append("    severity: ").append(i.severity().label()).append('\n');
            }
        }
        s.append("waivers: []\n");
        s.append("rules: {}\n");
        if (!notes.isEmpty()) {
            s.append("# Not written:\n");
            notes.forEach(n -> s.append("#   ").append(n.replace('\n', ' ')).append('\n'));
        }
        return s.toString();
    }

    private static String expected(Expectation e) {
        if (e.kind() == Expectation.Kind.FIXED_RESPONSE) {
            return e.value();
        }
        if (e.kind() == Expectation.Kind.FORWARD && !e.singleGroup()) {
            return "{" + String.join(", ", e.split().entrySet().stream()
                    .map(t -> quote(t.getKey()) + ": " + t.getValue()).toList()) + "}";
        }
        return quote(e.kind() == Expectation.Kind.FORWARD ? e.split().firstKey() : e.value());
    }

    private static String request(Request r) {
        StringBuilder s = new StringBuilder("{host: ").append(quote(r.host()));
        // A mapping groups repeated keys; where keys interleave (a=1&b=2&a=3), the order is kept in the path.
        boolean inPath = interleaved(r.query());
        s.append(", path: ").append(quote(inPath ? r.path() + "?" + String.join("&", r.query().stream()
                .map(q -> q.key() + (q.value().isEmpty() ? "" : "=" + q.value())).toList()) : r.path()));
        s.append(", method: ").append(quote(r.method()));
        if (!r.headers().isEmpty()) {
            s.append(", headers: {");
            boolean first = true;
            for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
                s.append(first ? "" : ", ").append(quote(h.getKey())).append(": ").append(values(h.getValue()));
                first = false;
            }
            s.append('}');
        }
        if (!r.query().isEmpty() && !inPath) {
            Map<String, List<String>> byKey = new java.util.LinkedHashMap<>();
            r.query().forEach(q -> byKey.computeIfAbsent(q.key(), k -> new java.util.ArrayList<>()).add(q.value()));
            s.append(", query: {");
            boolean first = true;
            for (Map.Entry<String, List<String>> q : byKey.entrySet()) {
                s.append(first ? "" : ", ").append(quote(q.getKey())).append(": ").append(values(q.getValue()));
                first = false;
            }
            s.append('}');
        }
        r.sourceIp().ifPresent(ip -> s.append(", source_ip: ").append(quote(ip)));
        return s.append('}').toString();
    }

    private static boolean interleaved(List<Request.QueryParam> query) {
        java.util.Set<String> closed = new java.util.HashSet<>();
        String last = null;
        for (Request.QueryParam q : query) {
            if (!q.key().equals(last)) {
                if (closed.contains(q.key())) {
                    return true;
                }
                if (last != null) {
                    closed.add(last);
                }
                last = q.key();
            }
        }
        return false;
    }

    private static String values(List<String> values) {
        if (values.size() == 1) {
            return quote(values.get(0));
        }
        return "[" + String.join(", ", values.stream().map(PolicyFileWriter::quote).toList()) + "]";
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
