package dev.lbguard.diff;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One element that differs between base and head.
 *
 * @param id the element's identity in head (in base for a removal)
 * @param renamedFrom for {@link ChangeType#RENAMED}: the identity in base
 * @param declaredMove true when a {@code moved} block declares the rename (no destroy and re-create)
 * @param source where the element stands in head (in base for a removal)
 * @param attributes the attributes that differ (for a modification, or a rename that also changed content)
 */
public record ResourceChange(ElementKind kind, ElementId id, ChangeType change, Optional<ElementId> renamedFrom,
                             boolean declaredMove, SourceRef source, List<AttributeChange> attributes) {
    public ResourceChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(renamedFrom, "renamedFrom");
        Objects.requireNonNull(source, "source");
        attributes = List.copyOf(attributes);
    }
}
