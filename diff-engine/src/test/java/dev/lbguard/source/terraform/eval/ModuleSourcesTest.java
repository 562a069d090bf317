package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleSourcesTest {
    /** Terraform 0.11 read a bare path as a directory; later versions refuse it and suggest ./ (checked with 1.11). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "modules/alb, true",
        "alb, true",
        "hashicorp/consul, true",
        "'  modules/alb  ', true",
        "./modules/alb, false",
        "../modules/alb, false",
        "/opt/modules/alb, false",
        "terraform-aws-modules/alb/aws, false",
        "terraform-aws-modules/vpc/aws//modules/vpc-endpoints, false",
        "app.terraform.io/acme/alb/aws, false",
        "github.com/acme/modules, false",
        "bitbucket.org/acme/modules, false",
        "git::https://example.com/modules.git, false",
        "git@github.com:acme/modules.git, false",
        "s3::https://s3-eu-west-1.amazonaws.com/bucket/alb.zip, false",
        "acme-modules.s3.amazonaws.com/alb.zip, false",
        "https://example.com/alb.zip, false",
        "modules/alb?ref=v1, false",
        "'', false"
    })
    void aBareRelativePathIsNeitherAPrefixedPathNorARemoteAddress(String source, boolean bare) {
        assertThat(ModuleSources.bareRelativePath(source)).isEqualTo(bare);
    }
}
