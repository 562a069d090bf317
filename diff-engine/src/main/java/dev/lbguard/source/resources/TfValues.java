package dev.lbguard.source.resources;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads typed pieces out of evaluated attribute values, in the shape of {@code terraform show -json}. */
public final class TfValues {
    private TfValues() {
    }

    /** The strings of a string set or list, and why some could not be evaluated (if any could not). */
    record Strings(List<String> known, Optional<String> unknown) {
    }

    public static Optional<String> str(Value v) {
        if (v instanceof Value.Str s) {
            return Optional.of(s.value());
        }
        if (v instanceof Value.Num n) {
            return Optional.of(Convert.numberToString(n.value()));
        }
        if (v instanceof Value.Bool b) {
            return Optional.of(Boolean.toString(b.value()));
        }
        return Optional.empty();
    }

    /** A whole number in int range, from a number or a numeric string (the API and Ansible write strings). */
    static Optional<Integer> integer(Value v) {
        try {
            BigDecimal d = v instanceof Value.Num n ? n.value()
                    : v instanceof Value.Str s ? new BigDecimal(s.value().trim()) : null;
            return d == null ? Optional.empty() : Optional.of(d.intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Boolean> bool(Value v) {
        if (v instanceof Value.Bool b) {
            return Optional.of(b.value());
        }
        if (v instanceof Value.Str s && (s.value().equals("true") || s.value().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(s.value()));
        }
        return Optional.empty();
    }

    static boolean isNull(Value v) {
        return v instanceof Value.Null;
    }

    static boolean isUnknown(Value v) {
        return v instanceof Value.Unknown;
    }

    /**
     * The objects of a nested block (a list of objects; absent is {@code []} or null). A bare object counts
     * as a one-element list; unknown elements are dropped here and reported by {@link #unknownIn}.
     */
    public static List<Value.Obj> blocks(Value v) {
        List<Value.Obj> out = new ArrayList<>();
        if (v instanceof Value.Obj o) {
            out.add(o);
        } else if (v instanceof Value.Seq seq) {
            for (Value item : seq.items()) {
                if (item instanceof Value.Obj o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** Why a nested block (or one of its elements) could not be evaluated, if so. */
    static Optional<String> unknownIn(Value v) {
        if (v instanceof Value.Unknown u) {
            return Optional.of(describe(u));
        }
        if (v instanceof Value.Seq seq) {
            // A loop, not a stream: every block of every rule of a snapshot passes here, nearly always known.
            for (Value item : seq.items()) {
                if (item instanceof Value.Unknown u) {
                    return Optional.of(describe(u));
                }
            }
        }
        return Optional.empty();
    }

    static Strings strings(Value v) {
        if (v instanceof Value.Unknown u) {
            return new Strings(List.of(), Optional.of(describe(u)));
        }
        List<String> known = new ArrayList<>();
        Optional<String> unknown = Optional.empty();
        if (v instanceof Value.Seq seq) {
            for (Value item : seq.items()) {
                Optional<String> s = str(item);
                if (s.isPresent()) {
                    known.add(s.get());
                } else if (item instanceof Value.Unknown u && unknown.isEmpty()) {
                    unknown = Optional.of(describe(u));
                }
            }
        } else {
            str(v).ifPresent(known::add);
        }
        return new Strings(known, unknown);
    }

    /** A known-after-apply reference as {@code address.attribute}; an unevaluable value as its reason. */
    static String describe(Value.Unknown u) {
        if (u.isReference()) {
            return u.ref() + (u.attribute().isEmpty() ? "" : "." + u.attribute());
        }
        return u.reason().isEmpty() ? "could not be evaluated" : u.reason();
    }

    /** A string for display: the value, or the reference it is known after apply from. */
    public static Optional<String> display(Value v) {
        if (v instanceof Value.Unknown u) {
            return Optional.of(describe(u));
        }
        return str(v);
    }
}
