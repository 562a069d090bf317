package dev.lbguard.policy.file;

import com.fasterxml.jackson.core.JsonToken;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.RuleSetting;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.Waiver;
import dev.lbguard.policy.file.PolicyYaml.Entry;
import dev.lbguard.policy.file.PolicyYaml.Mapping;
import dev.lbguard.policy.file.PolicyYaml.Node;
import dev.lbguard.policy.file.PolicyYaml.Scalar;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code lbguard.yml} (docs/policy-file.md, schema docs/schema/lbguard-policy-v1.schema.json). Strict: an
 * unknown key is an error, not ignored, since a misspelt {@code expect} would otherwise check nothing; every
 * problem is collected and reported with its line, column and what to write instead.
 */
public final class PolicyFileReader {
    private static final Pattern RULE_ID = Pattern.compile("LBG\\d{3}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> TOP = List.of("version", "fail_on", "invariants", "waivers", "rules",
            "traffic");
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
        List<Invariant> invariants = new InvariantReader(nodes).read(t.get("invariants"));
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
        Optional<Severity> severity = Optional.ofNullable(m.get().get("severity"))
                .flatMap(s -> severity(nodes, s.value()));
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

    /** A {@code severity:} value, as invariants and rule settings write it. */
    static Optional<Severity> severity(StrictNodes nodes, Node node) {
        return nodes.oneOf(node, "severity", Arrays.stream(Severity.values()).map(Severity::label).toList())
                .flatMap(Severity::fromLabel);
    }
}
