package dev.lbguard.diff;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.RoutingSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The live snapshot re-keyed to the desired one's identities, and what could not be paired: elements git declares
 * that are not running ({@code missingLive}) and running elements git does not declare ({@code unmanaged}). Only the
 * outermost unpaired element is listed: a missing load balancer stands for its listeners and rules.
 *
 * @param live the live snapshot, every paired element carrying the desired id and the desired source line
 */
public record LiveMatch(RoutingSnapshot live, List<Unpaired> missingLive, List<Unpaired> unmanaged) {

    /** One element without a counterpart on the other side. */
    public record Unpaired(ElementKind kind, ElementId id, String name, SourceRef source) {
        public Unpaired {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }
    }

    private static final Comparator<Unpaired> ORDER = Comparator.comparing(Unpaired::kind)
            .thenComparing(Unpaired::id);

    public LiveMatch {
        Objects.requireNonNull(live, "live");
        missingLive = missingLive.stream().sorted(ORDER).toList();
        unmanaged = unmanaged.stream().sorted(ORDER).toList();
    }
}
