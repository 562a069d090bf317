package dev.lbguard.source.live;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.SourceException;
import java.util.Optional;

/**
 * A source of the live side of a drift comparison: a Terraform state file, {@code terraform show -json},
 * a plan, the AWS API, or the HAProxy Runtime API. Reading never changes the live system.
 */
public interface LiveSource {

    /** What the user named, e.g. {@code aws:eu-west-1} or {@code tfstate:infra/terraform.tfstate}. */
    String label();

    /**
     * Reads the live routing. Input that cannot be read at all (a missing file, refused credentials, a closed
     * socket) is a {@link SourceException} with one sentence naming the source and what to do; problems with
     * parts of it are diagnostics in the snapshot, which is then incomplete.
     */
    RoutingSnapshot read() throws SourceException;

    /**
     * The routing the next apply would leave running, for sources that know it (a plan); compared with
     * {@link #read()} it shows what that apply would do to routing. Empty for every other source.
     */
    default Optional<RoutingSnapshot> nextApply() throws SourceException {
        return Optional.empty();
    }
}
