package dev.lbguard.source.haproxy;

import dev.lbguard.diagnostic.Spelling;
import dev.lbguard.source.haproxy.HttpRequestRules.Effect;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * HAProxy's directives as lbguard judges them short of routing: which leave routing alone, which HAProxy removed,
 * which are a routing keyword mistyped, and what the backend and defaults sections say, which hold no routes of their
 * own but can still stop the configuration or answer requests before a server does.
 */
final class Directives {
    /** Keywords of proxy sections that do not affect which backend takes a request. */
    static final Set<String> NEUTRAL = Set.of("mode", "timeout", "option", "no", "log", "maxconn",
            "description", "capture", "compression", "errorfile", "errorfiles", "http-response",
            "http-after-response", "unique-id-format", "unique-id-header", "log-format", "log-format-sd",
            "error-log-format", "rate-limit", "declare", "id", "enabled", "http-error", "http-reuse", "retries",
            "balance", "default-server", "cookie", "hash-type", "hash-balance-factor", "fullconn", "http-check",
            "tcp-check", "stick-table", "stick", "email-alert", "log-tag", "backlog", "grace", "retry-on",
            "external-check", "load-server-state-from-file", "server-state-file-name", "source", "persist",
            "force-persist", "ignore-persist", "use-server", "http-send-name-header", "dispatch", "server-template",
            "max-keep-alive-queue", "clitcpka-cnt", "clitcpka-idle", "clitcpka-intvl", "srvtcpka-cnt",
            "srvtcpka-idle", "srvtcpka-intvl", "bind-process", "monitor", "monitor-net", "disabled", "filter");

    private Directives() {
    }

    /**
     * The lines of a backend section that HAProxy would refuse or that answer requests before a server does. lbguard's
     * routes end at the backend; a typo there still stops the whole configuration.
     */
    static void checkBackend(Section s, Problems problems) {
        for (ConfigLine l : s.lines) {
            String kw = l.keyword();
            if (kw.equals("http-request") || kw.equals("redirect")) {
                int cond = conditionStart(l);
                int end = cond < 0 ? l.words().size() : cond;
                List<String> action = kw.equals("redirect") ? l.words().subList(0, end) : l.words().subList(1, end);
                Effect effect = HttpRequestRules.effect(action, Set.of());
                if (effect instanceof Effect.Unsupported u && u.reason().contains("haproxy refuses")) {
                    problems.error("haproxy-syntax", u.reason(), l.number());
                } else if (effect instanceof Effect.Final f) {
                    problems.warning("haproxy-backend-answers", "backend " + s.name + " answers some requests itself ("
                            + kw + " " + f.action() + "); lbguard's routes end at the backend", l.number());
                }
            } else if (removed(l).isPresent()) {
                problems.error("haproxy-removed", removed(l).get(), l.number());
            } else if (!kw.startsWith(".") && !NEUTRAL.contains(kw)) {
                misspelledRouting(kw).ifPresent(meant -> problems.error("haproxy-syntax", "unknown keyword " + kw
                        + " (did you mean " + meant + "?); haproxy refuses this configuration", l.number()));
            }
        }
    }

    /**
     * A defaults section holds settings only: HAProxy refuses a listener, a server or a routing rule there (a
     * {@code frontend} header mistyped puts the frontend's lines into the defaults above it), and a typo.
     */
    static void checkDefaults(Section s, Problems problems) {
        for (ConfigLine l : s.lines) {
            String kw = l.keyword();
            if (removed(l).isPresent()) {
                problems.error("haproxy-removed", removed(l).get(), l.number());
            } else if (kw.equals("monitor-uri") || kw.equals("stats") && !l.word(1).equals("socket")) {
                // Every proxy that inherits these defaults answers those requests itself.
                problems.error("haproxy-unsupported", kw + " in a defaults section answers some requests in every "
                        + "proxy that inherits it, and is not modelled", l.number());
            } else if (List.of("bind", "use_backend", "server", "use-server", "redirect").contains(kw)
                    || s.name.isEmpty() && List.of("acl", "http-request").contains(kw)) {
                problems.error("haproxy-syntax", kw + " is not allowed in " + (s.name.isEmpty() ? "an anonymous " : "a ")
                        + "defaults section; haproxy refuses this configuration", l.number());
            } else if (!kw.startsWith(".") && !NEUTRAL.contains(kw) && !kw.equals("default_backend")) {
                misspelledRouting(kw).ifPresent(meant -> problems.error("haproxy-syntax", "unknown keyword " + kw
                        + " (did you mean " + meant + "?); haproxy refuses this configuration", l.number()));
            }
        }
    }

    /**
     * Directives that rewrite or route requests and that HAProxy 2.x removed: a current haproxy refuses the file, an
     * old one rewrites requests in ways lbguard does not model, so either way the routing is not what lbguard reads.
     */
    static Optional<String> removed(ConfigLine l) {
        String kw = l.keyword();
        if (kw.matches("(req|rsp)i?(add|del|deny|pass|allow|tarpit|rep)") || kw.equals("block")) {
            return Optional.of(kw + " was removed in HAProxy 2.1 (http-request and http-response rules replace it); "
                    + "a current haproxy refuses this configuration, and lbguard does not model what it did");
        }
        if (kw.equals("option") && l.word(1).equals("http_proxy")) {
            return Optional.of("option http_proxy was removed in HAProxy 2.5; a current haproxy refuses this "
                    + "configuration, and lbguard does not model where it sent requests");
        }
        return Optional.empty();
    }

    private static final List<String> ROUTING_KEYWORDS = List.of("use_backend", "default_backend", "http-request",
            "redirect", "acl", "server", "bind", "use-server", "frontend", "backend", "listen", "defaults");

    /** The routing keyword {@code kw} is one or two edits away from, when it is no keyword itself. */
    static Optional<String> misspelledRouting(String kw) {
        if (NEUTRAL.contains(kw) || List.of("tcp-request", "monitor-uri", "stats").contains(kw)) {
            return Optional.empty();
        }
        for (String k : ROUTING_KEYWORDS) {
            // Close enough to be that keyword mistyped, far enough from every other keyword HAProxy has.
            int allowed = k.length() >= 8 ? 2 : 1;
            if (!k.equals(kw) && Spelling.distance(kw, k) <= allowed) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Where the {@code if} or {@code unless} of a rule's condition is, or -1 when the rule has none. */
    static int conditionStart(ConfigLine l) {
        for (int i = 1; i < l.words().size(); i++) {
            if (l.word(i).equals("if") || l.word(i).equals("unless")) {
                return i;
            }
        }
        return -1;
    }
}
