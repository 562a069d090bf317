package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.Rule;
import java.util.List;
import java.util.Locale;

/**
 * What a rule without a priority means. The provider gives it, when it creates the rule, the priority after the
 * listener's highest one then: where it stands among rules created with it or after it is in no configuration.
 * Where it may take a request another rule of the listener matches, which of them takes it depends on that order,
 * so the analysis is incomplete (public code left a catch-all {@code /*} rule without a priority beside
 * {@code /api/*}); where it shares no request with any other rule, its place does not matter.
 * <p>
 * Whether two rules share a request is decided here from the patterns alone, soundly but not completely (the
 * evaluator's pattern languages are beyond what a source may use): two rules share none when, for a condition type
 * both have (for http-header, the same header), every pair of their values is disjoint; two wildcard patterns are
 * disjoint when the literal text before their first wildcard, or after their last, cannot agree. Query strings,
 * source addresses and unknown values are taken as shared: a "may" is never a "no".
 */
final class UnsetPriorities {
    private UnsetPriorities() {
    }

    static void report(List<Rule> rules, boolean external, List<Diagnostic> diagnostics) {
        for (Rule r : rules) {
            if (r.priority().kind() != Priority.Kind.ASSIGNED) {
                continue;
            }
            List<String> sharing = rules.stream().filter(o -> o != r && mayShareARequest(r, o))
                    .map(o -> o.id().value()).toList();
            String place = external ? "lbguard places it after this configuration's rules on that listener ("
                    + r.priority().value() + "); AWS places it after the listener's highest rule when it creates it, "
                    + "and that listener's other rules are not in this configuration"
                    : "the provider gives it the priority after the listener's highest rule when it creates it "
                    + "(lbguard shows " + r.priority().value() + ")";
            if (!sharing.isEmpty()) {
                String others = sharing.size() <= 3 ? String.join(", ", sharing)
                        : String.join(", ", sharing.subList(0, 3)) + " and " + (sharing.size() - 3) + " more";
                diagnostics.add(Diagnostic.error("tf-unset-priority", r.id().value() + ": priority not set: " + place
                        + "; it may take requests that " + others + (sharing.size() == 1 ? " matches" : " match")
                        + " too, and which of them takes those depends on the order the rules were created in. "
                        + "Set priority", r.source()));
            } else {
                diagnostics.add(Diagnostic.warning("tf-assigned-priority", r.id().value() + ": priority not set: "
                        + place + "; no other rule of the listener takes a request it matches, so its place does not "
                        + "change where requests go", r.source()));
            }
        }
    }

    static boolean mayShareARequest(Rule a, Rule b) {
        for (Condition x : a.conditions()) {
            for (Condition y : b.conditions()) {
                if (x.type() == y.type() && x.headerName().equalsIgnoreCase(y.headerName()) && disjoint(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean disjoint(Condition x, Condition y) {
        if (x.isUnknown() || y.isUnknown() || x.type() == ConditionType.QUERY_STRING
                || x.type() == ConditionType.SOURCE_IP) {
            return false;
        }
        // Host names and header values compare without case; paths and methods with it.
        boolean fold = x.type() == ConditionType.HOST_HEADER || x.type() == ConditionType.HTTP_HEADER;
        boolean wildcards = x.type() != ConditionType.HTTP_REQUEST_METHOD;
        for (String p : x.values()) {
            for (String q : y.values()) {
                if (!disjoint(fold ? p.toLowerCase(Locale.ROOT) : p, fold ? q.toLowerCase(Locale.ROOT) : q,
                        wildcards)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean disjoint(String p, String q, boolean wildcards) {
        if (!wildcards) {
            return !p.equals(q);
        }
        String headP = p.substring(0, firstWildcard(p));
        String headQ = q.substring(0, firstWildcard(q));
        String tailP = p.substring(lastWildcard(p) + 1);
        String tailQ = q.substring(lastWildcard(q) + 1);
        if (firstWildcard(p) == p.length() && firstWildcard(q) == q.length()) {
            return !p.equals(q);
        }
        return !headP.startsWith(headQ) && !headQ.startsWith(headP) || !tailP.endsWith(tailQ) && !tailQ.endsWith(tailP);
    }

    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '*' || s.charAt(i) == '?') {
                return i;
            }
        }
        return s.length();
    }

    private static int lastWildcard(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) == '*' || s.charAt(i) == '?') {
                return i;
            }
        }
        return -1;
    }
}
