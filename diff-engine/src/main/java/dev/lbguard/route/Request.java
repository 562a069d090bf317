package dev.lbguard.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 */
public record Request(String host, String path, String method, SortedMap<String, List<String>> headers,
                      List<QueryParam> query, Optional<String> sourceIp) {

    /** One {@code key=value} pair of the query string (undecoded; {@code ?flag} is key {@code flag}, value ""). */
    public record QueryParam(String key, String value) {
        public QueryParam {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public Request {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            h.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
        }
        h.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableSortedMap(h);
        query = List.copyOf(query);
        Objects.requireNonNull(sourceIp, "sourceIp");
    }

    /** A GET request for {@code host} and {@code path} with no headers, query or source address. */
    public static Request of(String host, String path) {
        return new Request(host, path, "GET", new TreeMap<>(), List.of(), Optional.empty());
    }

    public Request withHost(String newHost) {
        return new Request(newHost, path, method, headers, query, sourceIp);
    }

    public Request withPath(String newPath) {
        return new Request(host, newPath, method, headers, query, sourceIp);
    }

    public Request withMethod(String newMethod) {
        return new Request(host, path, newMethod, headers, query, sourceIp);
    }

    /** Adds one value of a header (repeated calls add repeated values). */
    public Request withHeader(String name, String value) {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
        values.add(value);
        h.put(name, values);
        return new Request(host, path, method, h, query, sourceIp);
    }

    public Request withQuery(String key, String value) {
        List<QueryParam> q = new ArrayList<>(query);
        q.add(new QueryParam(key, value));
        return new Request(host, path, method, headers, q, sourceIp);
    }

    public Request withSourceIp(String ip) {
        return new Request(host, path, method, headers, query, Optional.of(ip));
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
}
