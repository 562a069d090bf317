package dev.lbguard.policy.file;

import com.fasterxml.jackson.core.JsonToken;
import dev.lbguard.policy.Expectation;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.RuleSetting;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.Waiver;
import dev.lbguard.policy.file.PolicyYaml.Entry;
import dev.lbguard.policy.file.PolicyYaml.Mapping;
import dev.lbguard.policy.file.PolicyYaml.Node;
import dev.lbguard.policy.file.PolicyYaml.Scalar;
import dev.lbguard.policy.file.PolicyYaml.Sequence;
import dev.lbguard.route.Request;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code lbguard.yml} (docs/policy-file.md, schema docs/schema/lbguard-policy-v1.schema.json). Strict: an
 * unknown key is an error, not ignored, since a misspelt {@code expect} would otherwise check nothing; every
 * problem is collected and reported with its line, column and what to write instead.
 */
public final class PolicyFileReader {
    private static final Pattern RULE_ID = Pattern.compile("LBG\\d{3}");
    private static final Pattern LISTENER = Pattern.compile(".+:\\d{1,5}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> TOP = List.of("version", "fail_on", "invariants", "waivers", "rules",
            "traffic");
    private static final List<String> INVARIANT = List.of("name", "listener", "request", "expect", "severity");
    private static final List<String> REQUEST = List.of("host", "path", "method", "headers", "query", "source_ip");
    private static final List<String> EXPECT = Arrays.stream(Expectation.Kind.values()).map(Expectation.Kind::key)
            .toList();
    private static final List<String> WAIVER = List.of("rule", "element", "reason", "expires");
    private static final List<String> RULE = List.of("severity", "enabled");
    private static final List<String> FAIL_ON = List.of("critical", "high", "medium", "low", "info", "never", "none");

    private final String path;
    private StrictNodes nodes;

    private PolicyFileReader(String path) {
        this.path = path;
    }

    /** The policy in {@code bytes}, read from {@code path} (which every problem names). */
    public static PolicyFile read(String path, byte[] bytes) throws PolicyFileException {
        PolicyFileReader r = new PolicyFileReader(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw r.fail(0, 0, "the file is not UTF-8 text; save it as UTF-8");
        }
        r.nodes = new StrictNodes(path, text);
        Optional<Node> doc;
        try {
            doc = PolicyYaml.read(text);
        } catch (PolicyYaml.YamlError e) {
            throw r.fail(e.line, e.column, "not valid YAML: " + e.getMessage());
        }
        if (doc.isEmpty()) {
            throw r.fail(0, 0, "the file is empty; a policy file starts with 'version: 1' (run 'lbguard policy init' "
                    + "for a starter)");
        }
        PolicyFile policy = r.policy(doc.get());
        if (!r.nodes.problems().isEmpty()) {
            throw new PolicyFileException(r.nodes.problems());
        }
        return policy;
    }

    /** A problem that stops the reading: the file is no text, no YAML, or empty. */
    private PolicyFileException fail(int line, int column, String message) {
        return new PolicyFileException(List.of(new PolicyFileException.Problem(path, line, column, message)));
    }

    private PolicyFile policy(Node doc) {
        Optional<Map<String, Entry>> top = nodes.mapping(doc, "the policy file", TOP);
        if (top.isEmpty()) {
            return PolicyFile.none();
        }
        Map<String, Entry> t = top.get();
        Entry version = t.get("version");
        if (version == null) {
            nodes.problem(doc, "'version' is missing; write 'version: 1' as the first line");
        } else if (!(version.value() instanceof Scalar s && s.text().equals("1") && s.kind() == JsonToken.VALUE_NUMBER_INT)) {
            nodes.problem(version.value(), "version " + version.value().describe() + " is not one lbguard reads; write "
                    + "'version: 1'");
        }
        Optional<String> failOn = Optional.ofNullable(t.get("fail_on"))
                .flatMap(e -> nodes.oneOf(e.value(), "fail_on", FAIL_ON));
        List<Invariant> invariants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : nodes.list(t.get("invariants"), "invariants")) {
            invariant(item).ifPresent(i -> {
                if (!names.add(i.name())) {
                    nodes.problem(item, "another invariant is named '" + i.name() + "'; give each invariant its own name "
                            + "(timeline --invariant and reports find it by name)");
                }
                invariants.add(i);
            });
        }
        List<Waiver> waivers = new ArrayList<>();
        for (Node item : nodes.list(t.get("waivers"), "waivers")) {
            waiver(item).ifPresent(waivers::add);
        }
        Map<String, RuleSetting> rules = new LinkedHashMap<>();
        Entry rulesEntry = t.get("rules");
        if (rulesEntry != null && !(rulesEntry.value() instanceof Scalar s && s.isNull())) {
            if (rulesEntry.value() instanceof Mapping m) {
                for (Entry e : m.entries().values()) {
                    ruleSetting(e).ifPresent(r -> rules.put(r.rule(), r));
                }
            } else {
                nodes.problem(rulesEntry.value(), "'rules' is " + rulesEntry.value().describe() + "; write a mapping of "
                        + "rule ids, e.g. 'LBG010: {severity: low}'");
            }
        }
        return new PolicyFile(path, failOn, invariants, waivers, rules, new TrafficThresholdsReader(nodes).read(t.get("traffic")));
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
        Severity severity = Optional.ofNullable(m.get().get("severity")).flatMap(e -> severity(e.value()))
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

    private Optional<Waiver> waiver(Node item) {
        Optional<Map<String, Entry>> m = nodes.mapping(item, "a waiver", WAIVER);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> rule = nodes.requiredText(item, m.get(), "rule", "a waiver", "e.g. 'rule: LBG002'");
        if (rule.isPresent() && !RULE_ID.matcher(rule.get()).matches()) {
            nodes.problem(m.get().get("rule").value(), "rule '" + rule.get() + "' is no rule id; write LBG and three digits, "
                    + "e.g. LBG002 ('lbguard rules' lists them)");
            rule = Optional.empty();
        }
        Optional<String> element = nodes.requiredText(item, m.get(), "element", "a waiver",
                "the element ids it accepts, e.g. 'element: aws_lb_listener_rule.campaign' (* matches any run)");
        Optional<String> reason = nodes.requiredText(item, m.get(), "reason", "a waiver",
                "why the finding is accepted and who approved it, e.g. 'reason: \"campaign, approved in #1234\"'");
        reason.ifPresent(text -> nodes.cutByComment(m.get().get("reason").value(), "reason", text));
        if (reason.isPresent() && reason.get().isBlank()) {
            nodes.problem(m.get().get("reason").value(), "the reason is empty; say why the finding is accepted");
            reason = Optional.empty();
        }
        Optional<String> expires = nodes.requiredText(item, m.get(), "expires", "a waiver",
                "the last day it holds, e.g. 'expires: 2027-01-31'; a waiver without an end is a finding forgotten");
        Optional<LocalDate> date = Optional.empty();
        if (expires.isPresent()) {
            try {
                if (!DATE.matcher(expires.get()).matches()) {
                    throw new DateTimeParseException("not YYYY-MM-DD", expires.get(), 0);
                }
                date = Optional.of(LocalDate.parse(expires.get()));
            } catch (DateTimeParseException e) {
                nodes.problem(m.get().get("expires").value(), "expires '" + expires.get() + "' is no date; write "
                        + "YYYY-MM-DD, e.g. 2027-01-31");
            }
        }
        if (rule.isEmpty() || element.isEmpty() || reason.isEmpty() || date.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Waiver(rule.get(), element.get(), reason.get(), date.get(), nodes.at(item)));
    }

    private Optional<RuleSetting> ruleSetting(Entry e) {
        if (!RULE_ID.matcher(e.key()).matches()) {
            nodes.problem(e.line(), e.column(), "'" + e.key() + "' is no rule id; write LBG and three digits, e.g. LBG010 "
                    + "('lbguard rules' lists them)");
            return Optional.empty();
        }
        Optional<Map<String, Entry>> m = nodes.mapping(e.value(), "the settings of " + e.key(), RULE);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        if (m.get().isEmpty()) {
            nodes.problem(e.value(), e.key() + " has no setting; write 'severity: LEVEL' or 'enabled: false'");
            return Optional.empty();
        }
        Optional<Severity> severity = Optional.ofNullable(m.get().get("severity")).flatMap(s -> severity(s.value()));
        boolean enabled = true;
        Entry en = m.get().get("enabled");
        if (en != null) {
            if (en.value() instanceof Scalar s && (s.kind() == JsonToken.VALUE_TRUE || s.kind() == JsonToken.VALUE_FALSE)) {
                enabled = s.kind() == JsonToken.VALUE_TRUE;
            } else {
                nodes.problem(en.value(), "enabled is " + en.value().describe() + "; write true or false");
            }
        }
        return Optional.of(new RuleSetting(e.key(), severity, enabled, nodes.at(e.value())));
    }

    private Optional<Severity> severity(Node node) {
        return nodes.oneOf(node, "severity", Arrays.stream(Severity.values()).map(Severity::label).toList())
                .flatMap(Severity::fromLabel);
    }
}
