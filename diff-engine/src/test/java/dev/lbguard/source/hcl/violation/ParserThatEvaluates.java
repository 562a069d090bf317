package dev.lbguard.source.hcl.violation;

/** A deliberate violation for {@code LayeringTest}: the HCL parser evaluating Terraform. */
final class ParserThatEvaluates {
    Object evaluate() {
        return new dev.lbguard.source.terraform.eval.TerraformEvaluator();
    }
}
