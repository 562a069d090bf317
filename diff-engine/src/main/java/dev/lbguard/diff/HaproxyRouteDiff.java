package dev.lbguard.diff;

import dev.lbguard.diff.HaproxyClasses.HCell;
import dev.lbguard.model.Listener;
import dev.lbguard.model.RuleSemantics;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The route diff of a listener pair with HAProxy semantics: the classes of {@link HaproxyClasses}, one witness
 * each, evaluated on both sides by the route evaluator. A pair that mixes ALB and HAProxy semantics is one
 * undecided class: no request space is shared by both kinds of rules here.
 */
final class HaproxyRouteDiff {
    private static final List<String> HOSTS = List.of("example.com", "");
    private static final List<String> PATHS = List.of("/");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");
    private static final List<String> ADDRESSES = List.of("192.0.2.10", "2001:db8::10");
    private static final Automaton READABLE = Languages.minimal(BasicAutomata.makeCharSet(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/:").repeat());

    private HaproxyRouteDiff() {
    }

    static boolean applies(ListenerPair pair) {
        return pair.base().map(p -> p.listener().semantics() == RuleSemantics.HAPROXY).orElse(false)
                || pair.head().map(p -> p.listener().semantics() == RuleSemantics.HAPROXY).orElse(false);
    }

    /** Adds the pair's moved and undecided classes; returns how many classes were compared. */
    static int compare(ListenerPair pair, Languages languages, RouteEvaluator evaluator, Reach reach,
                       List<RouteChange> changes, List<RouteChange> undecided) {
        ListenerPair.Placed shown = pair.shown();
        List<Listener> listeners = new ArrayList<>();
        pair.base().ifPresent(p -> listeners.add(p.listener()));
        pair.head().ifPresent(p -> listeners.add(p.listener()));
        if (listeners.stream().map(Listener::semantics).distinct().count() > 1) {
            Request any = Request.of("example.com", "/").withSourceIp(ADDRESSES.get(0));
            Destination unknown = new Destination(Optional.empty(), Optional.empty(), Destination.Kind.UNKNOWN,
                    "the listener changes between ALB and HAProxy semantics; its request classes are not compared");
            undecided.add(new RouteChange(shown.loadBalancer().id(), shown.name(), shown.listener().id(),
                    shown.listener().label(), new RequestClass(List.of()), any, unknown, unknown));
            return 1;
        }
        HaproxyClasses classes = new HaproxyClasses(languages);
        int compared = 0;
        for (HCell cell : classes.refine(listeners)) {
            Optional<Request> witness = witness(classes, cell);
            if (witness.isEmpty()) {
                continue;
            }
            compared++;
            Destination before = pair.base().map(p -> Destination.of(evaluator.evaluate(p.listener(), witness.get())))
                    .orElseGet(Destination::noListener);
            Destination after = pair.head().map(p -> Destination.of(evaluator.evaluate(p.listener(), witness.get())))
                    .orElseGet(Destination::noListener);
            if (cell.undecided().isPresent()) {
                before = undecidedOf(before, cell.undecided().get());
                after = undecidedOf(after, cell.undecided().get());
            }
            RouteChange change = new RouteChange(shown.loadBalancer().id(), shown.name(),
                    shown.listener().id(), shown.listener().label(), describe(cell), witness.get(), before, after);
            if (!before.routesAlike(after, reach)) {
                changes.add(change);
            }
            if (before.kind() == Destination.Kind.UNKNOWN || after.kind() == Destination.Kind.UNKNOWN) {
                undecided.add(change);
            }
        }
        return compared;
    }

    private static Destination undecidedOf(Destination d, String reason) {
        // The witness stands for only part of the class, so what it gets says nothing of the rest.
        return d.kind() == Destination.Kind.NO_LISTENER ? d
                : new Destination(Optional.empty(), Optional.empty(), Destination.Kind.UNKNOWN,
                        "class not decided: " + reason);
    }

    private static RequestClass describe(HCell cell) {
        List<RequestClass.FieldPatterns> fields = new ArrayList<>();
        TreeMap<String, Boolean> names = new TreeMap<>();
        cell.in().keySet().forEach(k -> names.put(k, true));
        cell.out().keySet().forEach(k -> names.put(k, true));
        for (String f : names.keySet()) {
            fields.add(new RequestClass.FieldPatterns(f, cell.in().getOrDefault(f, List.of()),
                    cell.out().getOrDefault(f, List.of()), List.of(), List.of()));
        }
        return new RequestClass(fields, Optional.of(r -> contains(cell, r)));
    }

    /** Whether a request is in the cell: each field's value is in the field's automaton (an absent header is ""). */
    private static boolean contains(HCell cell, Request r) {
        for (Map.Entry<String, Automaton> f : cell.fields().entrySet()) {
            String field = f.getKey();
            boolean unread = field.equals(HaproxyClasses.HOST) ? r.unread().host()
                    : field.startsWith(Languages.HEADER_PREFIX)
                    && r.unread().header(field.substring(Languages.HEADER_PREFIX.length()));
            if (unread) {
                return false;
            }
            Optional<String> value = switch (field) {
                case HaproxyClasses.HOST -> Optional.of(r.host());
                case HaproxyClasses.PATH -> Optional.of(r.path());
                case HaproxyClasses.METHOD -> Optional.of(r.method());
                case HaproxyClasses.SRC -> r.sourceIp().flatMap(SourceIpEncoding::encode);
                default -> field.startsWith(Languages.HEADER_PREFIX)
                        ? Optional.of(header(r, field.substring(Languages.HEADER_PREFIX.length()))) : Optional.empty();
            };
            if (value.isEmpty() || !f.getValue().run(value.get())) {
                return false;
            }
        }
        return true;
    }

    /** One occurrence of the header as {@code hdr()} reads it, "" when absent (as the classes encode absence). */
    private static String header(Request r, String name) {
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return "";
    }

    private static Optional<Request> witness(HaproxyClasses classes, HCell cell) {
        Optional<String> host = pick(classes.state(cell, HaproxyClasses.HOST), HOSTS);
        Optional<String> path = pick(classes.state(cell, HaproxyClasses.PATH), PATHS);
        Optional<String> method = pick(classes.state(cell, HaproxyClasses.METHOD), METHODS);
        Automaton ips = classes.state(cell, HaproxyClasses.SRC);
        Optional<String> ip = ADDRESSES.stream().map(SourceIpEncoding::encode).flatMap(Optional::stream)
                .filter(ips::run).findFirst().or(() -> Optional.ofNullable(ips.getShortestExample(true)));
        if (host.isEmpty() || path.isEmpty() || method.isEmpty() || ip.isEmpty()) {
            return Optional.empty();
        }
        Request r = new Request(host.get(), path.get(), method.get(), new TreeMap<>(), List.of(),
                Optional.of(SourceIpEncoding.decode(ip.get())));
        for (String field : cell.fields().keySet()) {
            if (field.startsWith(Languages.HEADER_PREFIX)) {
                Optional<String> v = pick(cell.fields().get(field), List.of(""));
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                if (!v.get().isEmpty()) {
                    r = r.withHeader(field.substring(Languages.HEADER_PREFIX.length()), v.get());
                }
            }
        }
        return Optional.of(r);
    }

    private static Optional<String> pick(Automaton a, List<String> candidates) {
        for (String c : candidates) {
            if (a.run(c)) {
                return Optional.of(c);
            }
        }
        String s = a.intersection(READABLE).getShortestExample(true);
        return Optional.ofNullable(s != null ? s : a.getShortestExample(true));
    }
}
