package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.live.PlanSource;
import dev.lbguard.source.live.TfShowSource;
import dev.lbguard.source.live.TfStateSource;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drift end to end on files Terraform wrote against moto (DOMAIN section 9): the HCL of {@code tf-main.tf} against
 * its state, its {@code terraform show -json} and a plan that found console changes.
 */
class LiveDriftTest {
    static final Path DOMAIN = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .resolve("live/domain").toAbsolutePath().normalize();

    static RoutingSnapshot desired(Path dir) {
        return new TerraformSource().read(new DiskTree(dir), List.of(""), TerraformInputs.none(),
                SnapshotOrigin.other("git"));
    }

    static ResourceDiff drift(RoutingSnapshot desired, RoutingSnapshot live) {
        LiveMatch m = new LiveMatcher().match(desired, live);
        return new ResourceDiffer().diff(desired, m.live());
    }

    @Test
    void freshApplyStateShowsNoDrift() throws Exception {
        RoutingSnapshot desired = desired(DOMAIN);
        RoutingSnapshot live = TfStateSource.of(DOMAIN.resolve("terraform.tfstate")).read();
        assertThat(live.diagnostics()).isEmpty();
        assertThat(live.loadBalancers()).hasSize(1);
        LiveMatch m = new LiveMatcher().match(desired, live);
        assertThat(m.missingLive()).isEmpty();
        assertThat(m.unmanaged()).isEmpty();
        assertThat(drift(desired, live).changes()).isEmpty();
        assertThat(new RouteDiffer().diff(desired, m.live()).changes()).isEmpty();
    }

    @Test
    void showJsonAgreesWithTheStateFile() throws Exception {
        RoutingSnapshot desired = desired(DOMAIN);
        RoutingSnapshot live = TfShowSource.of(DOMAIN.resolve("state-show.json")).read();
        assertThat(live.diagnostics()).isEmpty();
        assertThat(drift(desired, live).changes()).isEmpty();
    }

    @Test
    void planDriftIsTheConsoleChange() throws Exception {
        RoutingSnapshot desired = desired(DOMAIN);
        PlanSource plan = PlanSource.of(DOMAIN.resolve("plan-with-drift.json"));
        RoutingSnapshot live = plan.read();
        ResourceDiff d = drift(desired, live);
        assertThat(d.changes()).isNotEmpty();
        RoutingSnapshot next = plan.nextApply().orElseThrow();
        RouteDiff apply = new RouteDiffer().diff(live, next);
        assertThat(new ResourceDiffer().diff(desired, next).changes()).isEmpty();
    }
}
