package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.terraform.functions.Functions;
import dev.lbguard.source.terraform.functions.TfFunction;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
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
        // The file functions read this evaluation's tree, so they are bound to it here, not in the library.
        Optional<TfFunction> function = s.refs().function(f, evaluator, s).or(() -> FileFunctions.NAMES.contains(f.name())
                ? Optional.of(new FileFunctions(evaluator, f.range(), s).function(f.name()))
                : Functions.lookup(f.name()));
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
        Value called = function.get().call(args);
        if (f.name().equals("sensitive") && args.size() == 1) {
            // The value stays as it is for routing; reports hide it wherever it appears.
            state.sensitive(args.get(0));
        }
        Value result = ValueOps.explain(called, args);
        if (ValueOps.isSelection(result)) {
            // lower(aws_lb.x.arn) is known after apply but is not that arn; element([a.arn, b.arn], 0) is. Only a
            // function that picks one of its arguments, or an element of one, can give an attribute itself: any
            // other merely depends on the unknowns in its arguments (join(",", [a.arn]) is not a.arn).
            Value.Unknown u = (Value.Unknown) result;
            boolean selected = SELECTING.contains(f.name())
                    && args.stream().anyMatch(a -> a.equals(u) || ValueOps.containsInside(a, u));
            return selected || keepsIdentifier(f.name(), args, u) ? u : ValueOps.derived(u);
        }
        return result;
    }

    /**
     * Functions that return one of their arguments, or an element of one, unchanged. Each decides in the library
     * what it returns when the choice itself is not known yet (an unknown index or key): then it returns a value
     * computed from the unknowns, never one of the elements.
     */
    private static final java.util.Set<String> SELECTING = java.util.Set.of("coalesce", "coalescelist", "element",
            "lookup", "one", "sensitive", "nonsensitive", "tostring", "tonumber", "tobool");

    /**
     * {@code trimspace(aws_lb_listener.x.arn)} is that ARN: a provider's identifiers (an ARN, an id) never begin or
     * end with white space or a line end, so trimming one leaves it as it is (modules trim ARNs given as variables,
     * and the same expression then trims a reference).
     */
    private static boolean keepsIdentifier(String function, List<Value> args, Value.Unknown u) {
        String a = u.attribute();
        return (function.equals("trimspace") || function.equals("chomp")) && args.size() == 1 && args.get(0).equals(u)
                && (a.equals("arn") || a.equals("id") || a.endsWith("_arn") || a.endsWith("_id"));
    }

    /**
     * {@code try()}: the first argument that evaluates without an error. Terraform returns an unknown as soon as an
     * argument depends on one (it cannot tell yet whether that argument fails), and lbguard does too, except where
     * the argument's value is apply-stable (see {@link ValueOps#applyStable}): then it is what the argument gives
     * after apply, and so what {@code try()} gives. That keeps
     * {@code try(each.value.listener_arn, aws_lb_listener.this[each.value.listener_key].arn)} the listener's ARN.
     */
    private Value tryCall(Expression.FunctionCall f, Scope s) throws EvalException {
        if (f.arguments().isEmpty()) {
            throw new EvalException("try needs at least one argument");
        }
        List<String> errors = new ArrayList<>();
        for (Expression arg : f.arguments()) {
            ExprEvaluator.Attempt a = evaluator.attempt(arg, s);
            if (a.value().isPresent()) {
                Value v = a.value().get();
                if (!ValueOps.whollyKnown(v)
                        && ValueOps.applyStable(v, o -> evaluator.state().resourceAddress(o).isPresent())) {
                    return v;
                }
                Optional<Value.Unknown> unknown = a.dependsOnUnknown().or(() -> ValueOps.firstUnknown(List.of(v)));
                return unknown.<Value>map(ValueOps::derived).orElse(v);
            }
            if (a.dependsOnUnknown().isPresent()) {
                // Terraform cannot tell yet whether this argument fails, so the whole try() is unknown.
                return ValueOps.derived(a.dependsOnUnknown().get());
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
