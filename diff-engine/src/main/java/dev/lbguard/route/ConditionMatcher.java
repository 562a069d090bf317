package dev.lbguard.route;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;

/** Decides one condition against one request, per the ALB condition table (DOMAIN.md section 1). */
final class ConditionMatcher {
    private ConditionMatcher() {
    }

    /** The outcome for one condition, with the reason when it is unknown. */
    record Verdict(Truth truth, String reason) {
        static final Verdict YES = new Verdict(Truth.TRUE, "");
        static final Verdict NO = new Verdict(Truth.FALSE, "");

        static Verdict of(boolean b) {
            return b ? YES : NO;
        }
    }

    static Verdict evaluate(Condition c, Request r) {
        return compile(c).evaluate(r);
    }

    /** The condition with its patterns compiled and its address blocks parsed, for many requests. */
    static Compiled compile(Condition c) {
        return new Compiled(c, false);
    }

    /** As {@link #compile(Condition)}; {@code remember} keeps host and path answers (for logged traffic). */
    static Compiled compile(Condition c, boolean remember) {
        return new Compiled(c, remember);
    }

    /** Host or path answers one condition keeps. */
    private static final int ANSWERS_KEPT = 256;

    /** One condition ready to decide request after request; what does not depend on the request is done once. */
    static final class Compiled {
        private final Condition c;
        private final List<Glob> values;
        private final List<Optional<Glob>> queryKeys;
        private final List<Glob> queryValues;
        private final List<Optional<IPAddress>> blocks;
        /**
         * Host and path answers by value: logged traffic asks a listener's rules about a few thousand hosts and paths
         * hundreds of thousands of times. Bounded (answers past it are worked out each time) and thread-safe, as a
         * prepared listener is shared.
         */
        private final java.util.concurrent.ConcurrentHashMap<String, Boolean> answers;

        private Compiled(Condition c, boolean remember) {
            this.c = c;
            this.answers = remember ? new java.util.concurrent.ConcurrentHashMap<>() : null;
            boolean fold = ignoresCase(c.type());
            boolean globs = c.type() == ConditionType.HOST_HEADER || c.type() == ConditionType.PATH_PATTERN
                    || c.type() == ConditionType.HTTP_HEADER;
            this.values = globs ? c.values().stream().map(p -> Glob.compile(p, fold, false)).toList() : List.of();
            this.queryKeys = c.queryPairs().stream().map(q -> q.key().map(k -> Glob.compile(k, true, true))).toList();
            this.queryValues = c.queryPairs().stream().map(q -> Glob.compile(q.value(), true, true)).toList();
            this.blocks = c.type() == ConditionType.SOURCE_IP
                    ? c.values().stream().map(ConditionMatcher::cidrBlock).toList() : List.of();
        }

        Verdict evaluate(Request r) {
            Verdict known = evaluateKnownValues(r);
            if (known.truth() != Truth.FALSE) {
                return known;
            }
            // No known value matched; values we could not evaluate might have.
            if (c.unknownReason().isEmpty()) {
                return Verdict.NO; // the common case, decided without building a verdict per request
            }
            // Unless the request lacks what every value tests: an http-header condition holds only for a request
            // with that header, a query-string condition only for one with a query, whatever their values.
            if (c.unknownValuesNeedPresence() && (c.type() == ConditionType.HTTP_HEADER
                    ? r.headerValues(c.headerName()).isEmpty() : r.query().isEmpty())) {
                return Verdict.NO;
            }
            return c.unknownReason()
                    .map(why -> new Verdict(Truth.UNKNOWN, "condition " + c.type().label() + " could not be evaluated: "
                            + why))
                    .orElse(Verdict.NO);
        }

        private Verdict evaluateKnownValues(Request r) {
            switch (c.type()) {
                // Loops, not streams: a route diff evaluates every rule for every request class.
                case HOST_HEADER:
                    if (r.unread().host()) {
                        return new Verdict(Truth.UNKNOWN, "the log does not say the request's Host header");
                    }
                    return of(remembered(r.hostWithoutPort()));
                case PATH_PATTERN:
                    return of(remembered(r.path()));
                case HTTP_HEADER:
                    if (r.unread().header(c.headerName())) {
                        return new Verdict(Truth.UNKNOWN, "the log does not carry the request's " + c.headerName()
                                + " header");
                    }
                    for (String v : r.headerValues(c.headerName())) {
                        if (anyMatches(v)) {
                            return Verdict.YES;
                        }
                    }
                    return Verdict.NO;
                case HTTP_REQUEST_METHOD:
                    return of(c.values().contains(r.method()));
                case QUERY_STRING:
                    if (r.unread().query()) {
                        return new Verdict(Truth.UNKNOWN, "the log as read does not carry the request's query");
                    }
                    for (int i = 0; i < queryValues.size(); i++) {
                        Optional<Glob> key = queryKeys.get(i);
                        Glob value = queryValues.get(i);
                        if (r.query().stream().anyMatch(q ->
                                key.map(k -> k.matches(q.key())).orElse(true) && value.matches(q.value()))) {
                            return Verdict.YES;
                        }
                    }
                    return Verdict.NO;
                case SOURCE_IP:
                    return sourceIp(r);
                default:
                    throw new IllegalStateException("unhandled condition type " + c.type());
            }
        }

        private boolean remembered(String value) {
            if (answers == null) {
                return anyMatches(value);
            }
            Boolean known = answers.get(value);
            if (known != null) {
                return known;
            }
            boolean answer = anyMatches(value);
            if (answers.size() < ANSWERS_KEPT) {
                answers.put(value, answer);
            }
            return answer;
        }

        private boolean anyMatches(String value) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).matches(value)) {
                    return true;
                }
            }
            return false;
        }

        private Verdict sourceIp(Request r) {
            if (r.sourceIp().isEmpty()) {
                return c.values().isEmpty() ? Verdict.NO
                        : new Verdict(Truth.UNKNOWN, "the request has no source IP and the rule tests source-ip");
            }
            IPAddress ip = new IPAddressString(r.sourceIp().get()).getAddress();
            if (ip == null) {
                return new Verdict(Truth.UNKNOWN, "the request's source IP " + r.sourceIp().get() + " is not an address");
            }
            String invalid = "";
            for (int i = 0; i < blocks.size(); i++) {
                Optional<IPAddress> block = blocks.get(i);
                if (block.isEmpty()) {
                    invalid = c.values().get(i);
                } else if (block.get().getIPVersion() == ip.getIPVersion() && block.get().contains(ip)) {
                    return Verdict.YES;
                }
            }
            return invalid.isEmpty() ? Verdict.NO
                    : new Verdict(Truth.UNKNOWN, "source-ip value " + invalid + " is not a CIDR");
        }
    }

    /** The address block a source-ip value names; a bare address is a one-address block. */
    static Optional<IPAddress> cidrBlock(String cidr) {
        IPAddress a = new IPAddressString(cidr.trim()).getAddress();
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(a.isPrefixed() ? a.toPrefixBlock() : a);
    }

    private static Verdict of(boolean b) {
        return b ? Verdict.YES : Verdict.NO;
    }

    /** True when the type compares case-insensitively (its patterns are folded for inclusion checks). */
    static boolean ignoresCase(ConditionType type) {
        return type != ConditionType.PATH_PATTERN && type != ConditionType.HTTP_REQUEST_METHOD;
    }
}
