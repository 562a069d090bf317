package dev.lbguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.analysis.TrafficWeighting;
import dev.lbguard.diff.RouteChange;
import dev.lbguard.policy.ReviewResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A review weighed by logged traffic ({@code --traffic}), in every format: a headline under the verdict, the
 * requests each route change moves with their share of the listener's and load balancer's, and what the logs
 * did not let lbguard decide. Client addresses, paths and query values of the logs never appear: a change is named
 * by its class of requests, the hosts it moves with their counts.
 */
public final class TrafficSection {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TrafficSection() {
    }

    /** E.g. {@code Traffic: moves 1,234 of 10,000 logged requests (12.3%) from 2026-12-06 09:00 to 12:00 UTC}. */
    public static String headline(TrafficWeighting.Counts c) {
        StringBuilder s = new StringBuilder("Traffic: moves ").append(number(c.moved())).append(" of ")
                .append(number(c.requests())).append(" logged requests (").append(percent(c.share())).append(')');
        if (c.from().isPresent() && c.to().isPresent()) {
            s.append(" from ").append(WHEN.format(c.from().get())).append(" to ")
                    .append(WHEN.format(c.to().get())).append(" UTC");
        }
        if (c.undecided() > 0) {
            s.append("; ").append(number(c.undecided())).append(" undecided");
        }
        if (c.elsewhere() > 0) {
            s.append("; ").append(number(c.elsewhere())).append(" on listeners not read here");
        }
        if (c.malformed() > 0) {
            s.append("; ").append(number(c.malformed())).append(c.malformed() == 1 ? " log line not read" : " log lines not read");
        }
        return s.append('.').toString();
    }

    /** The headline as the second paragraph of a text or markdown report, right after the verdict's. */
    public static String withHeadline(String report, String headline) {
        int end = report.indexOf("\n\n");
        return end < 0 ? report + "\n" + headline + "\n"
                : report.substring(0, end + 2) + headline + "\n\n" + report.substring(end + 2);
    }

    public static String text(ReviewResult r, TrafficWeighting.Counts c) {
        StringBuilder s = new StringBuilder("Traffic moved, by route change\n");
        List<RouteChange> changes = r.routes().changes();
        for (int i = 0; i < changes.size(); i++) {
            TrafficWeighting.ChangeTraffic t = c.perChange().get(i);
            s.append("  ").append(changes.get(i).loadBalancerName()).append(' ').append(changes.get(i).listenerLabel())
                    .append("  ").append(changes.get(i).match().describe()).append('\n');
            s.append("      ").append(number(t.requests())).append(" requests, ").append(percent(t.listenerShare()))
                    .append(" of the listener's, ").append(percent(t.loadBalancerShare())).append(" of the load balancer's")
                    .append(hosts(t)).append('\n');
        }
        problems(s, c, "  ");
        return s.append('\n').toString();
    }

    public static String markdown(ReviewResult r, TrafficWeighting.Counts c) {
        StringBuilder s = new StringBuilder("#### Traffic moved\n\n| Listener | Requests | Moved | Of the listener's | "
                + "Of the load balancer's | Hosts |\n|---|---|---|---|---|---|\n");
        List<RouteChange> changes = r.routes().changes();
        for (int i = 0; i < changes.size(); i++) {
            TrafficWeighting.ChangeTraffic t = c.perChange().get(i);
            s.append("| ").append(ReviewMarkdown.cell(changes.get(i).loadBalancerName() + " "
                    + changes.get(i).listenerLabel())).append(" | ").append(ReviewMarkdown.code(changes.get(i).match()
                    .describe())).append(" | ").append(number(t.requests())).append(" | ").append(percent(t.listenerShare()))
                    .append(" | ").append(percent(t.loadBalancerShare())).append(" | ")
                    .append(ReviewMarkdown.cell(hosts(t).replaceFirst("^; top hosts ", ""))).append(" |\n");
        }
        s.append('\n');
        problems(s, c, "- ");
        return s.toString();
    }

    /** Adds {@code traffic} at the top of a review's JSON and on each of its route changes. */
    public static void json(ObjectNode root, TrafficWeighting.Counts c) {
        ObjectNode t = root.putObject("traffic");
        t.put("requests", c.requests()).put("moved", c.moved()).put("share", round(c.share()))
                .put("undecided", c.undecided()).put("elsewhere", c.elsewhere())
                .put("malformed", c.malformed()).put("risk", c.risk().label());
        ObjectNode window = t.putObject("window");
        c.from().ifPresent(f -> window.put("from", f.toString()));
        c.to().ifPresent(f -> window.put("to", f.toString()));
        ArrayNode problems = t.putArray("problems");
        c.problems().forEach(problems::add);
        ArrayNode changes = (ArrayNode) root.get("routeChanges");
        for (int i = 0; i < changes.size() && i < c.perChange().size(); i++) {
            TrafficWeighting.ChangeTraffic ct = c.perChange().get(i);
            ObjectNode n = ((ObjectNode) changes.get(i)).putObject("traffic");
            n.put("requests", ct.requests()).put("share", round(ct.listenerShare()))
                    .put("loadBalancerShare", round(ct.loadBalancerShare()));
            ArrayNode hosts = n.putArray("topHosts");
            ct.topHosts().forEach(h -> hosts.addObject().put("host", h.getKey()).put("requests", h.getValue()));
        }
    }

    private static void problems(StringBuilder s, TrafficWeighting.Counts c, String bullet) {
        for (String p : c.problems()) {
            s.append(bullet).append("not read: ").append(p).append('\n');
        }
    }

    private static String hosts(TrafficWeighting.ChangeTraffic t) {
        if (t.topHosts().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("; top hosts ");
        for (Map.Entry<String, Long> h : t.topHosts()) {
            s.append(s.length() > 12 ? ", " : "").append(h.getKey()).append(" (").append(number(h.getValue())).append(')');
        }
        return s.toString();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    private static double round(double share) {
        return Math.round(share * 10000) / 10000.0;
    }
}
