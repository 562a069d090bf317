package dev.lbguard.diff;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The targets that an Auto Scaling group or ECS service registered in a target group git declares (see
 * {@link TargetGroup#registeredBy}): git asks for whatever they registered, so drift takes the live ones as desired,
 * not as running without being declared (which would also say the next apply removes them: it does not).
 */
public final class RegisteredTargets {
    private RegisteredTargets() {
    }

    /**
     * {@code desired}, each group that something registers targets in holding also the targets of the live group
     * paired with it ({@code pairedLive} carries the desired ids, see {@link LiveMatcher}).
     */
    public static RoutingSnapshot adopt(RoutingSnapshot desired, RoutingSnapshot pairedLive) {
        if (desired.targetGroups().stream().allMatch(tg -> tg.registeredBy().isEmpty())) {
            return desired;
        }
        Map<ElementId, TargetGroup> live = pairedLive.targetGroups().stream()
                .collect(Collectors.toMap(TargetGroup::id, Function.identity(), (a, b) -> a));
        List<TargetGroup> groups = new ArrayList<>();
        for (TargetGroup tg : desired.targetGroups()) {
            TargetGroup running = live.get(tg.id());
            if (tg.registeredBy().isEmpty() || running == null) {
                groups.add(tg);
                continue;
            }
            Set<ElementId> declared = new HashSet<>();
            tg.targets().forEach(t -> declared.add(t.id()));
            List<Target> targets = new ArrayList<>(tg.targets());
            for (Target t : running.targets()) {
                if (!declared.contains(t.id())) {
                    // Declared where the group is: what registers it declares no single target.
                    targets.add(new Target(t.id(), tg.source(), t.targetId(), t.port()));
                }
            }
            groups.add(tg.withTargets(targets));
        }
        return new RoutingSnapshot(desired.origin(), desired.loadBalancers(), groups, desired.diagnostics(),
                desired.moves(), desired.secrets());
    }

    /** {@code match} without the running targets that {@code adopted} (from {@link #adopt}) takes as desired. */
    public static LiveMatch withoutAdopted(LiveMatch match, RoutingSnapshot adopted) {
        Set<ElementId> taken = new HashSet<>();
        adopted.targetGroups().stream().filter(tg -> !tg.registeredBy().isEmpty())
                .forEach(tg -> tg.targets().forEach(t -> taken.add(t.id())));
        if (taken.isEmpty()) {
            return match;
        }
        return new LiveMatch(match.live(), match.missingLive(), match.unmanaged().stream()
                .filter(u -> u.kind() != ElementKind.TARGET || !taken.contains(u.id())).toList());
    }
}
