package dev.lbguard.source.terraform;

import dev.lbguard.source.hcl.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Function calls: the library functions through {@code Functions}, and {@code try}/{@code can}, which need
 * their arguments unevaluated and so live here.
 */
final class FunctionCalls {
    private final ExprEvaluator evaluator;

    FunctionCalls(ExprEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    Value call(Expression.FunctionCall f, Scope s) throws EvalException {
        EvalState state = evaluator.state();
        if (f.name().equals("try") || f.name().equals("can")) {
            if (!s.refs().allowsFunctions()) {
                throw new EvalException("functions may not be called here");
            }
            return f.name().equals("try") ? tryCall(f, s) : canCall(f, s);
        }
        Optional<TfFunction> function = Functions.lookup(f.name());
        if (function.isEmpty()) {
            // Terraform rejects an unknown function before evaluating anything, so not even try() hides it.
            return state.fail("tf-unknown-function", "unknown function " + f.name(), f.range());
        }
        if (!s.refs().allowsFunctions()) {
            throw new EvalException("functions may not be called here");
        }
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < f.arguments().size(); i++) {
            Value v = evaluator.eval(f.arguments().get(i), s);
            if (f.expandFinal() && i == f.arguments().size() - 1) {
                if (v instanceof Value.Unknown u) {
                    return ValueOps.derived(u);
                } else if (v instanceof Value.Seq seq) {
                    args.addAll(seq.items());
                } else {
                    throw new EvalException("the argument expanded with ... must be a list, set or tuple, not a "
                            + ValueOps.typeName(v));
                }
            } else {
                args.add(v);
            }
        }
        // The library frames its errors as Terraform does ("Call to function ... failed: ...").
        Value result = ValueOps.explain(function.get().call(args), args);
        if (result instanceof Value.Unknown u && u.isReference() && !u.attribute().isEmpty()) {
            // lower(aws_lb.x.arn) is known after apply but is not that arn; element([a.arn, b.arn], 0) is.
            boolean selected = args.stream().anyMatch(a -> ValueOps.containsInside(a, u))
                    || PASS_THROUGH.contains(f.name()) && args.contains(u);
            return selected ? u : ValueOps.derived(u);
        }
        return result;
    }

    /** Functions that return one of their arguments unchanged. */
    private static final java.util.Set<String> PASS_THROUGH = java.util.Set.of("coalesce", "sensitive",
            "nonsensitive", "tostring", "tonumber", "tobool", "one");

    private Value tryCall(Expression.FunctionCall f, Scope s) throws EvalException {
        if (f.arguments().isEmpty()) {
            throw new EvalException("try needs at least one argument");
        }
        List<String> errors = new ArrayList<>();
        for (Expression arg : f.arguments()) {
            ExprEvaluator.Attempt a = evaluator.attempt(arg, s);
            if (a.dependsOnUnknown().isPresent()) {
                // Terraform cannot tell yet whether this argument succeeds, so the whole try() is unknown.
                return ValueOps.derived(a.dependsOnUnknown().get());
            }
            if (a.value().isPresent()) {
                Optional<Value.Unknown> unknown = ValueOps.firstUnknown(List.of(a.value().get()));
                return unknown.<Value>map(ValueOps::derived).orElse(a.value().get());
            }
            errors.add(a.error().orElse("error"));
        }
        throw new EvalException("no argument of try() could be evaluated: " + String.join("; ", errors));
    }

    private Value canCall(Expression.FunctionCall f, Scope s) throws EvalException {
        if (f.arguments().size() != 1) {
            throw new EvalException("can takes exactly one argument");
        }
        ExprEvaluator.Attempt a = evaluator.attempt(f.arguments().get(0), s);
        if (a.dependsOnUnknown().isPresent()) {
            return ValueOps.derived(a.dependsOnUnknown().get());
        }
        if (a.value().isPresent()) {
            Optional<Value.Unknown> unknown = ValueOps.firstUnknown(List.of(a.value().get()));
            return unknown.<Value>map(ValueOps::derived).orElse(Value.Values.TRUE);
        }
        return Value.Values.FALSE;
    }
}
