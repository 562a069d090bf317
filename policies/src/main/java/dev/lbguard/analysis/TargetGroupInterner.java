package dev.lbguard.analysis;

import dev.lbguard.model.TargetGroup;
import java.util.List;

/**
 * The last few distinct target group lists seen; one equal to a held one but for the revision its sources were
 * read at (the same groups at another commit) is answered with the one held. Reports name target groups and
 * never print a source's revision.
 */
final class TargetGroupInterner {
    private final int kept;
    private final java.util.LinkedList<Held> recent = new java.util.LinkedList<>();

    private record Held(List<TargetGroup> groups, List<TargetGroup> key) {
    }

    TargetGroupInterner(int kept) {
        this.kept = kept;
    }

    synchronized List<TargetGroup> intern(List<TargetGroup> groups) {
        List<TargetGroup> key = groups.stream().map(TargetGroupInterner::atNoRevision).toList();
        for (java.util.Iterator<Held> it = recent.iterator(); it.hasNext(); ) {
            Held held = it.next();
            if (held.key().equals(key)) {
                it.remove();
                recent.addFirst(held);
                return held.groups();
            }
        }
        recent.addFirst(new Held(groups, key));
        if (recent.size() > kept) {
            recent.removeLast();
        }
        return groups;
    }

    private static TargetGroup atNoRevision(TargetGroup g) {
        return new TargetGroup(g.id(), g.source().atRevision(""), g.name(), g.protocol(), g.port(), g.targetType(),
                g.healthCheck(), g.targets().stream().map(t -> new dev.lbguard.model.Target(t.id(),
                t.source().atRevision(""), t.targetId(), t.port(), t.status(), t.backup())).toList(),
                g.registeredBy());
    }
}

