package dev.lbguard.cli.command;

import dev.lbguard.analysis.RequestRoute;
import dev.lbguard.cli.report.RouteReport;
import dev.lbguard.cli.report.RoutesReport;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code route}: which rule takes one request at a revision, and where it goes. */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Answer where one request goes at a revision: the rule that takes it and its destination.")
public final class RouteCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Mixin
    RevisionOption revision;

    @Option(names = "--listener", paramLabel = "LB:PORT", required = true,
            description = "The load balancer (its name or address) and the listener's port, e.g. shop-edge:443.")
    String listener;

    @Option(names = "--host", paramLabel = "HOST", required = true, description = "The Host header.")
    String host;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/",
            description = "The path, optionally with ?query. Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "GET", description = "Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--query", paramLabel = "KEY=VALUE", description = "A query parameter (repeatable).")
    List<String> query = new ArrayList<>();

    @Option(names = "--source-ip", paramLabel = "IP", description = "The client's IP address.")
    String sourceIp;

    public RouteCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (options.format != OutputFormat.TEXT && options.format != OutputFormat.JSON) {
            throw new UsageException("route writes text or json, not " + options.format.name().toLowerCase());
        }
        Request request = request();
        RoutingSnapshot snapshot = SnapshotOptions.load(options, environment, revision.rev);
        LoadBalancer lb = loadBalancer(snapshot);
        Listener l = listenerOf(snapshot, lb);
        RequestRoute route = RequestRoute.on(l, request);
        String out = options.format == OutputFormat.JSON
                ? RouteReport.json(snapshot, lb, l, request, route.result())
                : RouteReport.text(snapshot, lb, l, request, route.result(),
                        ReportOutput.style(options, environment));
        ReportOutput.write(options, spec.commandLine().getOut(), out, snapshot.secrets());
        return snapshot.complete() && route.decided() ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
    }

    Request request() {
        return request(host, path, method, headers, query, Optional.ofNullable(sourceIp));
    }

    /** A request from the flags {@code route} and {@code timeline --request} share. */
    static Request request(String host, String path, String method, List<String> headers, List<String> query,
                           Optional<String> sourceIp) {
        List<Map.Entry<String, String>> headerPairs = new ArrayList<>();
        for (String h : headers) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--header '" + h + "' must have the form NAME=VALUE");
            }
            headerPairs.add(Map.entry(h.substring(0, eq), h.substring(eq + 1)));
        }
        List<Map.Entry<String, String>> queryPairs = new ArrayList<>();
        for (String pair : query) {
            int eq = pair.indexOf('=');
            queryPairs.add(eq < 0 ? Map.entry(pair, "") : Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        try {
            return Request.written(host, path, method, headerPairs, queryPairs, sourceIp);
        } catch (Request.Unsendable e) {
            throw new UsageException(e.field() == Request.Field.SOURCE_IP
                    ? "--source-ip '" + sourceIp.orElse("") + "' is not an IP address, e.g. 203.0.113.7"
                    : e.getMessage());
        }
    }

    private LoadBalancer loadBalancer(RoutingSnapshot snapshot) {
        int colon = listener.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("--listener '" + listener + "' must have the form LB:PORT, e.g. shop-edge:443");
        }
        List<LoadBalancer> named = snapshot.loadBalancersNamed(listener.substring(0, colon));
        if (named.isEmpty()) {
            throw new UsageException("no load balancer named '" + listener.substring(0, colon) + "' at " + revision.rev
                    + "; listeners there: " + String.join(", ", RoutesReport.listenerNames(snapshot)));
        }
        if (named.size() > 1) {
            throw new UsageException("more than one load balancer is named '" + listener.substring(0, colon)
                    + "'; name it by address: " + named.stream().map(lb -> lb.id().value()).toList());
        }
        return named.get(0);
    }

    private Listener listenerOf(RoutingSnapshot snapshot, LoadBalancer lb) {
        int port;
        try {
            port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--listener '" + listener + "': the port must be a number");
        }
        return lb.listenerOnPort(port).orElseThrow(() -> new UsageException("load balancer " + lb.name()
                + " has no listener on port " + port + "; listeners there: "
                + String.join(", ", RoutesReport.listenerNames(snapshot))));
    }
}
