package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --var-file envs/prod/prod.tfvars} while reading every root: Terraform would read it in prod only, lbguard
 * gives it to each root read, so dev is evaluated with prod's values. A warning says so where it happens.
 */
class VarFileOfAnotherRootTest {
    @TempDir
    Path temp;

    @Test
    void aVarFileInAnotherRootsDirectoryIsNamedForTheRootsItIsNotIn() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/alb/main.tf", RootsNamedApartTest.MODULE);
            for (String env : new String[] {"dev", "prod"}) {
                h.write("envs/" + env + "/main.tf", """
                        variable "env" {}
                        module "alb" {
                          source   = "../../modules/alb"
                          env      = var.env
                          api_path = "/api/*"
                        }
                        """);
                h.write("envs/" + env + "/" + env + ".tfvars", "env = \"" + env + "\"\n");
            }
            h.write("common.tfvars", "env = \"shared\"\n");
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "two environments");
        }
        CliRun routes = CliRun.run("routes", "--repo", dir.toString(), "--var-file",
                dir.resolve("envs/prod/prod.tfvars").toString());
        assertThat(routes.out()).contains("[tf-var-file-other-module]")
                .contains("lies in the directory of another module (envs/prod) and is read for the root module envs/dev")
                .doesNotContain("read for the root module envs/prod");
        // One above every root is meant for all of them.
        CliRun shared = CliRun.run("routes", "--repo", dir.toString(), "--var-file",
                dir.resolve("common.tfvars").toString());
        assertThat(shared.out()).doesNotContain("tf-var-file-other-module");
    }

    /**
     * {@code --var} while reading every root: a root that does not declare the variable reads nothing of it, so it
     * is a warning there (public repositories of several roots met this as an incomplete analysis); with {@code --dir}
     * naming that root it is Terraform's error, as before.
     */
    @Test
    void aVarAnotherRootDeclaresIsAWarningWithoutDirAndAnErrorForTheRootDirNames() throws Exception {
        Path dir = temp.resolve("repo");
        try (TestHistory h = TestHistory.init(dir)) {
            h.write("modules/alb/main.tf", RootsNamedApartTest.MODULE);
            h.write("envs/dev/main.tf", """
                    variable "env" {}
                    module "alb" {
                      source   = "../../modules/alb"
                      env      = var.env
                      api_path = "/api/*"
                    }
                    """);
            h.write("envs/prod/main.tf", """
                    module "alb" {
                      source   = "../../modules/alb"
                      env      = "prod"
                      api_path = "/api/*"
                    }
                    """);
            h.commit(TestHistory.who("Ana Admin", "2026-01-05T10:00:00Z"), "two environments");
        }
        CliRun all = CliRun.run("routes", "--repo", dir.toString(), "--var", "env=dev");
        assertThat(all.out()).contains("warning: --var sets variable env, which root module envs/prod does not "
                + "declare: not used here").contains("Analysis complete");
        assertThat(all.exitCode()).isZero();
        CliRun prod = CliRun.run("routes", "--repo", dir.toString(), "--dir", "envs/prod", "--var", "env=dev");
        assertThat(prod.out()).contains("error: --var sets variable env, which the root module does not declare");
        assertThat(prod.exitCode()).isEqualTo(3);
        // A misspelt name is an error even without --dir: the root it was meant for would go without it.
        CliRun typo = CliRun.run("routes", "--repo", dir.toString(), "--var", "envs=dev");
        assertThat(typo.out()).contains("error: --var sets variable envs, which the root module does not declare; "
                + "did you mean env?");
        assertThat(typo.exitCode()).isEqualTo(3);
    }
}
