package dev.lbguard.policy.file;

import com.fasterxml.jackson.core.JsonToken;
import dev.lbguard.policy.Expectation;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.file.PolicyYaml.Entry;
import dev.lbguard.policy.file.PolicyYaml.Mapping;
import dev.lbguard.policy.file.PolicyYaml.Node;
import dev.lbguard.policy.file.PolicyYaml.Scalar;
import dev.lbguard.policy.file.PolicyYaml.Sequence;
import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code invariants:} section of {@code lbguard.yml}: for each, the request it sends and what it expects. */
final class InvariantReader {
    private static final Pattern LISTENER = Pattern.compile(".+:\\d{1,5}");
    private static final List<String> INVARIANT = List.of("name", "listener", "request", "expect", "severity");
    private static final List<String> REQUEST = List.of("host", "path", "method", "headers", "query", "source_ip");
    private static final List<String> EXPECT = Arrays.stream(Expectation.Kind.values()).map(Expectation.Kind::key)
            .toList();

    private final StrictNodes nodes;

    InvariantReader(StrictNodes nodes) {
        this.nodes = nodes;
    }

    /** The invariants of the section {@code entry}: one with a problem is left out; a name used twice is a problem. */
    List<Invariant> read(Entry entry) {
        List<Invariant> invariants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : nodes.list(entry, "invariants")) {
            invariant(item).ifPresent(i -> {
                if (!names.add(i.name())) {
                    nodes.problem(item, "another invariant is named '" + i.name() + "'; give each invariant its own name "
                            + "(timeline --invariant and reports find it by name)");
                }
                invariants.add(i);
            });
        }
        return invariants;
    }

    private Optional<Invariant> invariant(Node item) {
        Optional<Map<String, Entry>> m = nodes.mapping(item, "an invariant", INVARIANT);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = nodes.requiredText(item, m.get(), "name", "an invariant", "e.g. 'name: checkout reaches checkout'");
        if (name.isPresent() && name.get().isBlank()) {
            nodes.problem(m.get().get("name").value(), "the name is empty; name the invariant after what it protects, e.g. "
                    + "'name: checkout reaches checkout'");
            name = Optional.empty();
        }
        Optional<String> listener = nodes.requiredText(item, m.get(), "listener", "an invariant",
                "the load balancer's name and the listener's port, e.g. 'listener: shop-edge:443'");
        if (listener.isPresent() && !LISTENER.matcher(listener.get()).matches()) {
            nodes.problem(m.get().get("listener").value(), "listener '" + listener.get() + "' is not LB:PORT; write the load "
                    + "balancer's name and the listener's port, e.g. 'shop-edge:443'");
            listener = Optional.empty();
        }
        Optional<Request> request = Optional.empty();
        Entry req = m.get().get("request");
        if (req == null) {
            nodes.problem(item, "an invariant needs 'request', e.g. 'request: {host: shop.example.com, path: /checkout}'");
        } else {
            request = request(req.value());
        }
        Optional<Expectation> expect = Optional.empty();
        Entry exp = m.get().get("expect");
        if (exp == null) {
            nodes.problem(item, "an invariant needs 'expect', one of " + String.join(", ", EXPECT)
                    + ", e.g. 'expect: {forward: shop-checkout}'");
        } else {
            expect = expectation(exp.value());
        }
        Severity severity = Optional.ofNullable(m.get().get("severity")).flatMap(e -> PolicyFileReader.severity(nodes, e.value()))
                .orElse(Severity.HIGH);
        if (name.isEmpty() || listener.isEmpty() || request.isEmpty() || expect.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Invariant(name.get(), listener.get(), request.get(), expect.get(), severity,
                nodes.at(item)));
    }

    private Optional<Request> request(Node node) {
        Optional<Map<String, Entry>> m = nodes.mapping(node, "'request'", REQUEST);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> host = nodes.requiredText(node, m.get(), "host", "'request'", "the Host header, e.g. "
                + "'host: shop.example.com'");
        String path = nodes.optionalText(m.get(), "path").orElse("/");
        String method = nodes.optionalText(m.get(), "method").orElse("GET");
        Optional<String> sourceIp = nodes.optionalText(m.get(), "source_ip");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : multiMap(m.get().get("headers"), "headers").entrySet()) {
            h.getValue().forEach(v -> headers.add(Map.entry(h.getKey(), v)));
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (Map.Entry<String, List<String>> q : multiMap(m.get().get("query"), "query").entrySet()) {
            q.getValue().forEach(v -> query.add(Map.entry(q.getKey(), v)));
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Request.written(host.get(), path, method, headers, query, sourceIp));
        } catch (Request.Unsendable e) {
            nodes.problem(fieldOf(m.get(), node, e.field()), e.getMessage());
            return Optional.empty();
        }
    }

    /** The node of the request field that cannot be sent, else the request itself. */
    private static Node fieldOf(Map<String, Entry> request, Node whole, Request.Field field) {
        String key = switch (field) {
            case HOST -> "host";
            case PATH -> "path";
            case METHOD -> "method";
            case HEADER_NAME -> "headers";
            case SOURCE_IP -> "source_ip";
        };
        return request.containsKey(key) ? request.get(key).value() : whole;
    }

    /** {@code {name: value}} or {@code {name: [v1, v2]}} for a repeated header or query key. */
    private Map<String, List<String>> multiMap(Entry entry, String what) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (entry == null || entry.value() instanceof Scalar s && s.isNull()) {
            return out;
        }
        if (!(entry.value() instanceof Mapping m)) {
            nodes.problem(entry.value(), "'" + what + "' is " + entry.value().describe() + "; write a mapping, e.g. '"
                    + what + ": {X-Canary: \"1\"}'");
            return out;
        }
        for (Entry e : m.entries().values()) {
            List<String> values = new ArrayList<>();
            if (e.value() instanceof Sequence seq) {
                seq.items().forEach(i -> nodes.scalarText(i, what + " " + e.key()).ifPresent(values::add));
            } else {
                nodes.scalarText(e.value(), what + " " + e.key()).ifPresent(values::add);
            }
            out.put(e.key(), values);
        }
        return out;
    }

    private Optional<Expectation> expectation(Node node) {
        Optional<Map<String, Entry>> m = nodes.mapping(node, "'expect'", EXPECT);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        if (m.get().size() != 1) {
            nodes.problem(node, "'expect' needs exactly one of " + String.join(", ", EXPECT) + " (it has "
                    + (m.get().isEmpty() ? "none" : String.join(", ", m.get().keySet())) + "); write one invariant per "
                    + "expectation");
            return Optional.empty();
        }
        Entry e = m.get().values().iterator().next();
        Expectation.Kind kind = Expectation.Kind.valueOf(e.key().toUpperCase(java.util.Locale.ROOT));
        if (kind == Expectation.Kind.FORWARD && e.value() instanceof Mapping split) {
            return forwardSplit(split);
        }
        Optional<String> value = nodes.scalarText(e.value(), e.key());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isEmpty()) {
            nodes.problem(e.value(), e.key() + " is empty; name " + (kind == Expectation.Kind.REDIRECT ? "a URL pattern"
                    : "a target group"));
            return Optional.empty();
        }
        if (kind == Expectation.Kind.FIXED_RESPONSE && !value.get().matches("[1-5]\\d\\d")) {
            nodes.problem(e.value(), "fixed_response " + e.value().describe() + " is no HTTP status code; write one such as "
                    + "404 or 503");
            return Optional.empty();
        }
        return Optional.of(kind == Expectation.Kind.FORWARD ? Expectation.forwardTo(value.get())
                : Expectation.of(kind, value.get()));
    }

    /** {@code forward: {shop-api: 90, shop-api-canary: 10}}: the groups and their weights, one at least above 0. */
    private Optional<Expectation> forwardSplit(Mapping split) {
        java.util.Map<String, Integer> weights = new LinkedHashMap<>();
        for (Entry t : split.entries().values()) {
            if (t.value() instanceof Scalar w && w.kind() == JsonToken.VALUE_NUMBER_INT && w.text().matches("\\d{1,3}")) {
                weights.put(t.key(), Integer.parseInt(w.text()));
            } else {
                nodes.problem(t.value(), "the weight of " + t.key() + " is " + t.value().describe() + "; write a whole number "
                        + "from 0 to 999, as the load balancer's weights are");
                return Optional.empty();
            }
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            nodes.problem(split, "forward needs a target group of weight above 0, e.g. {shop-api: 90, shop-api-canary: 10}");
            return Optional.empty();
        }
        return Optional.of(Expectation.forward(weights));
    }
}
