package dev.lbguard.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The condition of an HAProxy rule ({@code if}/{@code unless}): a boolean expression over ACL matches, with the
 * named ACLs already expanded (several lines of one name and several values of one line are ORs). Java 17 has
 * no exhaustive pattern switch, so callers dispatch through {@link Visitor}.
 */
public sealed interface AclExpr permits AclExpr.And, AclExpr.Or, AclExpr.Not, AclExpr.Match, AclExpr.Unknown {

    /** The expression of an unconditional rule. */
    AclExpr TRUE = new And(List.of());

    <R> R accept(Visitor<R> visitor);

    /** True when some part could not be read, so the expression may be unknown for some requests. */
    default boolean hasUnknown() {
        if (this instanceof And a) {
            return a.terms().stream().anyMatch(AclExpr::hasUnknown);
        }
        if (this instanceof Or o) {
            return o.terms().stream().anyMatch(AclExpr::hasUnknown);
        }
        if (this instanceof Not n) {
            return n.term().hasUnknown();
        }
        return this instanceof Unknown;
    }

    /** One handler per expression kind. */
    interface Visitor<R> {
        R and(And and);

        R or(Or or);

        R not(Not not);

        R match(Match match);

        R unknown(Unknown unknown);
    }

    /** What an ACL reads from the request. */
    enum Fetch {
        /** A request header's values, split at commas as {@code hdr()} does; the name is in {@link Match#header()}. */
        HDR,
        /** The path: from the first slash up to the query, undecoded. */
        PATH,
        /** The request method. */
        METHOD,
        /** The client's address. */
        SRC
    }

    /** How an ACL compares the fetched value with its patterns ({@code -m}). */
    enum MatchMethod {
        STR, BEG, END, SUB,
        /** A dot-delimited portion equals the pattern ({@code hdr_dom}). */
        DOM,
        /** A slash-delimited portion equals the pattern ({@code path_dir}). */
        DIR,
        REG,
        /** Address in a network ({@code src}). */
        IP,
        /** HAProxy's method matching: well-known methods by identity, others as strings. */
        METH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** True when every term is (empty: always true). */
    record And(List<AclExpr> terms) implements AclExpr {
        public And {
            terms = Sorted.list(terms);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.and(this);
        }

        @Override
        public String toString() {
            return terms.isEmpty() ? "TRUE" : terms.stream().map(t -> t instanceof Or ? "(" + t + ")" : t.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** True when some term is (empty: never true). */
    record Or(List<AclExpr> terms) implements AclExpr {
        public Or {
            terms = Sorted.list(terms);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.or(this);
        }

        @Override
        public String toString() {
            return terms.isEmpty() ? "FALSE" : terms.stream().map(AclExpr::toString).collect(Collectors.joining(" || "));
        }
    }

    /** True when the term is not. */
    record Not(AclExpr term) implements AclExpr {
        public Not {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }

        @Override
        public String toString() {
            return term instanceof Match || term instanceof Unknown ? "!" + term : "!(" + term + ")";
        }
    }

    /**
     * One ACL line: true when the fetched value matches any of the patterns.
     *
     * @param header the header name of {@link Fetch#HDR}, lower case; {@code ""} for other fetches
     * @param values the patterns as written (strings, regular expressions, networks or methods), in order
     * @param ignoreCase {@code -i}: ASCII letters compare without regard to case
     */
    record Match(Fetch fetch, String header, MatchMethod method, List<String> values, boolean ignoreCase)
            implements AclExpr {
        public Match {
            Objects.requireNonNull(fetch, "fetch");
            Objects.requireNonNull(method, "method");
            header = header.toLowerCase(Locale.ROOT);
            if ((fetch == Fetch.HDR) == header.isEmpty()) {
                throw new IllegalArgumentException("a hdr fetch, and only it, names a header");
            }
            values = Sorted.list(values);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.match(this);
        }

        /** The fetch as HAProxy writes it, e.g. {@code hdr(host)} or {@code path}. */
        public String fetchLabel() {
            return fetch == Fetch.HDR ? "hdr(" + header + ")" : fetch.name().toLowerCase(Locale.ROOT);
        }

        /** E.g. {@code hdr(host) -i -m str api.example.test}. */
        @Override
        public String toString() {
            return fetchLabel() + (ignoreCase ? " -i" : "") + " -m " + method.label() + " " + String.join(" ", values);
        }
    }

    /**
     * An ACL lbguard cannot evaluate (an unsupported fetch or flag, an undefined name): a request its answer
     * would decide gets an unknown destination.
     *
     * @param text the ACL as written
     */
    record Unknown(String text, String reason) implements AclExpr {
        public Unknown {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unknown(this);
        }

        @Override
        public String toString() {
            return "{" + text + "}?";
        }
    }
}
