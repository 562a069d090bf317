package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A listener: protocol and port, TLS settings, the default action (the implicit last rule) and the rules.
 *
 * @param protocol upper case, e.g. {@code HTTPS} or {@code TCP}; {@code ""} when no source says it (a listener of
 *                 another stack that rules are attached to: HTTP or HTTPS, since only those hold rules)
 * @param port the port, or 0 when it could not be evaluated (a diagnostic says so)
 * @param certificates certificate ARNs or references, sorted and deduplicated
 * @param rules sorted by id, not by priority: see {@link #rulesInEvaluationOrder()}
 * @param semantics how the rules pick a request: ALB rules hold conditions, HAProxy rules an expression
 */
public record Listener(ElementId id, SourceRef source, String protocol, int port, Optional<String> sslPolicy,
                       List<String> certificates, RuleAction defaultAction, List<Rule> rules,
                       RuleSemantics semantics) {

    /** Known priorities ascending, then unknown ones; ties broken by id so the order never depends on input order. */
    public static final Comparator<Rule> EVALUATION_ORDER = Comparator
            .comparing((Rule r) -> !r.priority().isKnown())
            .thenComparingInt(r -> r.priority().value())
            .thenComparing(Rule::id);

    public Listener {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        protocol = protocol.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(sslPolicy, "sslPolicy");
        certificates = Sorted.set(certificates);
        Objects.requireNonNull(defaultAction, "defaultAction");
        rules = Sorted.byKey(rules, Rule::id);
        Objects.requireNonNull(semantics, "semantics");
        for (Rule r : rules) {
            // A rule written for one semantics means nothing to the other's evaluator.
            if ((r.match() instanceof RuleMatch.Acl) != (semantics == RuleSemantics.HAPROXY)) {
                throw new IllegalArgumentException("rule " + r.id() + " does not fit " + semantics + " semantics");
            }
        }
    }

    /** An ALB listener. */
    public Listener(ElementId id, SourceRef source, String protocol, int port, Optional<String> sslPolicy,
                    List<String> certificates, RuleAction defaultAction, List<Rule> rules) {
        this(id, source, protocol, port, sslPolicy, certificates, defaultAction, rules, RuleSemantics.ALB);
    }

    /**
     * True for HTTP and HTTPS listeners, the only ones that evaluate rules; NLB (TCP, TLS, UDP, TCP_UDP)
     * and GWLB listeners only have their default forward.
     */
    public boolean evaluatesRules() {
        return protocol.equals("HTTP") || protocol.equals("HTTPS") || protocol.isEmpty();
    }

    /** The same listener with other rules (its identity, port, TLS settings and default kept). */
    public Listener withRules(List<Rule> other) {
        return new Listener(id, source, protocol, port, sslPolicy, certificates, defaultAction, other, semantics);
    }

    /** The rules in the order the load balancer tries them (before the default action). */
    public List<Rule> rulesInEvaluationOrder() {
        return rules.stream().sorted(EVALUATION_ORDER).toList();
    }

    /**
     * True when this listener routes every request as {@code other} does by its own rules: the same protocol, port,
     * semantics, default action and rules (id, priority, match, action), wherever either is written. Where the
     * target groups they forward to send requests is another matter.
     */
    public boolean routesAs(Listener other) {
        if (this == other) {
            return true;
        }
        if (!protocol.equals(other.protocol) || port != other.port || semantics != other.semantics
                || !defaultAction.equals(other.defaultAction) || rules.size() != other.rules.size()) {
            return false;
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule x = rules.get(i);
            Rule y = other.rules.get(i);
            if (!x.id().equals(y.id()) || !x.priority().equals(y.priority()) || !x.match().equals(y.match())
                    || !x.action().equals(y.action())) {
                return false;
            }
        }
        return true;
    }

    /** Every action the listener may take: its default, then its rules' in id order. */
    public java.util.stream.Stream<RuleAction> actions() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(defaultAction),
                rules.stream().map(Rule::action));
    }

    /** True when its default and every rule (priority, conditions, action) are known. */
    public boolean fullyKnown() {
        return defaultAction.isKnown() && rules.stream().allMatch(r -> !r.hasUnknowns() && r.action().isKnown());
    }

    /** A short name such as {@code HTTPS:443}. */
    public String label() {
        return (protocol.isEmpty() ? "?" : protocol) + ":" + (port == 0 ? "?" : Integer.toString(port));
    }
}
