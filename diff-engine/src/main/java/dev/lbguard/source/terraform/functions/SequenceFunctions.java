package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueEquality;
import dev.lbguard.source.value.ValueOps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The list and tuple functions: concat, element, slice, flatten, sort, range and the like. */
final class SequenceFunctions {
    private static final int RANGE_LIMIT = 1024;

    private SequenceFunctions() {
    }

    static void register(Functions.Registry r) {
        r.lenient("concat", 1, VARIADIC, SequenceFunctions::concat);
        r.lenient("contains", 2, 2, SequenceFunctions::contains);
        // Lenient: elements holding references to attributes known after apply are kept where equality is certain
        // all the same (ValueEquality), as distinct() of target group ARNs in public code needs.
        r.lenient("distinct", 1, 1, args -> {
            if (args.get(0) instanceof Value.Unknown) {
                return args.get(0);
            }
            List<Value> out = new ArrayList<>();
            for (Value v : Convert.sequence(args.get(0), "list")) {
                boolean seen = false;
                for (Value o : out) {
                    Optional<Boolean> same = ValueEquality.equal(o, v);
                    if (same.isEmpty()) {
                        return Convert.unknownOf(args);
                    }
                    seen |= same.get();
                }
                if (!seen) {
                    out.add(v);
                }
            }
            return Value.Values.list(out);
        });
        r.lenient("flatten", 1, 1, args -> {
            if (args.get(0) instanceof Value.Unknown) {
                return args.get(0);
            }
            List<Value> out = new ArrayList<>();
            Optional<Value> unknown = flatten(Convert.sequence(args.get(0), "list"), out);
            return unknown.isPresent() ? unknown.get() : Value.Values.tuple(out);
        });
        r.lenient("element", 2, 2, SequenceFunctions::element);
        r.strict("index", 2, 2, args -> {
            List<Value> items = Convert.sequence(args.get(0), "list");
            for (int i = 0; i < items.size(); i++) {
                if (ValueEquality.equal(items.get(i), args.get(1)).orElse(false)) {
                    return Value.Num.of(i);
                }
            }
            throw new EvalException("item not found");
        });
        r.lenient("slice", 3, 3, SequenceFunctions::slice);
        r.strict("range", 1, 3, SequenceFunctions::range);
        r.lenient("reverse", 1, 1, args -> {
            if (args.get(0) instanceof Value.Unknown) {
                return args.get(0);
            }
            Value.Seq seq = sequence(args.get(0), "list");
            List<Value> out = new ArrayList<>(seq.items());
            java.util.Collections.reverse(out);
            return new Value.Seq(seq.kind(), out);
        });
        r.strict("sort", 1, 1, args -> {
            List<Value> out = new ArrayList<>();
            for (Value v : Convert.sequence(args.get(0), "list")) {
                if (v instanceof Value.Null) {
                    throw new EvalException("given list element " + out.size() + " is null; a null string cannot "
                            + "be sorted");
                }
                out.add(new Value.Str(Convert.string(v, "list")));
            }
            out.sort(Comparator.comparing(v -> ((Value.Str) v).value()));
            return Value.Values.list(out);
        });
        r.strict("compact", 1, 1, args -> {
            List<Value> out = new ArrayList<>();
            for (Value v : Convert.sequence(args.get(0), "list")) {
                if (!(v instanceof Value.Null) && !Convert.string(v, "list").isEmpty()) {
                    out.add(new Value.Str(Convert.string(v, "list")));
                }
            }
            return Value.Values.list(out);
        });
        r.lenient("chunklist", 2, 2, args -> {
            if (args.get(0) instanceof Value.Unknown || args.get(1) instanceof Value.Unknown) {
                return Convert.unknownOf(args);
            }
            List<Value> items = Convert.sequence(args.get(0), "list");
            int size = Convert.integer(args.get(1), "size");
            if (size < 0) {
                throw new EvalException("the size argument must be positive");
            }
            List<Value> out = new ArrayList<>();
            if (size == 0) {
                return Value.Values.list(List.of(Value.Values.list(items)));
            }
            for (int i = 0; i < items.size(); i += size) {
                out.add(Value.Values.list(items.subList(i, Math.min(items.size(), i + size))));
            }
            return Value.Values.list(out);
        });
        r.strict("matchkeys", 3, 3, args -> {
            List<Value> values = Convert.sequence(args.get(0), "values");
            List<Value> keys = Convert.sequence(args.get(1), "keys");
            List<Value> search = Convert.sequence(args.get(2), "searchset");
            if (values.size() != keys.size()) {
                throw new EvalException("length of keys and values should be equal");
            }
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Value key = keys.get(i);
                if (search.stream().anyMatch(s -> ValueEquality.equal(s, key).orElse(false))) {
                    out.add(values.get(i));
                }
            }
            return Value.Values.list(out);
        });
    }

    private static Value.Seq sequence(Value v, String param) throws EvalException {
        Convert.sequence(v, param);
        Value.Seq seq = (Value.Seq) v;
        if (seq.kind() == Value.Seq.Kind.SET) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: a list or tuple is required, "
                    + "but have a set, whose elements have no order.");
        }
        return seq;
    }

    private static Value concat(List<Value> args) throws EvalException {
        List<Value> out = new ArrayList<>();
        boolean allLists = true;
        for (Value v : args) {
            if (v instanceof Value.Unknown) {
                return Convert.unknownOf(args.stream().filter(a -> a instanceof Value.Unknown).toList());
            }
        }
        for (Value v : args) {
            if (!(v instanceof Value.Seq seq) || seq.kind() == Value.Seq.Kind.SET) {
                throw new EvalException("Invalid value for \"seqs\" parameter: all arguments must be lists or "
                        + "tuples; got " + Convert.typeName(v) + ".");
            }
            allLists &= seq.kind() == Value.Seq.Kind.LIST;
            out.addAll(seq.items());
        }
        return allLists ? Value.Values.list(out) : Value.Values.tuple(out);
    }

    private static Value contains(List<Value> args) throws EvalException {
        if (args.get(0) instanceof Value.Unknown) {
            return Convert.unknownOf(args);
        }
        List<Value> items = Convert.sequence(args.get(0), "list");
        boolean unknown = false;
        for (Value item : items) {
            Optional<Boolean> eq = ValueEquality.equal(item, args.get(1));
            if (eq.isEmpty()) {
                unknown = true;
            } else if (eq.get()) {
                return Value.Values.TRUE;
            }
        }
        return unknown ? Convert.unknownOf(args) : Value.Values.FALSE;
    }

    /** Flattens nested lists, tuples and sets; an unknown element might be a list, so it makes all unknown. */
    private static Optional<Value> flatten(List<Value> items, List<Value> out) {
        for (Value item : items) {
            if (item instanceof Value.Unknown) {
                return Optional.of(item);
            }
            if (item instanceof Value.Seq seq) {
                Optional<Value> unknown = flatten(seq.items(), out);
                if (unknown.isPresent()) {
                    return unknown;
                }
            } else {
                out.add(item);
            }
        }
        return Optional.empty();
    }

    private static Value element(List<Value> args) throws EvalException {
        if (args.get(0) instanceof Value.Unknown || args.get(1) instanceof Value.Unknown) {
            // Which element is chosen is not known yet: the result is computed from the unknowns, none of them.
            return ValueOps.derived(Convert.unknownOf(args));
        }
        Value.Seq seq = sequence(args.get(0), "list");
        int index = Convert.integer(args.get(1), "index");
        if (index < 0) {
            throw new EvalException("cannot use element function with a negative index");
        }
        if (seq.items().isEmpty()) {
            throw new EvalException("cannot use element function with an empty list");
        }
        return seq.items().get(index % seq.items().size());
    }

    private static Value slice(List<Value> args) throws EvalException {
        if (args.stream().anyMatch(a -> a instanceof Value.Unknown)) {
            return Convert.unknownOf(args);
        }
        Value.Seq seq = sequence(args.get(0), "list");
        int start = Convert.integer(args.get(1), "start_index");
        int end = Convert.integer(args.get(2), "end_index");
        if (start < 0) {
            throw new EvalException("Invalid value for \"start_index\" parameter: the starting index must not be "
                    + "negative.");
        }
        if (end > seq.items().size()) {
            throw new EvalException("Invalid value for \"end_index\" parameter: the ending index must not be "
                    + "greater than the length of the list.");
        }
        if (start > end) {
            throw new EvalException("Invalid value for \"start_index\" parameter: the starting index must not be "
                    + "greater than the ending index.");
        }
        return new Value.Seq(seq.kind(), seq.items().subList(start, end));
    }

    private static Value range(List<Value> args) throws EvalException {
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal limit;
        if (args.size() == 1) {
            limit = Convert.number(args.get(0), "params");
        } else {
            start = Convert.number(args.get(0), "params");
            limit = Convert.number(args.get(1), "params");
        }
        BigDecimal step = args.size() == 3 ? Convert.number(args.get(2), "params")
                : BigDecimal.valueOf(start.compareTo(limit) > 0 ? -1 : 1);
        if (step.signum() == 0) {
            throw new EvalException("step must not be zero");
        }
        boolean down = step.signum() < 0;
        List<Value> out = new ArrayList<>();
        for (BigDecimal v = start; down ? v.compareTo(limit) > 0 : v.compareTo(limit) < 0; v = v.add(step)) {
            if (out.size() >= RANGE_LIMIT) {
                throw new EvalException("more than " + RANGE_LIMIT + " values were generated; either decrease the "
                        + "difference between start and end or use a smaller step");
            }
            out.add(Convert.num(v));
        }
        return Value.Values.list(out);
    }
}
