package dev.lbguard.source.live.violation;

/** A deliberate violation for {@code LayeringTest}: a live source evaluating HCL. */
final class LiveThatEvaluates {
    Object evaluate() {
        return new dev.lbguard.source.terraform.eval.TerraformEvaluator();
    }
}
