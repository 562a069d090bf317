package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.Limits;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.resources.References;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConstraint;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instances a {@code resource} or {@code module} block expands to under {@code count} or {@code for_each}.
 *
 * @param mode how the block expands, which decides the shape of references to it (object, tuple or map)
 * @param instances the instances in Terraform's order (index order, or lexical key order)
 * @param failure present when the expansion could not be evaluated; then there are no instances
 */
record Expansion(Mode mode, List<Instance> instances, Optional<Value.Unknown> failure) {

    enum Mode { SINGLE, COUNT, FOR_EACH }

    /**
     * One instance: its key ({@code Null}, a count index or a for_each key), the address suffix and the names
     * ({@code count}, {@code each}) its body sees.
     */
    record Instance(Value key, String suffix, Map<String, Value> names) {
    }

    /** Evaluates the {@code count} or {@code for_each} of {@code block} in {@code scope}. */
    static Expansion of(Block block, Scope scope, EvalState state, String what) {
        Optional<Attribute> count = block.body().attribute("count");
        Optional<Attribute> forEach = block.body().attribute("for_each");
        if (count.isPresent() && forEach.isPresent()) {
            return failed(Mode.COUNT, state.fail("tf-expansion",
                    what + " sets both count and for_each", count.get().range(), dev.lbguard.diagnostic.UnreadScope.address(what)));
        }
        if (count.isPresent()) {
            return count(count.get(), scope, state, what);
        }
        if (forEach.isPresent()) {
            return forEach(forEach.get(), scope, state, what);
        }
        return new Expansion(Mode.SINGLE, List.of(new Instance(Value.Values.NULL, "", Map.of())), Optional.empty());
    }

    private static Expansion failed(Mode mode, Value.Unknown why) {
        return new Expansion(mode, List.of(), Optional.of(why));
    }

    private static Expansion count(Attribute a, Scope scope, EvalState state, String what) {
        Value v = new ExprEvaluator(state).value(a.expression(), scope);
        if (v instanceof Value.Unknown u) {
            return failed(Mode.COUNT, unknownExpansion(u, a, state, what, "count"));
        }
        int n;
        try {
            // Terraform converts count to a number first, so count = "2" is fine.
            Value converted = new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.NUMBER).convert(v);
            if (!(converted instanceof Value.Num num)) {
                throw new ArithmeticException();
            }
            n = num.value().intValueExact();
            if (n < 0) {
                throw new ArithmeticException();
            }
        } catch (ArithmeticException | EvalException e) {
            return failed(Mode.COUNT, state.fail("tf-expansion",
                    "count of " + what + " must be a whole number >= 0, not " + describe(v), a.range(), dev.lbguard.diagnostic.UnreadScope.address(what)));
        }
        long most = state.limits().instances();
        if (n > most) {
            return failed(Mode.COUNT, state.fail("tf-expansion", "count of " + what + " is " + n + ", more instances "
                    + "than lbguard expands (" + most + "; " + Limits.raise(Limits.INSTANCES) + ")", a.range(),
                    dev.lbguard.diagnostic.UnreadScope.address(what)));
        }
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Value> count = new LinkedHashMap<>();
            count.put("index", Value.Num.of(i));
            out.add(new Instance(Value.Num.of(i), "[" + i + "]", Map.of("count", Value.Obj.object(count))));
        }
        return new Expansion(Mode.COUNT, out, Optional.empty());
    }

    private static Expansion forEach(Attribute a, Scope scope, EvalState state, String what) {
        Value v = new ExprEvaluator(state).value(a.expression(), scope);
        if (v instanceof Value.Unknown u) {
            return failed(Mode.FOR_EACH, unknownExpansion(u, a, state, what, "for_each"));
        }
        Map<String, Value> entries = new LinkedHashMap<>();
        if (v instanceof Value.Obj o) {
            entries.putAll(o.fields());
        } else if (v instanceof Value.Seq s && s.kind() == Value.Seq.Kind.SET) {
            for (Value item : s.items()) {
                if (item instanceof Value.Unknown u) {
                    return failed(Mode.FOR_EACH, unknownExpansion(u, a, state, what, "for_each"));
                }
                if (!(item instanceof Value.Str str)) {
                    return failed(Mode.FOR_EACH, state.fail("tf-expansion", "for_each of " + what
                            + " must be a map or a set of strings; this set holds a " + ValueOps.typeName(item),
                            a.range(), dev.lbguard.diagnostic.UnreadScope.address(what)));
                }
                entries.put(str.value(), item);
            }
        } else {
            String hint = v instanceof Value.Seq ? "; convert a list with toset()" : "";
            return failed(Mode.FOR_EACH, state.fail("tf-expansion", "for_each of " + what
                    + " must be a map or a set of strings, not a " + ValueOps.typeName(v) + hint, a.range(), dev.lbguard.diagnostic.UnreadScope.address(what)));
        }
        long most = state.limits().instances();
        if (entries.size() > most) {
            return failed(Mode.FOR_EACH, state.fail("tf-expansion", "for_each of " + what + " has " + entries.size()
                    + " keys, more instances than lbguard expands (" + most + "; " + Limits.raise(Limits.INSTANCES)
                    + ")", a.range(),
                    dev.lbguard.diagnostic.UnreadScope.address(what)));
        }
        List<Instance> out = new ArrayList<>();
        entries.keySet().stream().sorted().forEach(k -> {
            Map<String, Value> each = new LinkedHashMap<>();
            each.put("key", new Value.Str(k));
            each.put("value", entries.get(k));
            out.add(new Instance(new Value.Str(k), "[" + ResourceInstance.quote(k) + "]", Map.of("each", Value.Obj.object(each))));
        });
        return new Expansion(Mode.FOR_EACH, out, Optional.empty());
    }

    private static Value.Unknown unknownExpansion(Value.Unknown u, Attribute a, EvalState state, String what,
                                                  String arg) {
        if (!u.isReference()) {
            // The cause may be reported elsewhere, but not that it leaves the instances unknown.
            return state.fail("tf-expansion", "the instances of " + what + " are unknown: " + arg
                    + " could not be evaluated (" + u.reason() + ")", a.range(), dev.lbguard.diagnostic.UnreadScope.address(what));
        }
        if (References.isDataSource(u.ref())) {
            return state.fail("tf-expansion", "the instances of " + what + " are unknown: " + arg + " reads "
                    + u.ref() + (u.attribute().isEmpty() ? "" : "." + u.attribute())
                    + ", a data source Terraform reads at plan time and lbguard cannot", a.range(), dev.lbguard.diagnostic.UnreadScope.address(what));
        }
        // Terraform itself refuses to plan this ("Invalid count/for_each argument"), so the instances are unknown.
        return state.fail("tf-expansion", arg + " of " + what + " depends on " + u.ref()
                + " which is known only after apply; Terraform cannot plan it either", a.range(), dev.lbguard.diagnostic.UnreadScope.address(what));
    }

    private static String describe(Value v) {
        return v instanceof Value.Num n ? ValueOps.numberString(n) : "a " + ValueOps.typeName(v);
    }
}
