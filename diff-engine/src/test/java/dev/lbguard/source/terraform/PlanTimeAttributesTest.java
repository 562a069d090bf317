package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.resources.PlanTimeAttributes;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the AWS provider knows at plan time of a resource it has not created yet (docs/terraform-plan-time.md). */
class PlanTimeAttributesTest {
    private static final String VALIDATION_RECORDS = """
            resource "aws_route53_zone" "main" {
              name = "example.com"
            }
            resource "aws_route53_record" "v" {
              for_each = {
                for dvo in aws_acm_certificate.cert.domain_validation_options : dvo.domain_name => {
                  name   = dvo.resource_record_name
                  record = dvo.resource_record_value
                  type   = dvo.resource_record_type
                }
              }
              allow_overwrite = true
              name            = each.value.name
              records         = [each.value.record]
              ttl             = 60
              type            = each.value.type
              zone_id         = aws_route53_zone.main.zone_id
            }
            """;

    @TempDir
    Path dir;

    private TerraformEvaluation eval(String certificate) {
        return new TfFixture(dir).file("main.tf", certificate + VALIDATION_RECORDS).evaluate();
    }

    @Test
    void dnsValidatedCertificateKnowsOneValidationOptionPerDistinctDomain() {
        TerraformEvaluation e = eval("""
                resource "aws_acm_certificate" "cert" {
                  domain_name               = "shop.example.com"
                  subject_alternative_names = ["api.example.com", "shop.example.com", "*.shop.example.com"]
                  validation_method         = "DNS"
                }
                """);
        assertClean(e);
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactly(
                "aws_acm_certificate.cert",
                "aws_route53_record.v[\"*.shop.example.com\"]",
                "aws_route53_record.v[\"api.example.com\"]",
                "aws_route53_record.v[\"shop.example.com\"]",
                "aws_route53_zone.main");
        String api = "aws_route53_record.v[\"api.example.com\"]";
        String element = "domain_validation_options[\"api.example.com\"].";
        assertThat(attr(e, api, "name")).isEqualTo(ref("aws_acm_certificate.cert", element + "resource_record_name"));
        assertThat(attr(e, api, "type")).isEqualTo(ref("aws_acm_certificate.cert", element + "resource_record_type"));
        assertThat(attr(e, api, "records")).isEqualTo(tuple(
                ref("aws_acm_certificate.cert", element + "resource_record_value")));
        assertThat(attr(e, api, "zone_id")).isEqualTo(ref("aws_route53_zone.main", "zone_id"));
    }

    @Test
    void theOptionsAreASetOfObjectsInTerraformsOrder() {
        Value.Obj attributes = (Value.Obj) obj("domain_name", str("b.example.com"), "validation_method", str("DNS"),
                "subject_alternative_names", Value.Values.set(java.util.List.of(str("a.example.com"))));
        Value options = PlanTimeAttributes.of("aws_acm_certificate", attributes, "aws_acm_certificate.c")
                .get("domain_validation_options");
        assertThat(options).isInstanceOfSatisfying(Value.Seq.class, s -> {
            assertThat(s.kind()).isEqualTo(Value.Seq.Kind.SET);
            assertThat(s.items()).extracting(o -> ((Value.Obj) o).get("domain_name"))
                    .containsExactly(str("a.example.com"), str("b.example.com"));
        });
        assertThat(PlanTimeAttributes.of("aws_lb", attributes, "aws_lb.x")).isEmpty();
    }

    @Test
    void withoutDnsValidationOrKnownNamesTheOptionsStayUnknown() {
        for (String certificate : new String[] {
                // E-mail validation: the provider plans the options unknown (seen with terraform 1.11, provider 5.100).
                """
                resource "aws_acm_certificate" "cert" {
                  domain_name       = "shop.example.com"
                  validation_method = "EMAIL"
                }
                """,
                // An imported certificate has no domain_name in its configuration.
                """
                resource "aws_acm_certificate" "cert" {
                  private_key      = "key"
                  certificate_body = "body"
                }
                """,
                // A name known only after apply: the set is not known, so neither are its keys.
                """
                resource "aws_lb" "x" {
                  name = "x"
                }
                resource "aws_acm_certificate" "cert" {
                  domain_name               = "shop.example.com"
                  subject_alternative_names = [aws_lb.x.dns_name]
                  validation_method         = "DNS"
                }
                """}) {
            TerraformEvaluation e = new TfFixture(dir).file("main.tf", certificate + VALIDATION_RECORDS).evaluate();
            assertThat(e.diagnostics()).as(certificate).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("tf-expansion");
                assertThat(d.message()).contains("aws_acm_certificate.cert which is known only after apply");
            });
            assertThat(e.resources()).extracting(ResourceInstance::address).as(certificate)
                    .noneMatch(a -> a.startsWith("aws_route53_record.v"));
        }
    }

    @Test
    void validationRecordsFeedTheCertificateValidationAndTheListener() {
        TerraformEvaluation e = eval("""
                resource "aws_acm_certificate" "cert" {
                  domain_name       = "shop.example.com"
                  validation_method = "DNS"
                }
                resource "aws_acm_certificate_validation" "cert" {
                  certificate_arn         = aws_acm_certificate.cert.arn
                  validation_record_fqdns = [for r in aws_route53_record.v : r.fqdn]
                }
                resource "aws_lb_listener" "https" {
                  port            = 443
                  protocol        = "HTTPS"
                  certificate_arn = aws_acm_certificate_validation.cert.certificate_arn
                }
                """);
        assertThat(e.diagnostics()).extracting(Diagnostic::code).isEmpty();
        assertThat(attr(e, "aws_acm_certificate_validation.cert", "validation_record_fqdns"))
                .isEqualTo(tuple(ref("aws_route53_record.v[\"shop.example.com\"]", "fqdn")));
        assertThat(attr(e, "aws_lb_listener.https", "certificate_arn")).isEqualTo(ref("aws_acm_certificate.cert", "arn"));
    }
}
