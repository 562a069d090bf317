package dev.lbguard.route;

import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
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
        Verdict known = evaluateKnownValues(c, r);
        if (known.truth() != Truth.FALSE) {
            return known;
        }
        // No known value matched; values we could not evaluate might have.
        return c.unknownReason()
                .map(why -> new Verdict(Truth.UNKNOWN, "condition " + c.type().label() + " could not be evaluated: " + why))
                .orElse(Verdict.NO);
    }

    private static Verdict evaluateKnownValues(Condition c, Request r) {
        switch (c.type()) {
            case HOST_HEADER: {
                String host = r.hostWithoutPort();
                return of(c.values().stream().anyMatch(p -> Glob.matches(p, host, true, false)));
            }
            case PATH_PATTERN:
                return of(c.values().stream().anyMatch(p -> Glob.matches(p, r.path(), false, false)));
            case HTTP_HEADER:
                return of(r.headerValues(c.headerName()).stream()
                        .anyMatch(v -> c.values().stream().anyMatch(p -> Glob.matches(p, v, true, false))));
            case HTTP_REQUEST_METHOD:
                return of(c.values().contains(r.method()));
            case QUERY_STRING:
                return of(c.queryPairs().stream().anyMatch(pair -> queryMatches(pair, r)));
            case SOURCE_IP:
                return sourceIp(c, r);
            default:
                throw new IllegalStateException("unhandled condition type " + c.type());
        }
    }

    private static boolean queryMatches(QueryPair pair, Request r) {
        Optional<Glob> key = pair.key().map(k -> Glob.compile(k, true, true));
        Glob value = Glob.compile(pair.value(), true, true);
        return r.query().stream().anyMatch(q ->
                key.map(k -> k.matches(q.key())).orElse(true) && value.matches(q.value()));
    }

    private static Verdict sourceIp(Condition c, Request r) {
        if (r.sourceIp().isEmpty()) {
            return c.values().isEmpty() ? Verdict.NO
                    : new Verdict(Truth.UNKNOWN, "the request has no source IP and the rule tests source-ip");
        }
        IPAddress ip = new IPAddressString(r.sourceIp().get()).getAddress();
        if (ip == null) {
            return new Verdict(Truth.UNKNOWN, "the request's source IP " + r.sourceIp().get() + " is not an address");
        }
        String invalid = "";
        for (String cidr : c.values()) {
            Optional<IPAddress> block = cidrBlock(cidr);
            if (block.isEmpty()) {
                invalid = cidr;
            } else if (block.get().contains(ip)) {
                return Verdict.YES;
            }
        }
        return invalid.isEmpty() ? Verdict.NO
                : new Verdict(Truth.UNKNOWN, "source-ip value " + invalid + " is not a CIDR");
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
