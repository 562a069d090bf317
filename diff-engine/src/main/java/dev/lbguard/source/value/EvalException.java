package dev.lbguard.source.value;

/** An error Terraform itself would report while evaluating an expression, with Terraform's wording. */
public final class EvalException extends Exception {
    private static final long serialVersionUID = 1L;

    public EvalException(String message) {
        super(message);
    }
}
