package dev.lbguard.diff;

import java.util.Comparator;
import java.util.List;

/** Every element that differs between two snapshots, sorted by kind and identity. */
public record ResourceDiff(List<ResourceChange> changes) {
    public ResourceDiff {
        changes = changes.stream()
                .sorted(Comparator.comparing(ResourceChange::kind).thenComparing(ResourceChange::id))
                .toList();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
