package dev.lbguard.route;

import dev.lbguard.model.AclExpr;
import dev.lbguard.route.ConditionMatcher.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides an HAProxy ACL expression against one request exactly as HAProxy 2.6 does ({@code src/pattern.c},
 * {@code http_fetch.c}): ASCII-only case folding for {@code -i}, {@code hdr()} values split at commas, the
 * Host header compared whole (a {@code :port} included), word matching for {@code dom} and {@code dir},
 * unanchored regex search, and method matching by identity for the well-known methods.
 */
final class AclMatcher {
    /** The methods HAProxy parses into an enum; every other method is compared as a string. */
    static final List<String> WELL_KNOWN_METHODS =
            List.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT");
    private static final String DOM_DELIMITERS = "/?.:";
    private static final String DIR_DELIMITERS = "/?";
    private static final ConcurrentHashMap<String, Optional<Pattern>> REGEX = new ConcurrentHashMap<>();

    private AclMatcher() {
    }

    static Verdict evaluate(AclExpr expr, Request request) {
        return expr.accept(new AclExpr.Visitor<>() {
            @Override
            public Verdict and(AclExpr.And and) {
                Verdict unknown = Verdict.YES;
                for (AclExpr t : and.terms()) {
                    Verdict v = evaluate(t, request);
                    if (v.truth() == Truth.FALSE) {
                        return v;
                    }
                    if (v.truth() == Truth.UNKNOWN && unknown.truth() == Truth.TRUE) {
                        unknown = v;
                    }
                }
                return unknown;
            }

            @Override
            public Verdict or(AclExpr.Or or) {
                Verdict unknown = Verdict.NO;
                for (AclExpr t : or.terms()) {
                    Verdict v = evaluate(t, request);
                    if (v.truth() == Truth.TRUE) {
                        return v;
                    }
                    if (v.truth() == Truth.UNKNOWN && unknown.truth() == Truth.FALSE) {
                        unknown = v;
                    }
                }
                return unknown;
            }

            @Override
            public Verdict not(AclExpr.Not not) {
                Verdict v = evaluate(not.term(), request);
                return switch (v.truth()) {
                    case TRUE -> Verdict.NO;
                    case FALSE -> Verdict.YES;
                    case UNKNOWN -> v;
                };
            }

            @Override
            public Verdict match(AclExpr.Match match) {
                return AclMatcher.match(match, request);
            }

            @Override
            public Verdict unknown(AclExpr.Unknown unknown) {
                return new Verdict(Truth.UNKNOWN, "ACL {" + unknown.text() + "} could not be evaluated: "
                        + unknown.reason());
            }
        });
    }

    static Verdict match(AclExpr.Match m, Request r) {
        switch (m.fetch()) {
            case SRC: {
                if (r.sourceIp().isEmpty()) {
                    return new Verdict(Truth.UNKNOWN, "the request has no source IP and the rule tests src");
                }
                IPAddress ip = new IPAddressString(r.sourceIp().get()).getAddress();
                if (ip == null) {
                    return new Verdict(Truth.UNKNOWN, "the request's source IP " + r.sourceIp().get() + " is not an address");
                }
                return Verdict.of(m.values().stream().anyMatch(v -> networkContains(v, ip)));
            }
            case METHOD:
                return Verdict.of(m.values().stream().anyMatch(p -> methodMatches(p, r.method(), m.ignoreCase())));
            case PATH:
                return Verdict.of(anyValueMatches(m, List.of(r.path())));
            case HDR:
                if (r.unread().header(m.header())) {
                    return new Verdict(Truth.UNKNOWN, "the log does not carry the request's " + m.header() + " header");
                }
                return Verdict.of(anyValueMatches(m, headerValues(r, m.header())));
            default:
                throw new IllegalStateException("unhandled fetch " + m.fetch());
        }
    }

    /** The occurrences {@code hdr(name)} fetches: every value of the header, split at commas and trimmed. */
    static List<String> headerValues(Request r, String name) {
        List<String> raw = new ArrayList<>();
        if (name.equals("host") && !r.host().isEmpty()) {
            raw.add(r.host());
        }
        raw.addAll(r.headerValues(name));
        List<String> out = new ArrayList<>();
        for (String v : raw) {
            for (String part : v.split(",", -1)) {
                out.add(trimLws(part));
            }
        }
        return out;
    }

    private static String trimLws(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean anyValueMatches(AclExpr.Match m, List<String> samples) {
        for (String s : samples) {
            for (String p : m.values()) {
                if (stringMatches(m.method(), p, s, m.ignoreCase())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean stringMatches(AclExpr.MatchMethod method, String pattern, String s, boolean icase) {
        return switch (method) {
            case STR -> s.length() == pattern.length() && regionEquals(s, 0, pattern, icase);
            case BEG -> s.length() >= pattern.length() && regionEquals(s, 0, pattern, icase);
            case END -> s.length() >= pattern.length() && regionEquals(s, s.length() - pattern.length(), pattern, icase);
            case SUB -> contains(s, pattern, icase);
            case DOM -> matchWord(s, pattern, icase, DOM_DELIMITERS);
            case DIR -> matchWord(s, pattern, icase, DIR_DELIMITERS);
            case REG -> regex(pattern, icase).map(p -> p.matcher(s).find()).orElse(false);
            case IP, METH -> throw new IllegalArgumentException(method + " is not a string match");
        };
    }

    /** The Java pattern that searches as HAProxy's PCRE does (only LF ends a line), or empty if invalid. */
    static Optional<Pattern> regex(String pattern, boolean icase) {
        return REGEX.computeIfAbsent((icase ? "i:" : "c:") + pattern, k -> {
            try {
                return Optional.of(Pattern.compile(pattern, Pattern.UNIX_LINES | (icase ? Pattern.CASE_INSENSITIVE : 0)));
            } catch (PatternSyntaxException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean contains(String s, String p, boolean icase) {
        for (int i = 0; i + p.length() <= s.length(); i++) {
            if (regionEquals(s, i, p, icase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HAProxy's {@code match_word}: the pattern, stripped of leading and trailing delimiters, equals a run of
     * the sample that starts at its beginning or after a delimiter and ends at its end or before a delimiter.
     */
    static boolean matchWord(String s, String pattern, boolean icase, String delimiters) {
        int ps = 0;
        int pe = pattern.length();
        while (ps < pe && delimiters.indexOf(pattern.charAt(ps)) >= 0) {
            ps++;
        }
        while (pe > ps && delimiters.indexOf(pattern.charAt(pe - 1)) >= 0) {
            pe--;
        }
        String p = pattern.substring(ps, pe);
        // HAProxy then compares the sample with the pattern's terminating NUL, which no request byte equals.
        if (p.isEmpty() || p.length() > s.length()) {
            return false;
        }
        boolean mayMatch = true;
        int end = s.length() - p.length();
        for (int c = 0; c <= end; c++) {
            if (c < s.length() && delimiters.indexOf(s.charAt(c)) >= 0) {
                mayMatch = true;
                continue;
            }
            if (!mayMatch) {
                continue;
            }
            if (regionEquals(s, c, p, icase) && (c == end || delimiters.indexOf(s.charAt(c + p.length())) >= 0)) {
                return true;
            }
            mayMatch = false;
        }
        return false;
    }

    private static boolean regionEquals(String s, int at, String p, boolean icase) {
        for (int i = 0; i < p.length(); i++) {
            char a = s.charAt(at + i);
            char b = p.charAt(i);
            if (a != b && !(icase && asciiLower(a) == asciiLower(b))) {
                return false;
            }
        }
        return true;
    }

    /** C's {@code tolower} in the C locale: only ASCII letters fold. */
    static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * HAProxy's {@code pat_match_meth}: a well-known pattern matches only that method, spelled exactly; any
     * other pattern matches a method that is not well-known with the same spelling (ASCII case aside under -i).
     */
    static boolean methodMatches(String pattern, String method, boolean icase) {
        if (WELL_KNOWN_METHODS.contains(pattern)) {
            return pattern.equals(method);
        }
        if (WELL_KNOWN_METHODS.contains(method) || pattern.length() != method.length()) {
            return false;
        }
        return regionEquals(method, 0, pattern, icase);
    }

    /** True when the address is in the network (a bare address is a /32 or /128), v4-mapped forms compared. */
    static boolean networkContains(String network, IPAddress ip) {
        Optional<IPAddress> block = ConditionMatcher.cidrBlock(network);
        if (block.isEmpty()) {
            return false;
        }
        IPAddress b = block.get();
        if (b.isIPv4() && ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) {
            return b.contains(ip.toIPv6().getEmbeddedIPv4Address());
        }
        if (b.isIPv6() && ip.isIPv4()) {
            return b.contains(ip.toIPv4().getIPv4MappedAddress());
        }
        return b.isIPv4() == ip.isIPv4() && b.contains(ip);
    }
}
