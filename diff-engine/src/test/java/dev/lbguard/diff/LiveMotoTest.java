package dev.lbguard.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.source.live.PlanSource;
import dev.lbguard.source.live.TfShowSource;
import dev.lbguard.source.live.TfStateSource;
import dev.lbguard.source.terraform.TerraformCli;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drift against the real thing (issue 6's acceptance): a {@code moto_server} started here is the AWS endpoint, the
 * real {@code terraform apply} of {@code fixtures/live/moto} builds a live load balancer on it, and drift of the
 * untouched apply must be zero read from the state file, from {@code terraform show -json} and from a refresh-only
 * plan. moto starts and terraform applies once per class (about 80 s). Without terraform or moto_server the
 * tests fail: this check is never skipped.
 *
 * <p>For the {@code aws:} source's assertions: {@link #motoPort()} is the endpoint, {@link #appliedDir()} holds the
 * applied {@code terraform.tfstate}, and {@link #desired()} is git's side.
 */
class LiveMotoTest {
    private static final Path FIXTURE = LiveDriftTest.DOMAIN.resolveSibling("moto");
    private static Process moto;
    private static int port;
    private static Path work;
    private static TerraformCli terraform;
    private static RoutingSnapshot desired;

    @BeforeAll
    static void applyToMoto() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "live-moto-").toAbsolutePath();
        port = freePort();
        moto = new ProcessBuilder(motoServer(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(work.resolve("moto.log").toFile()).start();
        awaitPort(port);
        terraform = TerraformCli.locate(Path.of("target/terraform-oracle").toAbsolutePath());
        Path dir = Files.createDirectories(work.resolve("root"));
        Files.copy(FIXTURE.resolve("main.tf"), dir.resolve("main.tf"));
        Files.writeString(dir.resolve("provider.tf"), """
                terraform {
                  required_providers {
                    aws = { source = "hashicorp/aws", version = "5.100.0" }
                  }
                }

                provider "aws" {
                  region                      = "eu-west-1"
                  access_key                  = "test"
                  secret_key                  = "test"
                  skip_credentials_validation = true
                  skip_requesting_account_id  = true
                  skip_metadata_api_check     = true
                  endpoints {
                    ec2   = "http://127.0.0.1:%1$d"
                    elbv2 = "http://127.0.0.1:%1$d"
                    sts   = "http://127.0.0.1:%1$d"
                  }
                }
                """.formatted(port));
        terraform.terraform(dir, "init", "-input=false", "-no-color");
        terraform.terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color");
        Files.writeString(dir.resolve("show.json"), terraform.terraform(dir, "show", "-json"));
        terraform.terraform(dir, "plan", "-refresh-only", "-input=false", "-no-color", "-out=refresh.plan");
        Files.writeString(dir.resolve("refresh-plan.json"), terraform.terraform(dir, "show", "-json", "refresh.plan"));
        terraform.terraform(dir, "plan", "-input=false", "-no-color", "-out=next.plan");
        Files.writeString(dir.resolve("next-plan.json"), terraform.terraform(dir, "show", "-json", "next.plan"));
        desired = LiveDriftTest.desired(FIXTURE);
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (moto != null) {
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
        }
    }

    /** The port moto listens on: {@code http://127.0.0.1:PORT} is the AWS endpoint of the applied load balancer. */
    static int motoPort() {
        return port;
    }

    /** The applied root module: {@code terraform.tfstate}, {@code show.json} and the plans' JSON. */
    static Path appliedDir() {
        return work.resolve("root");
    }

    /** Git's side: the fixture read by lbguard's own evaluator. */
    static RoutingSnapshot desired() {
        return desired;
    }

    @Test
    void desiredSideIsComplete() {
        assertThat(desired.diagnostics()).isEmpty();
        assertThat(desired.loadBalancers()).hasSize(1);
        assertThat(desired.loadBalancers().get(0).listeners().get(0).rules()).hasSize(5);
    }

    @Test
    void untouchedApplyHasNoDriftInTheStateFile() throws Exception {
        assertNoDrift(TfStateSource.of(appliedDir().resolve("terraform.tfstate")).read());
    }

    @Test
    void untouchedApplyHasNoDriftInShowJson() throws Exception {
        assertNoDrift(TfShowSource.of(appliedDir().resolve("show.json")).read());
    }

    @Test
    void untouchedApplyHasNoDriftInARefreshOnlyPlan() throws Exception {
        PlanSource plan = PlanSource.of(appliedDir().resolve("refresh-plan.json"));
        assertNoDrift(plan.read());
    }

    @Test
    void nextApplyOfAnUntouchedApplyChangesNoRouting() throws Exception {
        PlanSource plan = PlanSource.of(appliedDir().resolve("next-plan.json"));
        RoutingSnapshot live = plan.read();
        assertNoDrift(live);
        RoutingSnapshot next = plan.nextApply().orElseThrow();
        assertThat(next.diagnostics()).isEmpty();
        assertThat(new RouteDiffer().diff(live, next).changes()).isEmpty();
        assertThat(new ResourceDiffer().diff(live, next).changes()).isEmpty();
    }

    private static void assertNoDrift(RoutingSnapshot live) {
        assertThat(live.diagnostics()).as("diagnostics of " + live.origin().label()).isEmpty();
        LiveMatch m = new LiveMatcher().match(desired, live);
        assertThat(m.missingLive()).as("missing live").isEmpty();
        assertThat(m.unmanaged()).as("unmanaged").isEmpty();
        assertThat(new ResourceDiffer().diff(desired, m.live()).changes()).as("resource drift").isEmpty();
        assertThat(new RouteDiffer().diff(desired, m.live()).changes()).as("route drift").isEmpty();
    }

    private static String motoServer() {
        String explicit = System.getProperty("lbguard.motoServer", "");
        if (!explicit.isBlank()) {
            return explicit;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, "moto_server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("moto_server not found on PATH (or -Dlbguard.motoServer): drift's acceptance test "
                + "needs moto 5.2.1 (pip install 'moto[server]==5.2.1'); it is never skipped");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!moto.isAlive()) {
                throw new AssertionError("moto_server exited with " + moto.exitValue() + "; see its log in " + work);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("moto_server did not listen on port " + port + " within 60 s");
    }
}
