package dev.lbguard.source.haproxy;

import dev.lbguard.model.RouteAction;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code http-request} actions of a frontend: the final ones that answer the request themselves
 * (redirect, return, deny, tarpit, auth, reject) become actions, the ones that change nothing routing reads
 * are skipped, and the ones that could change routing (a rewritten path, a Lua action) are errors.
 */
final class HttpRequestRules {
    /** Actions that neither answer the request nor change what the supported ACLs read. */
    private static final Set<String> NEUTRAL = Set.of("set-var", "unset-var", "set-log-level", "capture",
            "track-sc0", "track-sc1", "track-sc2", "sc-inc-gpc0", "sc-inc-gpc1", "sc-inc-gpc", "sc-set-gpt0",
            "sc-set-gpt", "set-mark", "set-tos", "set-nice", "set-query", "early-hint", "disable-l7-retry",
            "set-timeout", "wait-for-handshake", "wait-for-body", "strict-mode", "set-bandwidth-limit",
            "add-acl", "del-acl", "set-map", "del-map", "set-src-port", "set-dst-port", "do-resolve");
    private static final Set<String> HEADER_ACTIONS = Set.of("set-header", "add-header", "del-header",
            "replace-header", "replace-value");

    private HttpRequestRules() {
    }

    /** What one {@code http-request} line does to routing. */
    sealed interface Effect {
        /** The line answers the request when its condition holds. */
        record Final(String action, RouteAction response) implements Effect {
        }

        /** The line changes nothing routing reads. */
        record Neutral() implements Effect {
        }

        /** The line may change routing in a way lbguard does not model. */
        record Unsupported(String reason) implements Effect {
        }
    }

    /**
     * The effect of an action.
     *
     * @param words the words from the action name up to (not including) {@code if}/{@code unless}
     * @param readHeaders the header names (lower case) the frontend's ACLs read
     */
    static Effect effect(List<String> words, Set<String> readHeaders) {
        String action = words.isEmpty() ? "" : words.get(0);
        if (NEUTRAL.contains(action)) {
            return new Effect.Neutral();
        }
        if (HEADER_ACTIONS.contains(action)) {
            String header = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
            return readHeaders.contains(header)
                    ? new Effect.Unsupported("http-request " + action + " " + header + " changes a header the ACLs read")
                    : new Effect.Neutral();
        }
        return switch (action) {
            case "redirect" -> redirect(words.subList(1, words.size()))
                    .<Effect>map(r -> new Effect.Final(action, r))
                    .orElseGet(() -> new Effect.Unsupported("http-request redirect needs location, prefix or scheme"));
            case "return" -> checkedStatus(action, response(words, "200", "status"));
            case "deny", "tarpit" -> checkedStatus(action, response(words, action.equals("deny") ? "403" : "500",
                    "deny_status"));
            case "auth" -> new Effect.Final(action, new RouteAction.FixedResponse("401", "", ""));
            // HAProxy closes the connection without an answer; "000" names that outcome.
            case "reject", "silent-drop" -> new Effect.Final(action, new RouteAction.FixedResponse("000", "", action));
            default -> new Effect.Unsupported("http-request " + action + " may change routing and is not modelled");
        };
    }

    /** The words after {@code redirect}: {@code location|prefix|scheme <value> [code <n>] [options]}. */
    static Optional<RouteAction> redirect(List<String> words) {
        if (words.size() < 2) {
            return Optional.empty();
        }
        String kind = words.get(0);
        String value = words.get(1);
        String code = "302";
        for (int i = 2; i + 1 < words.size(); i++) {
            if (words.get(i).equals("code")) {
                code = words.get(i + 1);
            }
        }
        String status = "HTTP_" + code;
        String query = words.contains("drop-query") ? "" : "#{query}";
        switch (kind) {
            case "location": {
                // An absolute location names every part; a relative one keeps the request's scheme and host.
                try {
                    URI u = new URI(value);
                    if (u.getScheme() != null && u.getHost() != null) {
                        return Optional.of(new RouteAction.Redirect(u.getScheme().toUpperCase(Locale.ROOT),
                                port(u), u.getHost(),
                                u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath(),
                                u.getRawQuery() == null ? "" : u.getRawQuery(), status));
                    }
                } catch (java.net.URISyntaxException e) {
                    // A log-format location (%[...]) is not a URI; keep it verbatim as the path.
                }
                return Optional.of(new RouteAction.Redirect("#{protocol}", "#{port}", "#{host}", value, "", status));
            }
            case "prefix": {
                // The location is the prefix then the request's path: an absolute prefix names scheme and host.
                try {
                    URI u = new URI(value);
                    if (u.getScheme() != null && u.getHost() != null) {
                        String path = u.getRawPath() == null ? "" : u.getRawPath();
                        return Optional.of(new RouteAction.Redirect(u.getScheme().toUpperCase(Locale.ROOT), port(u),
                                u.getHost(), (path.equals("/") ? "" : path) + "/#{path}", query, status));
                    }
                } catch (java.net.URISyntaxException e) {
                    // a log-format prefix: kept verbatim below
                }
                return Optional.of(new RouteAction.Redirect("#{protocol}", "#{port}", "#{host}",
                        (value.equals("/") ? "" : value) + "/#{path}", query, status));
            }
            case "scheme":
                return Optional.of(new RouteAction.Redirect(value.toUpperCase(Locale.ROOT), "#{port}", "#{host}",
                        "/#{path}", query, status));
            default:
                return Optional.empty();
        }
    }

    /**
     * A status HAProxy can answer with: {@code deny_status} and {@code return status} take 200 to 599 (and only codes
     * it has an error page for, for deny); anything else stops the configuration at startup.
     */
    private static Effect checkedStatus(String action, RouteAction response) {
        String status = response instanceof RouteAction.FixedResponse f ? f.statusCode() : "";
        if (!status.matches("[2-5]\\d\\d")) {
            return new Effect.Unsupported("http-request " + action + " with status " + status
                    + ": haproxy refuses a status outside 200 to 599");
        }
        return new Effect.Final(action, response);
    }

    /** The port an absolute URL names: its own, else its scheme's (a browser goes there, not to the request's port). */
    private static String port(URI u) {
        if (u.getPort() >= 0) {
            return Integer.toString(u.getPort());
        }
        return switch (u.getScheme().toLowerCase(Locale.ROOT)) {
            case "https" -> "443";
            case "http" -> "80";
            default -> "#{port}";
        };
    }

    private static RouteAction response(List<String> words, String defaultStatus, String statusKeyword) {
        String status = defaultStatus;
        String type = "";
        String body = "";
        for (int i = 1; i + 1 < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(statusKeyword) || w.equals("status")) {
                status = words.get(++i);
            } else if (w.equals("content-type")) {
                type = words.get(++i);
            } else if (w.equals("string") || w.equals("lf-string") || w.equals("file") || w.equals("lf-file")
                    || w.equals("errorfile") || w.equals("errorfiles")) {
                body = (w.equals("string") ? "" : w + " ") + words.get(++i);
            }
        }
        return new RouteAction.FixedResponse(status, type, body);
    }
}
