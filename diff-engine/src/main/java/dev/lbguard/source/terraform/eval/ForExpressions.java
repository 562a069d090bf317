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

/** {@code [for ...]} and {@code {for ...}} expressions, with {@code if} filters and {@code ...} grouping. */
final class ForExpressions {
    private final ExprEvaluator evaluator;

    ForExpressions(ExprEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    Value evaluate(Expression.For f, Scope s) throws EvalException {
        Value collection = evaluator.eval(f.collection(), s);
        if (collection instanceof Value.Unknown u) {
            return ValueOps.derived(u);
        }
        List<Value> tuple = new ArrayList<>();
        Map<String, Value> object = new LinkedHashMap<>();
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> el : ValueOps.elements(collection, "a for expression")) {
            Scope inner = s.with(f.valueVariable(), el.getValue());
            if (f.keyVariable().isPresent()) {
                inner = inner.with(f.keyVariable().get(), el.getKey());
            }
            if (f.condition().isPresent()) {
                Value c = evaluator.eval(f.condition().get(), inner);
                if (c instanceof Value.Unknown u) {
                    return ValueOps.derived(u);
                }
                if (c instanceof Value.Null) {
                    throw new EvalException("the for expression's if condition is null");
                }
                Optional<Boolean> keep = Operations.truth(c);
                if (keep.isEmpty()) {
                    return ValueOps.explain(Value.Unknown.unevaluable("for condition not known"), List.of(c));
                }
                if (!keep.get()) {
                    continue;
                }
            }
            if (f.keyResult().isEmpty()) {
                tuple.add(evaluator.eval(f.valueResult(), inner));
                continue;
            }
            Value k = evaluator.eval(f.keyResult().get(), inner);
            if (k instanceof Value.Unknown u) {
                return ValueOps.derived(u);
            }
            String key = ValueOps.keyString(k, "a for expression key");
            Value v = evaluator.eval(f.valueResult(), inner);
            if (f.grouping()) {
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(v);
            } else if (object.containsKey(key)) {
                throw new EvalException("duplicate key \"" + key
                        + "\" in a for expression; add ... after the value to group values by key");
            } else {
                object.put(key, v);
            }
        }
        if (f.keyResult().isEmpty()) {
            return Value.Values.tuple(tuple);
        }
        if (f.grouping()) {
            groups.forEach((k, vs) -> object.put(k, Value.Values.tuple(vs)));
        }
        return Value.Obj.object(object);
    }
}
