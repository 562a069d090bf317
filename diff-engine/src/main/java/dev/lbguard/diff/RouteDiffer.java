package dev.lbguard.diff;

import dev.lbguard.model.Condition;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleMatch;
import dev.lbguard.route.Request;
import dev.lbguard.route.RouteEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Computes the exact {@link RouteDiff} of two snapshots: per listener pair, the request space is split into
 * the classes the rules of both sides distinguish, one witness per class is evaluated on both sides by the
 * route evaluator (the single home of the load balancer's semantics), and classes that move are reported.
 */
public final class RouteDiffer {
    // Lexicographic order of sorted condition lists: predicates are refined in one order whichever side they
    // come from, so that diff(head, base) finds the same classes as diff(base, head).
    private static final Comparator<List<Condition>> PREDICATE_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private final RouteEvaluator evaluator = new RouteEvaluator();
    private final ClassCache classes;

    public RouteDiffer() {
        this(ClassCache.SHARED);
    }

    /** A differ with its own cache of request classes (tests compare it with a differ that starts empty). */
    RouteDiffer(ClassCache classes) {
        this.classes = classes;
    }

    // HAProxy classes are not cached; their automata are mutable, so each thread keeps its own.
    private static final ThreadLocal<Languages> HAPROXY_LANGUAGES = ThreadLocal.withInitial(Languages::new);

    public RouteDiff diff(RoutingSnapshot baseRead, RoutingSnapshot headRead) {
        RoutingSnapshot[] comparable = ComparableSnapshots.of(baseRead, headRead);
        RoutingSnapshot base = comparable[0];
        RoutingSnapshot head = comparable[1];
        List<RouteChange> changes = new ArrayList<>();
        List<RouteChange> undecided = new ArrayList<>();
        int compared = 0;
        int newlyServed = 0;
        Reach reach = Reach.of(base, head);
        for (ListenerPair pair : ListenerPair.match(base, head, reach)) {
            if (pair.base().isPresent() && pair.head().isPresent()
                    && pair.base().get().listener().routesAs(pair.head().get().listener())
                    && reachesAlike(pair.head().get().listener(), reach)
                    && pair.head().get().listener().fullyKnown()) {
                // Same known rules and default on both sides route every request alike, and none is undecided:
                // nothing to partition. Most listeners of a large configuration are untouched by one change, and
                // partitioning is the cost. A listener with unknowns is still partitioned, to list what is undecided.
                continue;
            }
            int cells = HaproxyRouteDiff.applies(pair)
                    ? HaproxyRouteDiff.compare(pair, HAPROXY_LANGUAGES.get(), evaluator, reach, changes, undecided)
                    : compare(pair, reach, changes, undecided);
            compared += cells;
            newlyServed += pair.base().isEmpty() ? cells : 0;
        }
        return new RouteDiff(changes, compared, undecided, newlyServed);
    }

    /**
     * The classes of requests one listener's rules tell apart, each with one request of it (its witness) and where
     * the listener sends it: the request space of the listener, exactly, without merging classes into readable
     * descriptions as a diff does. What takes a listener's every rule in turn (a starter policy, coverage) needs a
     * request per rule, not a description, and merging is most of a diff's cost.
     */
    public List<ListenerClass> classesOf(LoadBalancer lb, Listener listener) {
        ListenerPair pair = new ListenerPair(Optional.empty(), Optional.of(new ListenerPair.Placed(lb, listener,
                lb.name())));
        List<ListenerClass> out = new ArrayList<>();
        if (HaproxyRouteDiff.applies(pair)) {
            // HAProxy classes are not merged: the diff of the listener against none lists every class.
            List<RouteChange> all = new ArrayList<>();
            HaproxyRouteDiff.compare(pair, HAPROXY_LANGUAGES.get(), evaluator, Reach.IDENTITY, all, new ArrayList<>());
            all.forEach(c -> out.add(new ListenerClass(c.example(), c.after())));
            return out;
        }
        TreeSet<List<Condition>> predicates = new TreeSet<>(PREDICATE_ORDER);
        addPredicates(listener, predicates);
        ClassCache.Classes classes = this.classes.of(new ArrayList<>(predicates));
        List<Destination> destinations = destinations(classes, pair.head());
        for (int i = 0; i < classes.cells().size(); i++) {
            ClassCache.Witnessed w = classes.cells().get(i);
            out.add(new ListenerClass(w.witness(), destinations.get(i)));
        }
        return out;
    }

    private int compare(ListenerPair pair, Reach reach, List<RouteChange> changes, List<RouteChange> undecided) {
        TreeSet<List<Condition>> predicates = new TreeSet<>(PREDICATE_ORDER);
        pair.base().ifPresent(p -> addPredicates(p.listener(), predicates));
        pair.head().ifPresent(p -> addPredicates(p.listener(), predicates));
        ClassCache.Classes classes = this.classes.of(new ArrayList<>(predicates));
        List<ClassMerger.Entry> moved = new ArrayList<>();
        List<ClassMerger.Entry> unknown = new ArrayList<>();
        List<Destination> before = destinations(classes, pair.base());
        List<Destination> after = destinations(classes, pair.head());
        for (int i = 0; i < classes.cells().size(); i++) {
            ClassMerger.Entry e = new ClassMerger.Entry(classes.cells().get(i).cell(), before.get(i), after.get(i));
            boolean bothUnknown = e.before().kind() == Destination.Kind.UNKNOWN
                    && e.after().kind() == Destination.Kind.UNKNOWN && pair.base().isPresent() && pair.head().isPresent();
            if (!e.before().routesAlike(e.after(), reach) || bothUnknown && !UnknownOutcomes.alike(evaluator,
                    pair.base().get().listener(), pair.head().get().listener(), classes.cells().get(i).witness(),
                    e.before(), e.after(), reach)) {
                moved.add(e);
            }
            if (e.before().kind() == Destination.Kind.UNKNOWN || e.after().kind() == Destination.Kind.UNKNOWN) {
                unknown.add(e);
            }
        }
        synchronized (classes) {
            ClassMerger merger = new ClassMerger(classes.partition());
            report(pair, merger.merge(moved), classes.witnesses(), changes);
            report(pair, merger.merge(unknown), classes.witnesses(), undecided);
            classes.forgetMerges();
        }
        return classes.cells().size();
    }

    private void report(ListenerPair pair, List<ClassMerger.Entry> entries, Witnesses witnesses,
                        List<RouteChange> out) {
        ListenerPair.Placed shown = pair.shown();
        for (ClassMerger.Entry e : entries) {
            // A merged class is a union of classes with these destinations, so any of its requests is a witness.
            Request witness = witnesses.of(e.cell()).orElseThrow();
            out.add(new RouteChange(shown.loadBalancer().id(), shown.name(), shown.listener().id(),
                    shown.listener().label(), ClassMerger.describe(e.cell()), witness, e.before(), e.after()));
        }
    }

    /** Where each class's witness goes on one side; every class goes nowhere on a side without the listener. */
    private List<Destination> destinations(ClassCache.Classes classes, Optional<ListenerPair.Placed> side) {
        if (side.isEmpty()) {
            return java.util.Collections.nCopies(classes.cells().size(), Destination.noListener());
        }
        Listener listener = side.get().listener();
        return classes.destinations(listener, new java.util.function.Function<>() {
            private RouteEvaluator.Prepared prepared;

            @Override
            public Destination apply(Request request) {
                if (prepared == null) {
                    prepared = evaluator.prepare(listener);
                }
                return Destination.of(prepared.evaluate(request));
            }
        });
    }

    /**
     * True when every target group the listener forwards to is, by id, the same group on both sides: same
     * identity, name, protocol, port and targets. Otherwise equal rules may still send requests elsewhere.
     */
    private static boolean reachesAlike(Listener l, Reach reach) {
        return l.actions().allMatch(a -> !(a.terminal() instanceof dev.lbguard.model.RouteAction.Forward f)
                || f.targets().stream().allMatch(t -> reach.idsSuffice(t.targetGroup())));
    }

    private static void addPredicates(Listener listener, TreeSet<List<Condition>> predicates) {
        if (!listener.evaluatesRules()) {
            return;
        }
        for (Rule r : listener.rules()) {
            // Only ALB listeners come here: HaproxyRouteDiff partitions HAProxy ones by their ACL expressions.
            if (!(r.match() instanceof RuleMatch.Conditions alb)) {
                continue;
            }
            if (alb.conditions().stream().anyMatch(Languages::partlyUnknown)) {
                // With an unknown condition the evaluator's answer (false, unknown, true) depends on every
                // condition's known value, not only on the first that fails: split on each one alone.
                alb.conditions().forEach(c -> predicates.add(List.of(Languages.known(c))));
                // An unknown-valued header (or query) condition cannot hold without the header (a query): the
                // evaluator tells those requests apart, so the classes must too.
                alb.conditions().stream().filter(Condition::isUnknown).map(Languages::presence).flatMap(Optional::stream)
                        .forEach(c -> predicates.add(List.of(c)));
            } else {
                predicates.add(List.copyOf(new TreeSet<>(alb.conditions().stream().map(Languages::known).toList())));
            }
        }
    }
}
