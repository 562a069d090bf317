package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.AwsProviderVersion;
import dev.lbguard.source.terraform.modules.AwsProviderRequirement;
import dev.lbguard.source.terraform.modules.VersionConstraint;
import dev.lbguard.source.terraform.modules.VersionConstraint.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's provider version constraints ({@code ~>}, {@code >=}, {@code <}, {@code =}, {@code !=}, comma
 * separated, missing parts zero), asked the one question the provider-2 condition syntax needs: does the constraint
 * let terraform install a version before 3.0? And where a root module says so.
 */
class VersionConstraintTest {
    private static final Version THREE = Version.of(3, 0, 0);

    @TempDir
    Path temp;

    private static boolean before3(String constraint) {
        return VersionConstraint.parse(constraint).admitsSomeVersionBefore(THREE);
    }

    @Test
    void pessimisticConstraintsAsTerraformReadsThem() {
        // ~> X.Y allows later minors of X, ~> X.Y.Z later patches of X.Y; ~> X is ~> X.0.
        assertThat(before3("~> 2.0")).isTrue();
        assertThat(before3("~> 2.70")).isTrue();
        assertThat(before3("~> 2")).isTrue();
        assertThat(before3("~> 3.0")).isFalse();
        assertThat(before3("~>3")).isFalse();
        assertThat(VersionConstraint.parse("~> 2.70").admits(Version.of(2, 99, 0))).isTrue();
        assertThat(VersionConstraint.parse("~> 2.70").admits(Version.of(3, 0, 0))).isFalse();
        assertThat(VersionConstraint.parse("~> 2.70.1").admits(Version.of(2, 70, 9))).isTrue();
        assertThat(VersionConstraint.parse("~> 2.70.1").admits(Version.of(2, 71, 0))).isFalse();
        assertThat(VersionConstraint.parse("~> 2.70.1").admits(Version.of(2, 70, 0))).isFalse();
    }

    @Test
    void boundsExactVersionsAndExclusions() {
        assertThat(before3(">= 2.0")).isTrue();
        assertThat(before3(">= 3.0")).isFalse();
        assertThat(before3("> 2.99.99")).isTrue();
        assertThat(before3(">= 3")).isFalse();
        assertThat(before3("< 3.0.0")).isTrue();
        assertThat(before3("<= 5.100.0")).isTrue();
        assertThat(before3("2.70.0")).isTrue();
        assertThat(before3("= 5.100.0")).isFalse();
        assertThat(before3("!= 2.70.0")).isTrue();
        assertThat(before3(">= 2.0, < 3.0")).isTrue();
        assertThat(before3(">= 2.5, >= 3.1")).isFalse();
        // Every 2.x release the range holds is excluded: none is left.
        assertThat(before3(">= 2.70.0, < 2.70.2, != 2.70.0, != 2.70.1")).isFalse();
        assertThat(before3(">= 2.70.0, < 2.70.3, != 2.70.0, != 2.70.1")).isTrue();
    }

    @Test
    void preReleasesAreInstalledOnlyWhenNamedExactly() {
        // Releases after a 3.0 beta are 3.0 and later; releases before it are 2.x.
        assertThat(before3(">= 3.0.0-beta1")).isFalse();
        assertThat(before3("< 3.0.0-beta1")).isTrue();
        assertThat(before3("3.0.0-beta1")).isFalse();
        assertThat(before3("!= 2.0.0-rc1")).isTrue();
    }

    @Test
    void constraintsOfManyPlacesAllBind() {
        VersionConstraint both = VersionConstraint.parse("~> 2.0").and(VersionConstraint.parse(">= 3.0"));
        assertThat(both.admitsSomeVersion()).isFalse();
        assertThat(both).hasToString("~> 2.0, >= 3.0");
        assertThat(VersionConstraint.any().admitsSomeVersionBefore(THREE)).isTrue();
    }

    @Test
    void anInvalidConstraintIsRefused() {
        assertThatThrownBy(() -> VersionConstraint.parse("=> 3.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"=> 3.0\"");
        assertThatThrownBy(() -> VersionConstraint.parse("latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionConstraint.parse(">= 3.0,")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRootModuleSaysWhichVersionsItAdmits() throws Exception {
        write("versions.tf", """
                terraform {
                  required_providers {
                    aws = {
                      source  = "hashicorp/aws"
                      version = "~> 2.70"
                    }
                  }
                }
                """);
        AwsProviderVersion v = AwsProviderRequirement.read(new DiskTree(temp), "").verdict();
        assertThat(v.before3()).isTrue();
        assertThat(v.because()).isEqualTo("the root module requires aws \"~> 2.70\" (versions.tf:5)");
        // A legacy provider block binds too: together they admit nothing before 3.0.
        write("provider.tf", "provider \"aws\" {\n  version = \">= 3.0\"\n}\n");
        assertThat(AwsProviderRequirement.read(new DiskTree(temp), "").verdict().before3()).isFalse();
        // An override file's requirement replaces the requirement of the other files (the provider block's stays);
        // Terraform 0.12's string form is read.
        write("versions_override.tf", "terraform {\n  required_providers {\n    aws = \"< 2.50\"\n  }\n}\n");
        assertThat(AwsProviderRequirement.read(new DiskTree(temp), "").verdict().because())
                .contains("\"< 2.50, >= 3.0\" (versions_override.tf:3, provider.tf:2)");
        Files.delete(temp.resolve("provider.tf"));
        assertThat(AwsProviderRequirement.read(new DiskTree(temp), "").verdict().before3()).isTrue();
    }

    @Test
    void theLockFileDecidesWhileItMeetsTheConstraints() throws Exception {
        write("versions.tf", "terraform {\n  required_providers {\n    aws = { version = \">= 2.0\" }\n  }\n}\n");
        write(".terraform.lock.hcl", """
                provider "registry.terraform.io/hashicorp/aws" {
                  version     = "5.100.0"
                  constraints = ">= 2.0"
                  hashes      = []
                }
                """);
        AwsProviderVersion v = AwsProviderRequirement.read(new DiskTree(temp), "").verdict();
        assertThat(v.before3()).isFalse();
        assertThat(v.because()).contains("pins aws 5.100.0");
    }

    @Test
    void noVersionOrOneTerraformCannotReadIsNoVersionBefore3() throws Exception {
        write("main.tf", "resource \"aws_lb\" \"a\" {}\n");
        AwsProviderVersion none = AwsProviderRequirement.read(new DiskTree(temp), "").verdict();
        assertThat(none.before3()).isFalse();
        assertThat(none.because()).contains("sets no version").contains("installs the newest");
        write("versions.tf", "terraform {\n  required_providers {\n    aws = { version = \"=> 2.0\" }\n  }\n}\n");
        AwsProviderVersion invalid = AwsProviderRequirement.read(new DiskTree(temp), "").verdict();
        assertThat(invalid.before3()).isFalse();
        assertThat(invalid.because()).contains("invalid version constraint").contains("versions.tf:3");
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(temp.resolve(name), text);
    }
}
