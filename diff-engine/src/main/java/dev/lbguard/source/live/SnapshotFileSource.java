package dev.lbguard.source.live;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SourceException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code snapshot:FILE}: a live snapshot saved earlier with {@code drift --save-live FILE}, so that drift can be
 * shown again, or against another revision, without asking the live system twice.
 */
public final class SnapshotFileSource implements LiveSource {
    private final Path path;
    private final String label;

    public SnapshotFileSource(Path path, String label) {
        this.path = Objects.requireNonNull(path, "path");
        this.label = Objects.requireNonNull(label, "label");
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public RoutingSnapshot read() throws SourceException {
        RoutingSnapshot saved = SnapshotJson.read(LiveFiles.readObject(label, path), label + ": " + path);
        // Keep what was read when, but name the file the user gave now.
        SnapshotOrigin origin = new SnapshotOrigin(SnapshotOrigin.Kind.LIVE, saved.origin().label(), label);
        return new RoutingSnapshot(origin, saved.loadBalancers(), saved.targetGroups(), saved.diagnostics(),
                saved.moves());
    }
}
