package dev.lbguard.policy;

import dev.lbguard.diagnostic.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the policy that judges a change and the one the change brings.
 *
 * @param subject what changed, e.g. {@code invariant "checkout reaches checkout"} or {@code waiver LBG002 on x}
 * @param weakens whether the new policy checks less than the old: an invariant removed or changed (its old
 *                promise is no longer checked), a severity lowered, a waiver added or extended, a rule disabled,
 *                {@code fail_on} raised
 * @param source where it stands: in the new file, or in the old one for what was removed
 */
public record PolicyChange(Kind kind, String subject, String detail, boolean weakens, SourceRef source) {
    /** What happened to the subject. */
    public enum Kind {
        ADDED, REMOVED, CHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PolicyChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(source, "source");
    }

    /** Every difference between {@code before} and {@code after}, invariants first, in file order. */
    public static List<PolicyChange> between(PolicyFile before, PolicyFile after) {
        List<PolicyChange> out = new ArrayList<>();
        for (Invariant old : before.invariants()) {
            Optional<Invariant> now = after.invariant(old.name());
            String subject = "invariant \"" + old.name() + "\"";
            if (now.isEmpty()) {
                out.add(new PolicyChange(Kind.REMOVED, subject, "no longer checked: " + old.listener() + " "
                        + old.expect().describe(), true, old.source()));
            } else if (!now.get().judgesAlike(old)) {
                boolean onlyStricter = sameButSeverity(old, now.get()) && now.get().severity().isAtLeast(old.severity());
                out.add(new PolicyChange(Kind.CHANGED, subject, describeChange(old, now.get()), !onlyStricter,
                        now.get().source()));
            }
        }
        for (Invariant i : after.invariants()) {
            if (before.invariant(i.name()).isEmpty()) {
                out.add(new PolicyChange(Kind.ADDED, "invariant \"" + i.name() + "\"", i.listener() + " "
                        + i.expect().describe(), false, i.source()));
            }
        }
        for (Waiver w : after.waivers()) {
            Optional<Waiver> old = before.waivers().stream()
                    .filter(o -> o.rule().equals(w.rule()) && o.element().equals(w.element())).findFirst();
            String subject = "waiver " + w.rule() + " on " + w.element();
            if (old.isEmpty()) {
                out.add(new PolicyChange(Kind.ADDED, subject, "until " + w.expires() + ": " + w.reason(), true,
                        w.source()));
            } else if (w.expires().isAfter(old.get().expires())) {
                out.add(new PolicyChange(Kind.CHANGED, subject, "extended from " + old.get().expires() + " to "
                        + w.expires(), true, w.source()));
            }
        }
        for (Waiver w : before.waivers()) {
            if (after.waivers().stream().noneMatch(n -> n.rule().equals(w.rule()) && n.element().equals(w.element()))) {
                out.add(new PolicyChange(Kind.REMOVED, "waiver " + w.rule() + " on " + w.element(), "", false,
                        w.source()));
            }
        }
        rules(before, after, out);
        if (!before.failOn().equals(after.failOn())) {
            String was = before.failOn().orElse("high");
            String now = after.failOn().orElse("high");
            out.add(new PolicyChange(Kind.CHANGED, "fail_on", was + " -> " + now, rank(now) > rank(was),
                    SourceRef.file(after.exists() ? after.path() : before.path())));
        }
        TrafficThresholds t0 = before.traffic();
        TrafficThresholds t1 = after.traffic();
        if (!t0.equals(t1)) {
            // Higher thresholds let a change that moves more traffic stay at a lower risk: that weakens the policy.
            boolean weakens = t1.medium() > t0.medium() || t1.high() > t0.high() || t1.critical() > t0.critical()
                    || t1.surge() > t0.surge();
            out.add(new PolicyChange(Kind.CHANGED, "traffic thresholds", thresholds(t0) + " -> " + thresholds(t1),
                    weakens, SourceRef.file(after.exists() ? after.path() : before.path())));
        }
        return out;
    }

    private static String thresholds(TrafficThresholds t) {
        return "medium " + TrafficThresholds.percent(t.medium()) + ", high " + TrafficThresholds.percent(t.high())
                + ", critical " + TrafficThresholds.percent(t.critical())
                + ", surge " + (t.surge() == Math.rint(t.surge()) ? String.valueOf((long) t.surge())
                : String.valueOf(t.surge())) + "x";
    }


    private static void rules(PolicyFile before, PolicyFile after, List<PolicyChange> out) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(before.rules().keySet());
        ids.addAll(after.rules().keySet());
        for (String id : ids) {
            RuleSetting was = before.rules().get(id);
            RuleSetting now = after.rules().get(id);
            boolean wasOn = was == null || was.enabled();
            boolean isOn = now == null || now.enabled();
            SourceRef at = now != null ? now.source() : was.source();
            if (wasOn != isOn) {
                out.add(new PolicyChange(Kind.CHANGED, "rule " + id, isOn ? "enabled" : "disabled", !isOn, at));
            }
            Optional<Severity> s0 = was == null ? Optional.empty() : was.severity();
            Optional<Severity> s1 = now == null ? Optional.empty() : now.severity();
            if (!s0.equals(s1)) {
                // Without an override a rule keeps its own severity, which this file does not know: any new or
                // changed override may lower it, so only a raise between two overrides counts as stricter.
                boolean stricter = s0.isPresent() && s1.isPresent() && s1.get().isAtLeast(s0.get());
                out.add(new PolicyChange(Kind.CHANGED, "rule " + id, "severity " + s0.map(Severity::label)
                        .orElse("built-in") + " -> " + s1.map(Severity::label).orElse("built-in"), !stricter, at));
            }
        }
    }

    /** A higher rank lets more findings pass: critical fails on fewest, never on none. */
    private static int rank(String failOn) {
        return Map.of("info", 0, "low", 1, "medium", 2, "high", 3, "critical", 4, "never", 5, "none", 5)
                .getOrDefault(failOn, 3);
    }

    private static boolean sameButSeverity(Invariant a, Invariant b) {
        return a.listener().equals(b.listener()) && a.request().equals(b.request()) && a.expect().equals(b.expect());
    }

    private static String describeChange(Invariant old, Invariant now) {
        List<String> parts = new ArrayList<>();
        if (!old.listener().equals(now.listener())) {
            parts.add("listener " + old.listener() + " -> " + now.listener());
        }
        if (!old.request().equals(now.request())) {
            parts.add("request changed");
        }
        if (!old.expect().equals(now.expect())) {
            parts.add("expect " + old.expect().describe() + " -> " + now.expect().describe());
        }
        if (old.severity() != now.severity()) {
            parts.add("severity " + old.severity().label() + " -> " + now.severity().label());
        }
        return String.join(", ", parts);
    }
}
