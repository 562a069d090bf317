package dev.lbguard.source.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SourceException;
import java.nio.file.Path;
import java.util.Objects;

/** {@code tfshow:PATH}: the output of {@code terraform show -json} for the current state. */
public final class TfShowSource implements LiveSource {
    private final Path path;
    private final String label;

    public TfShowSource(Path path, String label) {
        this.path = Objects.requireNonNull(path, "path");
        this.label = Objects.requireNonNull(label, "label");
    }

    public static TfShowSource of(Path path) {
        return new TfShowSource(path, "tfshow:" + path);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public RoutingSnapshot read() throws SourceException {
        JsonNode root = LiveFiles.readObject(label, path);
        if (root.has("planned_values") || root.has("resource_changes")) {
            throw new SourceException(label + ": " + path + " is a plan, not a state; use plan:" + path);
        }
        if (!root.has("format_version")) {
            throw new SourceException(label + ": " + path + " is not `terraform show -json` output (no format_version)"
                    + (root.has("version") ? "; for a state file use tfstate:" + path : ""));
        }
        LiveFiles.checkFormatVersion(label, path, root);
        StateResources out = new StateResources(label, path.toString());
        if (!root.has("values")) {
            out.warning("tfshow-empty", "the state is empty: Terraform manages nothing here");
        }
        ShowValues.read(root.path("values").path("root_module"), out);
        return out.build(new SnapshotOrigin(SnapshotOrigin.Kind.TERRAFORM_STATE, path.toString(), label));
    }
}
