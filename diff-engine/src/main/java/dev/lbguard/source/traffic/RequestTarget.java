package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The target of a logged request line, in origin form ({@code /path?query}) or absolute form
 * ({@code scheme://authority/path?query}), kept as logged: no percent-decoding, since ALB and HAProxy match the
 * path as the client sent it.
 *
 * @param scheme the URL's scheme, lower case; empty in origin form
 * @param authority {@code host[:port]} as logged, user information dropped; empty in origin form
 * @param path the path without the query; {@code /} when an absolute URL has none (RFC 9112 3.2.1)
 * @param query the query string without {@code ?}; empty when there is none
 */
record RequestTarget(Optional<String> scheme, Optional<String> authority, String path, String query) {
    RequestTarget {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
    }

    /** The target, or empty when it is neither a path nor an absolute URL with a host (e.g. {@code *}, {@code -}). */
    static Optional<RequestTarget> parse(String target) {
        if (target.startsWith("/")) {
            int q = target.indexOf('?');
            return Optional.of(q < 0 ? new RequestTarget(Optional.empty(), Optional.empty(), target, "")
                    : new RequestTarget(Optional.empty(), Optional.empty(), target.substring(0, q),
                            target.substring(q + 1)));
        }
        int sep = target.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        String scheme = target.substring(0, sep);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return Optional.empty();
            }
        }
        int start = sep + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
            end++;
        }
        String authority = target.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        String rest = target.substring(end);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        return Optional.of(new RequestTarget(Optional.of(scheme.toLowerCase(java.util.Locale.ROOT)),
                Optional.of(authority), path.isEmpty() ? "/" : path, query));
    }

    /** The authority's host, an IPv6 literal with its brackets; empty in origin form. */
    Optional<String> host() {
        return authority.map(a -> {
            if (a.startsWith("[")) {
                int close = a.indexOf(']');
                return close < 0 ? a : a.substring(0, close + 1);
            }
            int colon = a.lastIndexOf(':');
            return colon < 0 ? a : a.substring(0, colon);
        });
    }

    /** The authority's port when it names one that is a port (1 to 65535). */
    OptionalInt port() {
        if (authority.isEmpty()) {
            return OptionalInt.empty();
        }
        String a = authority.get();
        int colon = a.lastIndexOf(':');
        if (colon < 0 || a.lastIndexOf(']') > colon || colon == a.length() - 1 || a.length() - colon > 6) {
            return OptionalInt.empty();
        }
        int port = 0;
        for (int i = colon + 1; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** The request routing reads: this path and query (pairs in order, as {@link Request#written} splits them). */
    Request request(String host, String method, Optional<String> sourceIp) {
        return new Request(host, path, method, new TreeMap<>(), params(query), sourceIp);
    }

    /** As {@link #request(String, String, Optional)}, with the headers the log carries and what it does not say. */
    Request request(String host, String method, Optional<String> sourceIp,
                    java.util.SortedMap<String, List<String>> headers, Request.Unread unread) {
        return new Request(host, path, method, headers, params(query), sourceIp, unread);
    }

    /** A query string's {@code key=value} pairs in order, a pair without {@code =} a key with the value "". */
    static List<Request.QueryParam> params(String query) {
        List<Request.QueryParam> params = new ArrayList<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    params.add(eq < 0 ? new Request.QueryParam(pair, "")
                            : new Request.QueryParam(pair.substring(0, eq), pair.substring(eq + 1)));
                }
            }
        }
        return params;
    }
}
