package dev.lbguard.policy;

import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.route.Glob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a policy's waivers to findings, and says what is wrong with them: an expired waiver waives nothing and
 * is a warning, so is one naming a rule lbguard does not have or an element pattern that matches nothing.
 */
public final class Waivers {
    private final PolicyFile policy;
    private final LocalDate today;

    public Waivers(PolicyFile policy, LocalDate today) {
        this.policy = policy;
        this.today = today;
    }

    /** The finding, marked with the first live waiver that covers it. */
    public Finding apply(Finding f) {
        Optional<Waiver> w = policy.waivers().stream().filter(x -> !x.expiredOn(today) && x.covers(f)).findFirst();
        return w.map(x -> f.withWaiver(new Finding.Waived(x.reason(), x.expires(), x.source()))).orElse(f);
    }

    public List<PolicyOutcome.Warning> warnings(RuleCatalog catalog, List<Finding> findings, RoutingSnapshot... snapshots) {
        List<PolicyOutcome.Warning> out = new ArrayList<>();
        Set<String> elements = new HashSet<>();
        for (RoutingSnapshot s : snapshots) {
            collect(s, elements);
        }
        findings.forEach(f -> elements.add(f.element().value()));
        for (Waiver w : policy.waivers()) {
            if (catalog.rule(w.rule()).isEmpty()) {
                out.add(new PolicyOutcome.Warning("waiver names " + w.rule() + ", which is no rule of lbguard "
                        + "('lbguard rules' lists them); it waives nothing", w.source()));
            } else if (w.expiredOn(today)) {
                out.add(new PolicyOutcome.Warning("waiver of " + w.rule() + " on " + w.element() + " expired on "
                        + w.expires() + " and waives nothing; fix what it waived, or renew it with a new reason and "
                        + "date", w.source()));
            } else if (elements.stream().noneMatch(e -> Glob.matches(w.element(), e))) {
                out.add(new PolicyOutcome.Warning("waiver of " + w.rule() + " on " + w.element() + " matches no "
                        + "element; remove it, or fix the pattern (element ids as reports print them, * for any run)",
                        w.source()));
            }
        }
        for (RuleSetting r : policy.rules().values()) {
            if (catalog.rule(r.rule()).isEmpty()) {
                out.add(new PolicyOutcome.Warning("rules names " + r.rule() + ", which is no rule of lbguard "
                        + "('lbguard rules' lists them); the setting does nothing", r.source()));
            }
        }
        return out;
    }

    private static void collect(RoutingSnapshot s, Set<String> out) {
        for (LoadBalancer lb : s.loadBalancers()) {
            out.add(lb.id().value());
            for (Listener l : lb.listeners()) {
                out.add(l.id().value());
                for (Rule r : l.rules()) {
                    out.add(r.id().value());
                }
            }
        }
        for (TargetGroup t : s.targetGroups()) {
            out.add(t.id().value());
        }
    }
}
