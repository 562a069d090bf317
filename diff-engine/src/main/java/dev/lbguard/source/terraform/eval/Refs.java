package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.terraform.functions.TfFunction;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.List;

/**
 * Resolves the references of an expression that no local name (each, count, an iterator, a for variable)
 * answers: {@code var.x}, {@code local.x}, {@code module.x}, {@code data.T.N}, {@code T.N}, {@code path.*}.
 */
public interface Refs {

    /** One traversal step after the root name: {@code .name} or {@code [key]}. */
    sealed interface Step {
        Range range();

        /** {@code .name}. */
        record Attr(String name, Range range) implements Step {
        }

        /** {@code [key]}. */
        record Key(Expression key, Range range) implements Step {
        }
    }

    /** The value a reference resolved to, and how many of the steps after the root it used up. */
    record Resolved(Value value, int consumed) {
    }

    Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
            throws EvalException;

    /** False where Terraform evaluates without functions: {@code .tfvars} files and variable defaults. */
    boolean allowsFunctions();

    /**
     * A function this scope adds to or puts in place of Terraform's library (Terragrunt's functions in a
     * {@code terragrunt.hcl}); empty for Terraform's own scopes.
     */
    default java.util.Optional<TfFunction> function(Expression.FunctionCall call, ExprEvaluator evaluator, Scope scope) {
        return java.util.Optional.empty();
    }

    /** The references of a constant: there are none, as in {@code .tfvars} files and variable defaults. */
    Refs CONSTANT = new Refs() {
        @Override
        public Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
                throws EvalException {
            throw new EvalException("variables may not be used here (" + root.name() + ")");
        }

        @Override
        public boolean allowsFunctions() {
            return false;
        }
    };
}
