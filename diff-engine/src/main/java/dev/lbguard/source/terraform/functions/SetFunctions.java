package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConversion;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueEquality;
import java.util.ArrayList;
import java.util.List;

/** {@code setunion}, {@code setintersection}, {@code setsubtract} and {@code setproduct}; lists count as sets. */
final class SetFunctions {
    private SetFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("setunion", 1, VARIADIC, args -> {
            List<Value> all = new ArrayList<>();
            for (Value v : args) {
                all.addAll(Convert.sequence(v, "sets"));
            }
            return Value.Values.set(TypeConversion.unify(all, "", "sets", "set"));
        });
        r.strict("setintersection", 1, VARIADIC, args -> {
            List<Value> out = new ArrayList<>(Convert.sequence(args.get(0), "first_set"));
            for (Value v : args.subList(1, args.size())) {
                List<Value> other = Convert.sequence(v, "other_sets");
                out.removeIf(x -> other.stream().noneMatch(y -> ValueEquality.equal(x, y).orElse(false)));
            }
            return Value.Values.set(out);
        });
        r.strict("setsubtract", 2, 2, args -> {
            List<Value> out = new ArrayList<>(Convert.sequence(args.get(0), "a"));
            List<Value> other = Convert.sequence(args.get(1), "b");
            out.removeIf(x -> other.stream().anyMatch(y -> ValueEquality.equal(x, y).orElse(false)));
            return Value.Values.set(out);
        });
        r.strict("setproduct", 1, VARIADIC, args -> {
            List<List<Value>> rows = new ArrayList<>();
            rows.add(List.of());
            boolean anySet = false;
            long size = 1;
            for (Value v : args) {
                size *= Convert.sequence(v, "sets").size();
                if (size > Functions.MAX_ELEMENTS) {
                    throw new EvalException("the product would have more than " + Functions.MAX_ELEMENTS
                            + " elements, more than lbguard builds");
                }
            }
            for (Value v : args) {
                anySet |= v instanceof Value.Seq s && s.kind() == Value.Seq.Kind.SET;
                List<List<Value>> next = new ArrayList<>();
                for (List<Value> row : rows) {
                    for (Value item : Convert.sequence(v, "sets")) {
                        List<Value> extended = new ArrayList<>(row);
                        extended.add(item);
                        next.add(extended);
                    }
                }
                rows = next;
            }
            List<Value> out = new ArrayList<>();
            rows.forEach(row -> out.add(Value.Values.list(row)));
            return anySet ? Value.Values.set(out) : Value.Values.list(out);
        });
    }
}
