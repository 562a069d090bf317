package dev.lbguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.ChangeScope;
import dev.lbguard.diff.ResourceDiffer;
import dev.lbguard.diff.RouteDiffer;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Move;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Rule;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.policy.rules.BuiltInRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A review that reads only the load balancers a change touches ({@link ChangeScope}) says exactly what the review
 * of the whole snapshots says: the same resource and route changes, findings, inconclusives, risk and completeness.
 * Three load balancers with random listeners (one may repeat a priority, or hold a source-ip that is no CIDR block),
 * three target groups; the change edits one listener, or a target group (its health check, a target draining, its
 * name), or both, or nothing, and may declare a move that gives an untouched element another's identity.
 */
class ChangeScopeProperties {
    private static final String[] GROUPS = {"tg-a", "tg-b", "tg-c"};
    private final Review review = BuiltInRules.review();

    @Property(tries = 300)
    void aNarrowedReviewSaysWhatTheWholeOneSays(@ForAll("listeners") List<Listener> listeners,
                                                @ForAll("mutations") RandomListeners.Mutation mutation,
                                                @ForAll("edits") int listenerEdited, @ForAll("edits") int groupEdit,
                                                @ForAll boolean repeatPriority, @ForAll boolean oddSourceIp,
                                                @ForAll("edits") int move, @ForAll boolean sharedName) {
        List<Listener> before = new ArrayList<>(listeners);
        if (repeatPriority && !before.get(2).rules().isEmpty()) {
            before.set(2, withRepeatedPriority(before.get(2)));
        }
        if (oddSourceIp) {
            before.set(1, withRule(before.get(1), new Rule(ElementId.of("aws_lb_listener_rule.office"),
                    SourceRef.of("main.tf", 9, 1), Priority.of(99), List.of(Condition.of(ConditionType.SOURCE_IP, List.of(
                    "office-vpn"))), before.get(1).defaultAction())));
        }
        List<Listener> after = new ArrayList<>(before);
        if (listenerEdited < 3) {
            after.set(listenerEdited, mutation.apply(after.get(listenerEdited)));
        }
        RoutingSnapshot base = snapshot(before, groups(-1), "base", sharedName);
        RoutingSnapshot head = withMove(snapshot(after, groups(groupEdit), "head", sharedName), move);

        ReviewResult whole = review.review(base, head, new ResourceDiffer().diff(base, head),
                new RouteDiffer().diff(base, head), PolicyContext.NONE);
        ReviewResult narrowed = review.review(base, head, PolicyContext.NONE);

        assertThat(narrowed.resources()).isEqualTo(whole.resources());
        assertThat(narrowed.routes().changes()).isEqualTo(whole.routes().changes());
        assertThat(narrowed.routes().undecided()).isEqualTo(whole.routes().undecided());
        assertThat(narrowed.findings()).isEqualTo(whole.findings());
        assertThat(narrowed.inconclusives()).isEqualTo(whole.inconclusives());
        assertThat(narrowed.risk()).isEqualTo(whole.risk());
        assertThat(narrowed.complete()).isEqualTo(whole.complete());
        if (listenerEdited == 3 && groupEdit == 3 && !repeatPriority && move == 3 && !sharedName) {
            // Nothing changed and nothing is reported on every review: nothing is left to read.
            assertThat(ChangeScope.narrow(base, head)[1].loadBalancers()).isEmpty();
        }
    }

    @Provide
    Arbitrary<List<Listener>> listeners() {
        return RandomListeners.listeners().list().ofSize(3);
    }

    @Provide
    Arbitrary<RandomListeners.Mutation> mutations() {
        return RandomListeners.mutations();
    }

    /** 0 to 2: that one; 3: none. */
    @Provide
    Arbitrary<Integer> edits() {
        return Arbitraries.integers().between(0, 3);
    }

    private static Listener withRule(Listener l, Rule added) {
        List<Rule> rules = new ArrayList<>(l.rules());
        rules.add(added);
        return new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                l.defaultAction(), rules);
    }

    /**
     * A move declared by the head (as another root's would be merged in): 0 takes lb0's listener to lb1's id, 1 takes
     * tg-a to a new id, 2 takes lb2 to a new id; 3 declares none.
     */
    private static RoutingSnapshot withMove(RoutingSnapshot s, int which) {
        List<Move> moves = switch (which) {
            case 0 -> List.of(Move.of("lb0.aws_lb_listener.http", "lb1.aws_lb_listener.http", SourceRef.of("b.tf", 1, 1)));
            case 1 -> List.of(Move.of("tg-a", "tg-z", SourceRef.of("b.tf", 1, 1)));
            case 2 -> List.of(Move.of("aws_lb.lb2", "aws_lb.lb9", SourceRef.of("b.tf", 1, 1)));
            default -> List.of();
        };
        return new RoutingSnapshot(s.origin(), s.loadBalancers(), s.targetGroups(), s.diagnostics(), moves);
    }

    private static Listener withRepeatedPriority(Listener l) {
        List<Rule> rules = new ArrayList<>(l.rules());
        Rule first = rules.get(0);
        rules.add(new Rule(ElementId.of("aws_lb_listener_rule.again"), first.source(), first.priority(),
                first.conditions(), first.action()));
        return new Listener(l.id(), l.source(), l.protocol(), l.port(), l.sslPolicy(), l.certificates(),
                l.defaultAction(), rules);
    }

    /** The three groups; {@code edit} 0 changes tg-a's health check, 1 drains tg-b's target, 2 renames tg-c. */
    private static List<TargetGroup> groups(int edit) {
        List<TargetGroup> out = new ArrayList<>();
        for (int i = 0; i < GROUPS.length; i++) {
            String g = GROUPS[i];
            HealthCheck check = new HealthCheck(true, "HTTP", "traffic-port", edit == 0 && i == 0 ? "/health" : "/",
                    "200", 30, 5, 3, 3);
            Optional<TargetStatus> status = edit == 1 && i == 1
                    ? Optional.of(new TargetStatus(TargetStatus.State.DRAINING, OptionalInt.empty(), "deregistering"))
                    : Optional.empty();
            out.add(new TargetGroup(ElementId.of(g), at(5, ""), edit == 2 && i == 2 ? g + "-renamed" : g, "HTTP", 80,
                    "ip", check, List.of(new Target(ElementId.of(g + "_t0"), at(5, ""), "10.0.0.1",
                    OptionalInt.empty(), status, false))));
        }
        return out;
    }

    /**
     * Each listener on a load balancer of its own, its ids made unique, its sources at the side's revision; with
     * {@code sharedName}, the last two load balancers take one name (reports then name them by id).
     */
    private static RoutingSnapshot snapshot(List<Listener> listeners, List<TargetGroup> groups, String revision,
                                            boolean sharedName) {
        List<LoadBalancer> lbs = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            String lb = "lb" + i;
            List<Rule> rules = l.rules().stream().map(r -> new Rule(ElementId.of(lb + "." + r.id()),
                    r.source().atRevision(revision), r.priority(), r.match(), r.action())).toList();
            Listener placed = new Listener(ElementId.of(lb + "." + l.id()), l.source().atRevision(revision),
                    l.protocol(), l.port(), l.sslPolicy(), l.certificates(), l.defaultAction(), rules);
            lbs.add(new LoadBalancer(ElementId.of("aws_lb." + lb), at(1, revision), sharedName && i > 0 ? "edge" : lb,
                    LoadBalancerType.APPLICATION,
                    false, List.of(placed)));
        }
        return new RoutingSnapshot(SnapshotOrigin.other(revision), lbs, groups, List.of());
    }

    private static SourceRef at(int line, String revision) {
        return SourceRef.of("main.tf", line, 1).atRevision(revision);
    }
}
