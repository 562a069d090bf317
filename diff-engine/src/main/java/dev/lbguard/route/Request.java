package dev.lbguard.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One HTTP request as the load balancer sees it when choosing a rule.
 *
 * @param host the Host header as sent; a {@code :port} suffix is ignored when matching, as ALB does
 * @param path the path only, without the query string (ALB never compares the query with path patterns)
 * @param method the method as sent; compared case-sensitively
 * @param headers header values by name; names compare case-insensitively
 * @param query the query parameters in order, repeated keys allowed
 * @param sourceIp the client address; absent means rules with a source-ip condition answer unknown
 * @param unread what the request's source does not say (a log line): rules that test it answer unknown
 */
public record Request(String host, String path, String method, SortedMap<String, List<String>> headers,
                      List<QueryParam> query, Optional<String> sourceIp, Unread unread) {

    /**
     * What a request read from a log does not say: its Host header (an HAProxy log without a Host capture), and
     * every header but those the log carries (an ALB log carries Host and User-Agent). A rule that tests one of them
     * answers unknown, so the request is undecided where, and only where, such a rule could take it.
     *
     * @param host the Host header is unknown (not: absent)
     * @param carriedHeaders when present, the only headers (lower case) whose presence and values are known
     * @param query the query string is unknown (a log read before the rules that test it were known)
     */
    public record Unread(boolean host, Optional<Set<String>> carriedHeaders, boolean query) {
        /** A request stated whole, as a user or a test writes it: an absent header is absent. */
        public static final Unread NOTHING = new Unread(false, Optional.empty(), false);

        public Unread {
            carriedHeaders = carriedHeaders.map(c -> c.isEmpty() ? Set.<String>of() : c.stream()
                    .map(h -> h.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        }

        public Unread(boolean host, Optional<Set<String>> carriedHeaders) {
            this(host, carriedHeaders, false);
        }

        /**
         * No header known, by whether the Host and the query are: one of each for every request a projection left
         * without headers, rather than one per request (a log's distinct requests are hundreds of thousands).
         */
        private static final Unread[] HEADERLESS = {new Unread(false, Optional.of(Set.of()), false),
            new Unread(false, Optional.of(Set.of()), true), new Unread(true, Optional.of(Set.of()), false),
            new Unread(true, Optional.of(Set.of()), true)};

        /** This, and no header known any more: they were dropped. */
        public Unread withoutHeaders() {
            return headerless() ? this : HEADERLESS[(host ? 2 : 0) + (query ? 1 : 0)];
        }

        /** This, and the query unknown: it was dropped. */
        public Unread withoutQuery() {
            if (query) {
                return this;
            }
            return headerless() ? HEADERLESS[(host ? 2 : 0) + 1] : new Unread(host, carriedHeaders, true);
        }

        private boolean headerless() {
            return carriedHeaders.isPresent() && carriedHeaders.get().isEmpty();
        }

        /** Whether the header's values (or its absence) are unknown. */
        public boolean header(String name) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            return n.equals("host") ? host : carriedHeaders.map(c -> !c.contains(n)).orElse(false);
        }
    }

    /** One {@code key=value} pair of the query string (undecoded; {@code ?flag} is key {@code flag}, value ""). */
    public record QueryParam(String key, String value) {
        public QueryParam {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The headers of every request without any, one map for all: a log's requests mostly have none, and the two
     * maps each had of its own were 80 of the 190 bytes a logged request kept.
     */
    private static final SortedMap<String, List<String>> NO_HEADERS =
            Collections.unmodifiableSortedMap(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    public Request {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        if (headers.isEmpty()) {
            headers = NO_HEADERS;
        } else {
            TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                h.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
            h.replaceAll((k, v) -> List.copyOf(v));
            headers = Collections.unmodifiableSortedMap(h);
        }
        query = List.copyOf(query);
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(unread, "unread");
    }

    /** A request stated whole: nothing unread. */
    public Request(String host, String path, String method, SortedMap<String, List<String>> headers,
                   List<QueryParam> query, Optional<String> sourceIp) {
        this(host, path, method, headers, query, sourceIp, Unread.NOTHING);
    }

    public Request withUnread(Unread u) {
        return new Request(host, path, method, headers, query, sourceIp, u);
    }

    /** A GET request for {@code host} and {@code path} with no headers, query or source address. */
    public static Request of(String host, String path) {
        return new Request(host, path, "GET", new TreeMap<>(), List.of(), Optional.empty());
    }

    public Request withHost(String newHost) {
        return new Request(newHost, path, method, headers, query, sourceIp, unread);
    }

    public Request withPath(String newPath) {
        return new Request(host, newPath, method, headers, query, sourceIp, unread);
    }

    public Request withMethod(String newMethod) {
        return new Request(host, path, newMethod, headers, query, sourceIp, unread);
    }

    /** Adds one value of a header (repeated calls add repeated values). */
    public Request withHeader(String name, String value) {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
        values.add(value);
        h.put(name, values);
        return new Request(host, path, method, h, query, sourceIp, unread);
    }

    public Request withQuery(String key, String value) {
        List<QueryParam> q = new ArrayList<>(query);
        q.add(new QueryParam(key, value));
        return new Request(host, path, method, headers, q, sourceIp, unread);
    }

    public Request withSourceIp(String ip) {
        return new Request(host, path, method, headers, query, Optional.of(ip), unread);
    }

    /**
     * The request in one line, as every report and finding prints it: {@code GET shop.example.com/cart?x=1
     * X-Canary: 1  from 203.0.113.9}; {@code withSource} false leaves out the client address when nothing depends
     * on it.
     */
    public String describe(boolean withSource) {
        StringBuilder s = new StringBuilder(method).append(' ').append(host).append(path);
        for (int i = 0; i < query.size(); i++) {
            QueryParam q = query.get(i);
            s.append(i == 0 ? "?" : "&").append(q.key()).append(q.value().isEmpty() ? "" : "=" + q.value());
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String v : h.getValue()) {
                s.append("  ").append(h.getKey()).append(": ").append(v);
            }
        }
        if (withSource) {
            sourceIp.ifPresent(ip -> s.append("  from ").append(ip));
        }
        return s.toString();
    }

    /** The values of a header, in the order sent; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The host without a {@code :port} suffix (an IPv6 literal keeps its brackets). */
    public String hostWithoutPort() {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(':') == colon
                && host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return host.substring(0, colon);
        }
        return host;
    }

    /**
     * A request as a person writes one ({@code route}'s flags, an invariant of {@code lbguard.yml}): the path may
     * carry {@code ?query}, headers and query parameters come as {@code NAME=VALUE} pairs in order.
     *
     * @throws Unsendable naming the field no client could send as it is (a space in the host, a
     *                                  control character, an address that is no single IP) and what to give
     */
    public static Request written(String host, String path, String method, List<Map.Entry<String, String>> headers,
                                  List<Map.Entry<String, String>> query, Optional<String> sourceIp) {
        String p = path.startsWith("/") ? path : "/" + path;
        requireHttp(Field.HOST, host, " /?#@\\", "a host name or address, optionally with :port");
        requireHttp(Field.PATH, p, " #", "a path as sent on the wire: percent-encode spaces (%20)");
        requireHttp(Field.METHOD, method, TOKEN_SEPARATORS, "an HTTP method such as GET or POST");
        Request r = Request.of(host, p).withMethod(method);
        int q = p.indexOf('?');
        if (q >= 0) {
            r = r.withPath(p.substring(0, q));
            for (String pair : p.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    r = eq < 0 ? r.withQuery(pair, "") : r.withQuery(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        for (Map.Entry<String, String> h : headers) {
            requireHttp(Field.HEADER_NAME, h.getKey(), TOKEN_SEPARATORS, "a header name such as X-Canary");
            r = r.withHeader(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> pair : query) {
            r = r.withQuery(pair.getKey(), pair.getValue());
        }
        if (sourceIp.isPresent()) {
            inet.ipaddr.IPAddress address = new inet.ipaddr.IPAddressString(sourceIp.get(), ADDRESS).getAddress();
            if (address == null || address.isMultiple() || address.isPrefixed()) {
                throw new Unsendable(Field.SOURCE_IP, "the request's source address '" + sourceIp.get()
                        + "' is not an IP address, e.g. 203.0.113.7");
            }
            r = r.withSourceIp(sourceIp.get());
        }
        return r;
    }

    /** The fields of a written request, as {@link Unsendable} names the one that cannot be sent. */
    public enum Field {
        HOST("host"), PATH("path"), METHOD("method"), HEADER_NAME("header name"), SOURCE_IP("source address");

        final String words;

        Field(String words) {
            this.words = words;
        }
    }

    /** A field of a written request no client could send as it is; the message says what to give instead. */
    public static final class Unsendable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Field field;

        Unsendable(Field field, String message) {
            super(message);
            this.field = field;
        }

        public Field field() {
            return field;
        }
    }

    /** Characters RFC 9110 forbids in a token (a method, a header name), and space. */
    private static final String TOKEN_SEPARATORS = " /?#@\\:()<>,;\"[]{}=";

    /**
     * One address as a client has it: four decimal parts or IPv6, no prefix, range, mask or wildcard, no leading
     * zeros (which some parsers read as octal) and none of inet_aton's short forms ({@code 10.1.1}).
     */
    private static final inet.ipaddr.IPAddressStringParameters ADDRESS =
            new inet.ipaddr.IPAddressStringParameters.Builder()
                    .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefix(false).allowMask(false)
                    .allowWildcardedSeparator(false).allow_inet_aton(false)
                    .getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowWildcardedSeparator(false)
                    .getParentBuilder().toParams();

    /**
     * Refuses a request field no client could send (a space in the host, a control character): matched against
     * the rules, it would quietly match nothing, and the answer would look like the default action's.
     */
    private static void requireHttp(Field field, String value, String forbidden, String expected) {
        boolean bad = value.isEmpty();
        for (int i = 0; i < value.length() && !bad; i++) {
            char c = value.charAt(i);
            bad = c < 0x21 || c == 0x7f || forbidden.indexOf(c) >= 0;
        }
        if (bad) {
            throw new Unsendable(field, "the request's " + field.words + " '" + value + "' cannot be sent as it is: "
                    + "give " + expected);
        }
    }
}
