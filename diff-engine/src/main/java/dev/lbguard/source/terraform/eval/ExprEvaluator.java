package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates HCL expressions with Terraform's semantics. An error becomes an error diagnostic at the
 * innermost failing expression and an unknown value there, except inside {@code try()} and {@code can()},
 * where it travels up to them. One evaluator serves one top-level evaluation; lazily evaluated objects
 * (locals, other resources) get their own, so that a {@code try()} here never swallows their errors.
 */
public final class ExprEvaluator {
    private final EvalState state;
    private int tryDepth;
    // The first not wholly known value a reference resolved to since the innermost try() began: Terraform's
    // try() and can() return an unknown for an argument that depends on one, whatever its own outcome.
    private Optional<Value.Unknown> referencedUnknown = Optional.empty();

    public ExprEvaluator(EvalState state) {
        this.state = state;
    }

    EvalState state() {
        return state;
    }

    /** Evaluates where no {@code try()} is pending: never throws, failures are diagnostics and unknowns. */
    public Value value(Expression e, Scope s) {
        try {
            return eval(e, s);
        } catch (EvalException ex) {
            return state.fail("tf-eval", ex.getMessage(), e.range());
        }
    }

    Value eval(Expression e, Scope s) throws EvalException {
        try {
            return evalNode(e, s);
        } catch (EvalException ex) {
            if (tryDepth > 0) {
                throw ex;
            }
            return state.fail("tf-eval", ex.getMessage(), e.range());
        } catch (RuntimeException ex) {
            if (tryDepth > 0) {
                throw new EvalException("internal error: " + ex);
            }
            return state.fail("tf-internal", "internal error evaluating this expression: " + ex, e.range());
        }
    }

    private Value evalNode(Expression e, Scope s) throws EvalException {
        if (e instanceof Expression.NumberLiteral n) {
            return new Value.Num(n.value());
        } else if (e instanceof Expression.BoolLiteral b) {
            return new Value.Bool(b.value());
        } else if (e instanceof Expression.NullLiteral) {
            return Value.Values.NULL;
        } else if (e instanceof Expression.Template t) {
            return Templates.evaluate(this, t, s);
        } else if (e instanceof Expression.Variable || e instanceof Expression.GetAttr
                || e instanceof Expression.Index) {
            return traversal(e, s);
        } else if (e instanceof Expression.Splat sp) {
            return splat(sp, s);
        } else if (e instanceof Expression.SplatItem) {
            if (s.splatItems().isEmpty()) {
                throw new EvalException("splat placeholder outside a splat");
            }
            return s.splatItems().get(s.splatItems().size() - 1);
        } else if (e instanceof Expression.FunctionCall f) {
            return new FunctionCalls(this).call(f, s);
        } else if (e instanceof Expression.Conditional c) {
            return conditional(c, s);
        } else if (e instanceof Expression.BinaryOp b) {
            Value l = eval(b.left(), s);
            if (decides(b.operator(), l)) {
                // HCL 2.23 (Terraform 1.11) short-circuits: the right operand's evaluation errors do not count.
                attempt(b.right(), s);
                return l;
            }
            Value r = eval(b.right(), s);
            return ValueOps.computed(Operations.binary(b.operator(), l, r), List.of(l, r));
        } else if (e instanceof Expression.UnaryOp u) {
            Value v = eval(u.operand(), s);
            return ValueOps.computed(Operations.unary(u.operator(), v), List.of(v));
        } else if (e instanceof Expression.Tuple t) {
            List<Value> items = new ArrayList<>();
            for (Expression item : t.elements()) {
                items.add(eval(item, s));
            }
            return Value.Values.tuple(items);
        } else if (e instanceof Expression.ObjectCons o) {
            return object(o, s);
        } else if (e instanceof Expression.For f) {
            return new ForExpressions(this).evaluate(f, s);
        } else if (e instanceof Expression.Parenthesized p) {
            return eval(p.inner(), s);
        }
        throw new EvalException("unsupported expression " + e.getClass().getSimpleName());
    }

    private static boolean decides(Expression.Operator op, Value left) {
        return left instanceof Value.Bool b
                && (op == Expression.Operator.AND && !b.value() || op == Expression.Operator.OR && b.value());
    }

    private Value traversal(Expression e, Scope s) throws EvalException {
        List<Refs.Step> steps = new ArrayList<>();
        Expression cur = e;
        while (true) {
            if (cur instanceof Expression.GetAttr g) {
                steps.add(0, new Refs.Step.Attr(g.name(), g.range()));
                cur = g.source();
            } else if (cur instanceof Expression.Index i) {
                steps.add(0, new Refs.Step.Key(i.key(), i.range()));
                cur = i.source();
            } else {
                break;
            }
        }
        Value base;
        int consumed = 0;
        boolean reference = false;
        if (cur instanceof Expression.Variable v && s.names().containsKey(v.name())) {
            base = s.names().get(v.name());
        } else if (cur instanceof Expression.Variable v) {
            Refs.Resolved r = s.refs().resolve(v, steps, this, s);
            base = r.value();
            consumed = r.consumed();
            reference = true;
        } else {
            base = eval(cur, s);
        }
        Value result = applySteps(base, steps.subList(consumed, steps.size()), s);
        if (reference && referencedUnknown.isEmpty()) {
            referencedUnknown = ValueOps.firstUnknown(List.of(result));
        }
        return result;
    }

    /** Applies {@code .name} and {@code [key]} steps. */
    Value applySteps(Value base, List<Refs.Step> steps, Scope s) throws EvalException {
        Value cur = base;
        for (Refs.Step step : steps) {
            // Operations refines a known-after-apply reference step by step (aws_lb.x.access_logs[0].bucket).
            if (step instanceof Refs.Step.Attr a) {
                cur = getAttr(cur, a.name());
            } else if (step instanceof Refs.Step.Key k) {
                Value key = eval(k.key(), s);
                Value before = cur;
                cur = ValueOps.explain(Operations.index(before, key), List.of(before, key));
            }
        }
        return cur;
    }

    /** {@code .name}; on a resource object, an attribute not set in configuration is known only after apply. */
    Value getAttr(Value from, String name) throws EvalException {
        if (from instanceof Value.Obj o && !o.fields().containsKey(name)) {
            Optional<String> address = state.resourceAddress(o);
            if (address.isPresent()) {
                return Value.Unknown.reference(address.get(), name);
            }
        }
        return ValueOps.explain(Operations.getAttr(from, name), List.of(from));
    }

    private Value splat(Expression.Splat sp, Scope s) throws EvalException {
        Value source = eval(sp.source(), s);
        if (source instanceof Value.Unknown u) {
            return ValueOps.derived(u);
        }
        if (source instanceof Value.Null) {
            return Value.Values.tuple(List.of());
        }
        List<Value> items;
        Value.Seq.Kind kind;
        if (source instanceof Value.Seq seq) {
            items = seq.items();
            kind = seq.kind() == Value.Seq.Kind.TUPLE ? Value.Seq.Kind.TUPLE : Value.Seq.Kind.LIST;
        } else {
            // HCL applies a splat to a single non-sequence value as to a one-element tuple.
            items = List.of(source);
            kind = Value.Seq.Kind.TUPLE;
        }
        List<Value> out = new ArrayList<>();
        for (Value item : items) {
            out.add(eval(sp.each(), s.withSplatItem(item)));
        }
        return new Value.Seq(kind, out);
    }

    private Value conditional(Expression.Conditional c, Scope s) throws EvalException {
        Value cond = eval(c.condition(), s);
        if (cond instanceof Value.Unknown u) {
            return unknownCondition(u, c, s);
        }
        if (cond instanceof Value.Null) {
            throw new EvalException("the condition is null");
        }
        Optional<Boolean> truth = Operations.truth(cond);
        if (truth.isEmpty()) {
            return ValueOps.explain(Value.Unknown.unevaluable("condition not known"), List.of(cond));
        }
        Value taken = eval(truth.get() ? c.whenTrue() : c.whenFalse(), s);
        // HCL gives both branches one type, so "true ? 1 : "a"" is the string "1". The other branch is
        // evaluated only for its type: its errors do not count.
        Attempt other = attempt(truth.get() ? c.whenFalse() : c.whenTrue(), s);
        if (other.value().isPresent() && other.value().get() instanceof Value.Str
                && (taken instanceof Value.Num || taken instanceof Value.Bool)) {
            return Operations.templateString(taken);
        }
        return taken;
    }

    /**
     * {@code c ? a : b} with {@code c} unknown: Terraform plans an unknown, or null when both results are null. When
     * both results are the same apply-stable value (the same reference), that is the result whichever way the
     * condition goes; otherwise the result is known only after apply, computed from the condition.
     */
    private Value unknownCondition(Value.Unknown condition, Expression.Conditional c, Scope s) {
        Attempt whenTrue = attempt(c.whenTrue(), s);
        Attempt whenFalse = attempt(c.whenFalse(), s);
        if (whenTrue.value().isPresent() && whenFalse.value().isPresent()) {
            Value t = whenTrue.value().get();
            Value f = whenFalse.value().get();
            if (t instanceof Value.Null && f instanceof Value.Null) {
                return t;
            }
            if (t.equals(f) && !ValueOps.whollyKnown(t)
                    && ValueOps.applyStable(t, o -> state.resourceAddress(o).isPresent())) {
                return t;
            }
        }
        return ValueOps.derived(condition);
    }

    private Value object(Expression.ObjectCons o, Scope s) throws EvalException {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Expression.ObjectItem item : o.items()) {
            String key;
            if (item.key().literalName().isPresent()) {
                key = item.key().literalName().get();
            } else {
                Value k = eval(item.key().expression(), s);
                if (k instanceof Value.Unknown u) {
                    return ValueOps.derived(u);
                }
                key = ValueOps.keyString(k, "an object key");
            }
            fields.put(key, eval(item.value(), s));
        }
        return Value.Obj.object(fields);
    }

    /** Runs {@code body} as one argument of {@code try()}/{@code can()}: errors propagate instead of reporting. */
    Attempt attempt(Expression arg, Scope s) {
        Optional<Value.Unknown> outer = referencedUnknown;
        referencedUnknown = Optional.empty();
        tryDepth++;
        try {
            Value v = eval(arg, s);
            return new Attempt(Optional.of(v), Optional.empty(), referencedUnknown);
        } catch (EvalException ex) {
            return new Attempt(Optional.empty(), Optional.of(ex.getMessage()), referencedUnknown);
        } finally {
            tryDepth--;
            Optional<Value.Unknown> inner = referencedUnknown;
            referencedUnknown = outer.isPresent() ? outer : inner;
        }
    }

    /** The outcome of one {@code try()} argument: its value or error, and any unknown it depended on. */
    record Attempt(Optional<Value> value, Optional<String> error, Optional<Value.Unknown> dependsOnUnknown) {
    }

    boolean insideTry() {
        return tryDepth > 0;
    }
}
