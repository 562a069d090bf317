package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.policy.TrafficCounts;
import dev.lbguard.policy.TrafficCounts.ChangeTraffic;
import dev.lbguard.policy.TrafficCounts.DestinationLoad;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A change weighed by logged traffic ({@code --traffic}), in every format: a headline under the verdict, the
 * requests each route change moves with their share of the listener's and load balancer's, the load of each
 * destination before and after, and what the logs did not let lbguard decide. Client addresses and query values
 * never appear; paths appear with their numeric ids masked unless {@code --show-requests} kept them.
 */
public final class TrafficSection {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Destinations listed at most; the JSON lists every one. */
    private static final int LOADS_SHOWN = 12;

    private TrafficSection() {
    }

    /**
     * E.g. {@code Traffic: moves 1,234 of 10,000 logged requests (12.3%), 88% of those on storefront-edge:443, from
     * 2026-12-06 09:00 to 12:00 UTC}: the whole, then the listener the change moves the largest share of.
     */
    public static String headline(dev.lbguard.policy.ReviewResult r) {
        TrafficCounts c = r.traffic().orElseThrow();
        StringBuilder s = new StringBuilder("Traffic: moves ").append(number(c.moved())).append(" of ")
                .append(number(c.requests())).append(" logged requests (").append(percent(c.share())).append(')');
        Map<String, Double> byListener = new java.util.TreeMap<>();
        List<dev.lbguard.diff.RouteChange> changes = r.routes().changes();
        for (int i = 0; i < changes.size() && i < c.perChange().size(); i++) {
            byListener.merge(changes.get(i).loadBalancerName() + " " + changes.get(i).listenerLabel(),
                    c.perChange().get(i).listenerShare(), Double::sum);
        }
        byListener.entrySet().stream().filter(e -> e.getValue() > 0).max(Map.Entry.comparingByValue())
                .filter(e -> byListener.size() > 1 || Math.abs(c.share() - e.getValue()) > 1e-9)
                .ifPresent(e -> s.append(", ").append(percent(e.getValue())).append(" of those logged on ")
                        .append(e.getKey()));
        s.append(window(c));
        if (c.moved() - c.shifted() >= 0.5) {
            s.append("; by the forwards' weights, about ").append(number(c.shifted()))
                    .append(" of those reach another destination");
        }
        if (c.unattributed() > 0) {
            s.append("; ").append(number(c.unattributed())).append(" of the moved tied to no one route change (the log "
                    + "lacks a field that tells their classes apart)");
        }
        if (c.undecided() > 0) {
            s.append("; ").append(number(c.undecided())).append(" undecided");
        }
        if (c.elsewhere() > 0) {
            s.append("; ").append(number(c.elsewhere())).append(" on listeners not read here")
                    .append(entries(": ", c.elsewhereListeners()));
        }
        if (c.malformed() > 0) {
            s.append("; ").append(number(c.malformed())).append(c.malformed() == 1 ? " log line not read" : " log lines not read");
        }
        return s.append('.').toString();
    }

    /** {@code  from 2026-12-06 09:00 to 12:00 UTC}, or nothing when the log's lines carry no time. */
    static String window(TrafficCounts c) {
        if (c.from().isEmpty() || c.to().isEmpty()) {
            return "";
        }
        String from = WHEN.format(c.from().get());
        String to = WHEN.format(c.to().get());
        if (from.equals(to)) {
            from = WHEN_SECONDS.format(c.from().get());
            to = WHEN_SECONDS.format(c.to().get());
        }
        return " from " + from + " to " + (to.substring(0, 10).equals(from.substring(0, 10)) ? to.substring(11) : to)
                + " UTC";
    }

    /** One route change's line: {@code 1,234 requests (12.3% of the listener's); top hosts a (1,000), ...}. */
    static String change(ChangeTraffic t) {
        if (t.requests() == 0) {
            return "no logged request";
        }
        return number(t.requests()) + " logged requests (" + percent(t.listenerShare()) + " of the listener's, "
                + percent(t.loadBalancerShare()) + " of the load balancer's)" + entries("; hosts ", t.topHosts())
                + entries("; paths ", t.topPaths());
    }

    /** Destinations whose load changes, {@code before -> after}, and what the logs left unread, as text lines. */
    public static void text(StringBuilder s, TrafficCounts c, Style style) {
        List<DestinationLoad> changed = changedLoads(c);
        if (!changed.isEmpty()) {
            s.append(style.bold("Logged requests per destination, before -> after")).append('\n');
            for (DestinationLoad d : changed.subList(0, Math.min(LOADS_SHOWN, changed.size()))) {
                s.append("  ").append(d.label()).append("  ").append(load(d)).append('\n');
            }
            more(s, changed.size(), "  ");
            s.append('\n');
        }
        problems(s, c, "  ");
        if (!c.problems().isEmpty()) {
            s.append('\n');
        }
    }

    public static void markdown(StringBuilder s, TrafficCounts c) {
        List<DestinationLoad> changed = changedLoads(c);
        if (!changed.isEmpty()) {
            s.append("#### Logged requests per destination\n\n| Destination | Before | After | |\n|---|---|---|---|\n");
            for (DestinationLoad d : changed.subList(0, Math.min(LOADS_SHOWN, changed.size()))) {
                s.append("| ").append(ReviewMarkdown.cell(d.label())).append(" | ").append(number(d.before()))
                        .append(" | ").append(number(d.after())).append(" | ").append(factor(d)).append(" |\n");
            }
            more(s, changed.size(), "");
            s.append('\n');
        }
        problems(s, c, "- ");
        if (!c.problems().isEmpty()) {
            s.append('\n');
        }
    }

    /** {@code traffic} at the top of a review's JSON, and on each of its route changes. */
    public static void json(ObjectNode root, dev.lbguard.policy.ReviewResult r) {
        TrafficCounts c = r.traffic().orElseThrow();
        ObjectNode summary = summary(c);
        summary.put("risk", c.risk(r.policy().judge().traffic()).label());
        root.set("traffic", summary);
        ArrayNode changes = (ArrayNode) root.get("routeChanges");
        if (changes != null) {
            changes(changes, c);
        }
    }

    /** {@code traffic} on each route change of {@code changes}, in the order of {@code c}'s. */
    public static void changes(ArrayNode changes, TrafficCounts c) {
        for (int i = 0; i < changes.size() && i < c.perChange().size(); i++) {
            ChangeTraffic ct = c.perChange().get(i);
            ObjectNode n = ((ObjectNode) changes.get(i)).putObject("traffic");
            n.put("requests", ct.requests()).put("share", round(ct.listenerShare()))
                    .put("loadBalancerShare", round(ct.loadBalancerShare()));
            entries(n.putArray("topHosts"), "host", ct.topHosts());
            entries(n.putArray("topPaths"), "path", ct.topPaths());
        }
    }

    /** {@code {requests, moved, share, undecided, elsewhere, malformed, window, problems, destinations}}. */
    public static ObjectNode summary(TrafficCounts c) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("requests", c.requests()).put("moved", c.moved()).put("share", round(c.share()))
                .put("shifted", round(c.shifted()))
                .put("undecided", c.undecided()).put("elsewhere", c.elsewhere()).put("malformed", c.malformed());
        entries(t.putArray("elsewhereListeners"), "listener", c.elsewhereListeners());
        // Moved requests tied to no one route change: a log without a field that tells their classes apart.
        if (c.unattributed() > 0) {
            t.put("unattributed", c.unattributed());
        }
        ObjectNode window = t.putObject("window");
        c.from().ifPresent(f -> window.put("from", f.toString()));
        c.to().ifPresent(f -> window.put("to", f.toString()));
        ArrayNode problems = t.putArray("problems");
        c.problems().forEach(problems::add);
        ArrayNode loads = t.putArray("destinations");
        for (DestinationLoad d : c.destinations()) {
            ObjectNode n = loads.addObject().put("destination", d.label());
            d.targetGroup().ifPresent(g -> n.put("targetGroup", g.value()));
            n.put("before", round(d.before())).put("after", round(d.after())).put("new", !d.existedBefore());
        }
        return t;
    }

    private static List<DestinationLoad> changedLoads(TrafficCounts c) {
        return c.destinations().stream().filter(d -> Math.abs(d.after() - d.before()) >= 0.5).toList();
    }

    private static String load(DestinationLoad d) {
        String f = factor(d);
        return number(d.before()) + " -> " + number(d.after()) + (f.isEmpty() ? "" : "  (" + f + ")");
    }

    /** {@code 25x}, {@code new}, {@code none}: how the load changes, for a destination that gains or loses. */
    private static String factor(DestinationLoad d) {
        if (!d.existedBefore()) {
            return "new";
        }
        if (d.after() < 0.5) {
            return "none after";
        }
        if (d.before() < 0.5) {
            return "none before";
        }
        double f = d.after() / d.before();
        return f >= 1.05 || f <= 0.95 ? (f >= 10 ? String.valueOf(Math.round(f)) : String.format(Locale.ROOT, "%.1f", f))
                + "x" : "";
    }

    private static void more(StringBuilder s, int size, String indent) {
        if (size > LOADS_SHOWN) {
            s.append(indent).append("... and ").append(size - LOADS_SHOWN).append(" more (the JSON lists every one)\n");
        }
    }

    private static void problems(StringBuilder s, TrafficCounts c, String bullet) {
        for (String p : c.problems()) {
            s.append(bullet).append("log line not read: ").append(p).append('\n');
        }
        if (c.malformed() > c.problems().size()) {
            s.append(bullet).append("... and ").append(number(c.malformed() - c.problems().size()))
                    .append(" more log lines not read\n");
        }
    }

    private static String entries(String title, List<Map.Entry<String, Long>> top) {
        if (top.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(title);
        for (Map.Entry<String, Long> h : top) {
            s.append(s.length() > title.length() ? ", " : "").append(h.getKey()).append(" (")
                    .append(number(h.getValue())).append(')');
        }
        return s.toString();
    }

    private static void entries(ArrayNode out, String key, List<Map.Entry<String, Long>> top) {
        top.forEach(h -> out.addObject().put(key, h.getKey()).put("requests", h.getValue()));
    }

    static String number(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    static String percent(double share) {
        String p = String.format(Locale.ROOT, "%.1f", share * 100);
        return (p.endsWith(".0") ? p.substring(0, p.length() - 2) : p) + "%";
    }

    private static double round(double share) {
        return Math.round(share * 10000) / 10000.0;
    }
}
