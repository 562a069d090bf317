package dev.lbguard.source.terraform;

import dev.lbguard.source.terraform.functions.Functions;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors for values in tests, and a way to call a function by name. */
public final class V {
    private V() {
    }

    public static Value s(String s) {
        return new Value.Str(s);
    }

    public static Value n(long n) {
        return Value.Num.of(n);
    }

    public static Value n(String decimal) {
        return new Value.Num(new BigDecimal(decimal));
    }

    public static Value b(boolean b) {
        return new Value.Bool(b);
    }

    public static Value nul() {
        return Value.Values.NULL;
    }

    public static Value list(Value... items) {
        return Value.Values.list(Arrays.asList(items));
    }

    public static Value tuple(Value... items) {
        return Value.Values.tuple(Arrays.asList(items));
    }

    public static Value set(Value... items) {
        return Value.Values.set(Arrays.asList(items));
    }

    public static Value strings(String... items) {
        return Value.Values.list(Arrays.stream(items).map(V::s).toList());
    }

    /** An object from alternating keys and values. */
    public static Value obj(Object... kv) {
        return Value.Obj.object(fields(kv));
    }

    public static Value map(Object... kv) {
        return Value.Obj.map(fields(kv));
    }

    private static Map<String, Value> fields(Object... kv) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], (Value) kv[i + 1]);
        }
        return out;
    }

    public static Value.Unknown ref(String ref, String attribute) {
        return Value.Unknown.reference(ref, attribute);
    }

    public static Value call(String name, Value... args) throws EvalException {
        return Functions.lookup(name).orElseThrow(() -> new AssertionError("no function " + name))
                .call(List.of(args));
    }
}
