package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the constant expressions Terraform allows where there is no evaluation context, such as the default
 * of an {@code optional(...)} attribute: literals, templates, tuples, objects and operators, but no references
 * and no function calls.
 */
public final class Constants {
    private Constants() {
    }

    public static Value evaluate(Expression e) throws EvalException {
        if (e instanceof Expression.NumberLiteral n) {
            return Convert.num(n.value());
        } else if (e instanceof Expression.BoolLiteral b) {
            return new Value.Bool(b.value());
        } else if (e instanceof Expression.NullLiteral) {
            return Value.Values.NULL;
        } else if (e instanceof Expression.Parenthesized p) {
            return evaluate(p.inner());
        } else if (e instanceof Expression.Template t) {
            return template(t);
        } else if (e instanceof Expression.Tuple t) {
            List<Value> items = new ArrayList<>();
            for (Expression element : t.elements()) {
                items.add(evaluate(element));
            }
            return Value.Values.tuple(items);
        } else if (e instanceof Expression.ObjectCons o) {
            Map<String, Value> fields = Value.Values.fields();
            for (Expression.ObjectItem item : o.items()) {
                Optional<String> literal = item.key().literalName();
                String key = literal.isPresent() ? literal.get()
                        : Convert.string(evaluate(item.key().expression()), "key");
                fields.put(key, evaluate(item.value()));
            }
            return Value.Values.object(fields);
        } else if (e instanceof Expression.UnaryOp u) {
            return Operations.unary(u.operator(), evaluate(u.operand()));
        } else if (e instanceof Expression.BinaryOp b) {
            return Operations.binary(b.operator(), evaluate(b.left()), evaluate(b.right()));
        } else if (e instanceof Expression.Conditional c) {
            Optional<Boolean> cond = Operations.truth(evaluate(c.condition()));
            if (cond.isEmpty()) {
                throw new EvalException("Variables not allowed: Variables may not be used here.");
            }
            return evaluate(cond.get() ? c.whenTrue() : c.whenFalse());
        } else if (e instanceof Expression.FunctionCall) {
            throw new EvalException("Function calls not allowed: Functions may not be called here.");
        }
        throw new EvalException("Variables not allowed: Variables may not be used here.");
    }

    private static Value template(Expression.Template t) throws EvalException {
        if (t.isSingleInterpolation()) {
            return evaluate(((TemplatePart.Interpolation) t.parts().get(0)).expression());
        }
        StringBuilder out = new StringBuilder();
        for (TemplatePart part : t.parts()) {
            if (part instanceof TemplatePart.Literal l) {
                out.append(l.text());
            } else if (part instanceof TemplatePart.Interpolation i) {
                out.append(((Value.Str) Operations.templateString(evaluate(i.expression()))).value());
            } else {
                throw new EvalException("Unsupported template directive: only literal text and interpolations "
                        + "are allowed in a constant.");
            }
        }
        return new Value.Str(out.toString());
    }
}
