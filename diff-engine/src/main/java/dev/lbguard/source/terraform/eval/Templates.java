package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * String templates: literal text, interpolations and the {@code %{if}} and {@code %{for}} directives, rendered
 * to one string. Static, taking the evaluator, because templates are evaluated in the evaluator's hot path and
 * need no state of their own.
 */
final class Templates {
    private Templates() {
    }

    static Value evaluate(ExprEvaluator evaluator, Expression.Template t, Scope s) throws EvalException {
        if (t.isSingleInterpolation()) {
            return evaluator.eval(((TemplatePart.Interpolation) t.parts().get(0)).expression(), s);
        }
        StringBuilder out = new StringBuilder();
        List<Value> unknowns = new ArrayList<>();
        render(evaluator, t.parts(), s, out, unknowns);
        if (!unknowns.isEmpty()) {
            return ValueOps.explain(Value.Unknown.unevaluable("template with an unknown part"), unknowns);
        }
        return new Value.Str(out.toString());
    }

    private static void render(ExprEvaluator evaluator, List<TemplatePart> parts, Scope s, StringBuilder out,
                               List<Value> unknowns) throws EvalException {
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Literal l) {
                out.append(l.text());
            } else if (part instanceof TemplatePart.Interpolation i) {
                Value v = evaluator.eval(i.expression(), s);
                Value text = v instanceof Value.Unknown ? v : Operations.templateString(v);
                if (text instanceof Value.Str str) {
                    out.append(str.value());
                } else {
                    unknowns.add(text);
                }
            } else if (part instanceof TemplatePart.If f) {
                Value c = evaluator.eval(f.condition(), s);
                Optional<Boolean> truth = c instanceof Value.Unknown ? Optional.empty() : Operations.truth(c);
                if (truth.isEmpty()) {
                    unknowns.add(c);
                } else {
                    render(evaluator, truth.get() ? f.whenTrue() : f.whenFalse(), s, out, unknowns);
                }
            } else if (part instanceof TemplatePart.For f) {
                Value coll = evaluator.eval(f.collection(), s);
                if (coll instanceof Value.Unknown) {
                    unknowns.add(coll);
                    continue;
                }
                for (Map.Entry<Value, Value> el : ValueOps.elements(coll, "template for")) {
                    Scope inner = s.with(f.valueVariable(), el.getValue());
                    if (f.keyVariable().isPresent()) {
                        inner = inner.with(f.keyVariable().get(), el.getKey());
                    }
                    render(evaluator, f.body(), inner, out, unknowns);
                }
            }
        }
    }
}
