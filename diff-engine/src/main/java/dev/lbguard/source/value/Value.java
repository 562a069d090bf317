package dev.lbguard.source.value;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Terraform value as lbguard evaluates it. Mirrors cty: primitives, null, collections (list, tuple,
 * set, map, object) and {@link Unknown}, which stands for a value Terraform itself only knows after
 * apply (a {@code ref} to another resource) or one lbguard could not evaluate (a {@code reason}).
 */
public sealed interface Value {

    /** A string. */
    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value);
        }
    }

    /** An exact number. */
    record Num(BigDecimal value) implements Value {
        public Num {
            Objects.requireNonNull(value);
        }

        public static Num of(long n) {
            return new Num(BigDecimal.valueOf(n));
        }
    }

    /** true or false. */
    record Bool(boolean value) implements Value {
    }

    /** null (also the value of an attribute that was not set). */
    record Null() implements Value {
    }

    /**
     * A sequence. {@code kind} tells list, tuple or set apart: sets are deduplicated and sorted by the
     * constructor of whoever builds them (see {@link Values#set}).
     */
    record Seq(Kind kind, List<Value> items) implements Value {
        public enum Kind { LIST, TUPLE, SET }

        public Seq {
            Objects.requireNonNull(kind);
            items = List.copyOf(items);
        }
    }

    /**
     * A mapping from string keys. {@code object} distinguishes an object (from {@code {...}} or a resource)
     * from a map (from {@code tomap} or a {@code map(...)} type). Keys are kept sorted, as Terraform prints them.
     */
    record Obj(boolean object, Map<String, Value> fields) implements Value {
        public Obj {
            fields = SortedFields.of(fields);
        }

        public static Obj object(Map<String, Value> fields) {
            return new Obj(true, fields);
        }

        public static Obj map(Map<String, Value> fields) {
            return new Obj(false, fields);
        }

        public Value get(String key) {
            Value v = fields.get(key);
            return v == null ? new Null() : v;
        }
    }

    /**
     * A value not known before apply ({@code ref} names the resource and {@code attribute} the attribute it
     * comes from, such as {@code aws_lb_target_group.web} and {@code arn}), or a value lbguard could not
     * evaluate ({@code ref} empty, {@code reason} says why). Operations on an unknown give an unknown.
     */
    record Unknown(String ref, String attribute, String reason) implements Value {
        public Unknown {
            Objects.requireNonNull(ref);
            Objects.requireNonNull(attribute);
            Objects.requireNonNull(reason);
        }

        public static Unknown reference(String ref, String attribute) {
            return new Unknown(ref, attribute, "");
        }

        public static Unknown unevaluable(String reason) {
            return new Unknown("", "", reason);
        }

        /**
         * The value of a root variable given no value: unevaluable, but marked with the variable, so that where it
         * goes unchanged into a rule's {@code listener_arn} it names the listener it stands for (a listener of
         * another stack, given when the stack is applied). Any computation drops the mark.
         */
        public static Unknown missingVariable(String name, String reason) {
            return new Unknown("", "var." + name, reason);
        }

        /** The root variable this value is, unchanged, when it is one without a value. */
        public java.util.Optional<String> missingVariable() {
            return ref.isEmpty() && attribute.startsWith("var.") ? java.util.Optional.of(attribute)
                    : java.util.Optional.empty();
        }

        /** True when this is a known-after-apply reference, not a failure to evaluate. */
        public boolean isReference() {
            return !ref.isEmpty();
        }
    }

    /** Helpers for building values. */
    final class Values {
        private Values() {
        }

        public static final Value NULL = new Null();
        public static final Value TRUE = new Bool(true);
        public static final Value FALSE = new Bool(false);

        public static Value str(String s) {
            return new Str(s);
        }

        public static Value list(List<Value> items) {
            return new Seq(Seq.Kind.LIST, items);
        }

        public static Value tuple(List<Value> items) {
            return new Seq(Seq.Kind.TUPLE, items);
        }

        /** A set: duplicates removed, elements ordered as Terraform orders set elements (strings lexically). */
        public static Value set(List<Value> items) {
            return new Seq(Seq.Kind.SET, SetOrder.sortedDistinct(items));
        }

        public static Value object(Map<String, Value> fields) {
            return Obj.object(fields);
        }

        public static Map<String, Value> fields() {
            return new LinkedHashMap<>();
        }
    }
}
