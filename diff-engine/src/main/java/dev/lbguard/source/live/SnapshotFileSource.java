package dev.lbguard.source.live;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
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
        com.fasterxml.jackson.databind.JsonNode root = LiveFiles.readObject(label, path);
        RoutingSnapshot saved = SnapshotJson.read(root, label + ": " + path);
        // Keep what was read when, but name the file the user gave now.
        SnapshotOrigin origin = new SnapshotOrigin(SnapshotOrigin.Kind.LIVE, saved.origin().label(), label);
        java.util.List<Diagnostic> diagnostics = new java.util.ArrayList<>(saved.diagnostics());
        int hidden = hidden(root.path("snapshot"));
        if (hidden > 0) {
            // A hidden value compares as the placeholder, not as what runs: a rule matching a secret header would
            // show as drift, or hide one. Say so rather than present the comparison as exact.
            diagnostics.add(Diagnostic.error("snapshot-sensitive-hidden", path + " holds " + hidden
                    + " sensitive value(s) that --save-live hid; comparisons that read them are not exact: compare "
                    + "with the state or the API itself", new SourceRef(path.toString(), 0, 0, "")));
        }
        return new RoutingSnapshot(origin, saved.loadBalancers(), saved.targetGroups(), diagnostics, saved.moves());
    }

    private static int hidden(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isTextual()) {
            return node.asText().contains(dev.lbguard.model.Secrets.HIDDEN) ? 1 : 0;
        }
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            n += hidden(child);
        }
        return n;
    }
}
