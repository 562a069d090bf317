package dev.lbguard.source.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.route.Request;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of {@code jsonl:} traffic, for logs lbguard does not read itself (CloudFront, nginx, ...) converted with
 * a one-line {@code jq}: an object {@code {lb, port, host, path, method, query, source_ip, count}}. {@code lb} and
 * {@code path} are required; {@code port} defaults to 0 (the load balancer names the listener, as for HAProxy),
 * {@code host} to unknown (a rule on the host leaves the request undecided), {@code method} to GET, {@code count} to 1.
 * {@code headers}, an object of names to a value or an array of them ({@code []}: known to be absent), says the
 * only headers the line knows: a rule on any other leaves the request undecided. {@code query} is a string ({@code a=1&b=2}) or
 * an object whose values are strings, numbers or arrays of them (one pair per element); a {@code ?query} on the
 * path is read too. An optional {@code time} (ISO-8601) widens the traffic's window; other keys are ignored, so
 * a converted log may keep fields of its own.
 */
final class JsonlTraffic implements LineFormat {
    /** Strict about what follows the object: {@code {...} junk} is a bad line, not a request. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public LogEntry read(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return LogEntry.unreadable("not JSON: " + LogEntry.excerpt(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            return LogEntry.unreadable("a jsonl traffic line is one JSON object");
        }
        Optional<String> lb = text(node, "lb");
        Optional<String> path = text(node, "path");
        if (lb.isEmpty() || lb.get().isEmpty() || path.isEmpty() || path.get().isEmpty()) {
            return LogEntry.unreadable("a jsonl traffic line needs \"lb\" and \"path\" (strings)");
        }
        JsonNode port = node.path("port");
        if (!port.isMissingNode() && !(port.canConvertToInt() && port.isIntegralNumber() && port.asInt() >= 0
                && port.asInt() <= 65535)) {
            return LogEntry.unreadable("\"port\" is a number from 0 to 65535");
        }
        JsonNode count = node.path("count");
        if (!count.isMissingNode() && !(count.isIntegralNumber() && count.canConvertToLong() && count.asLong() >= 1)) {
            return LogEntry.unreadable("\"count\" is a whole number of at least 1");
        }
        Optional<String> sourceIp = text(node, "source_ip");
        if (sourceIp.isPresent() && !ClientAddress.isAddress(sourceIp.get())) {
            return LogEntry.unreadable("\"source_ip\" is one IP address");
        }
        Optional<Instant> time = Optional.empty();
        if (text(node, "time").isPresent()) {
            try {
                time = Optional.of(Instant.parse(text(node, "time").get()));
            } catch (DateTimeParseException e) {
                return LogEntry.unreadable("\"time\" is ISO-8601, e.g. 2026-12-06T12:00:01Z");
            }
        }
        String p = path.get().startsWith("/") ? path.get() : "/" + path.get();
        Optional<RequestTarget> target = RequestTarget.parse(p);
        if (target.isEmpty()) {
            return LogEntry.unreadable("\"path\" is a path");
        }
        java.util.TreeMap<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode given = node.path("headers");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                return LogEntry.unreadable("\"headers\" is an object of header names to a string or an array of them");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                List<String> values = new ArrayList<>();
                for (JsonNode v : h.getValue().isArray() ? h.getValue() : List.of(h.getValue())) {
                    if (!v.isValueNode() || v.isNull()) {
                        return LogEntry.unreadable("\"headers\" is an object of header names to a string or an array "
                                + "of them");
                    }
                    values.add(v.asText());
                }
                headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).addAll(values);
            }
        }
        // The line says the headers it lists (present or, as [], absent) and, with "host", the host; nothing else.
        Optional<String> host = text(node, "host");
        Request.Unread unread = new Request.Unread(host.isEmpty(), Optional.of(headers.keySet()));
        headers.values().removeIf(List::isEmpty);
        Request request = target.get().request(host.orElse(""), text(node, "method").orElse("GET"), sourceIp,
                headers, unread);
        Optional<List<Map.Entry<String, String>>> query = query(node.path("query"));
        if (query.isEmpty()) {
            return LogEntry.unreadable("\"query\" is a string a=1&b=2 or an object of strings, numbers or arrays");
        }
        for (Map.Entry<String, String> pair : query.get()) {
            request = request.withQuery(pair.getKey(), pair.getValue());
        }
        return LogEntry.of(new LoggedRequest(lb.get(), port.asInt(0), request, count.asLong(1)), time);
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The query's pairs in order; empty when the value is of no form a query takes. */
    private static Optional<List<Map.Entry<String, String>>> query(JsonNode query) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (query.isMissingNode() || query.isNull()) {
            return Optional.of(pairs);
        }
        if (query.isTextual()) {
            String q = query.asText().startsWith("?") ? query.asText().substring(1) : query.asText();
            for (String pair : q.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    pairs.add(eq < 0 ? Map.entry(pair, "") : Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
                }
            }
            return Optional.of(pairs);
        }
        if (!query.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = query.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            List<JsonNode> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(values::add);
            } else {
                values.add(field.getValue());
            }
            for (JsonNode v : values) {
                if (!v.isValueNode() || v.isNull()) {
                    return Optional.empty();
                }
                pairs.add(Map.entry(field.getKey(), v.asText()));
            }
        }
        return Optional.of(pairs);
    }
}
