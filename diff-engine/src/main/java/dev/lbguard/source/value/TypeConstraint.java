package dev.lbguard.source.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A variable's {@code type = ...} constraint, which converts given values as Terraform does. */
public sealed interface TypeConstraint {

    /** Terraform's conversion (unsafe conversions such as string to number included); unknowns pass through. */
    default Value convert(Value v) throws EvalException {
        return TypeConversion.convert(this, v, "");
    }

    /** {@code string}, {@code number} or {@code bool}. */
    record Primitive(Kind kind) implements TypeConstraint {
        /** The primitive types. */
        public enum Kind { STRING, NUMBER, BOOL }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code any}: the value keeps its own type. */
    record Any() implements TypeConstraint {
        @Override
        public String toString() {
            return "any";
        }
    }

    /** {@code list(T)}, {@code set(T)} or {@code map(T)}. */
    record Collection(Kind kind, TypeConstraint element) implements TypeConstraint {
        /** The collection types. */
        public enum Kind { LIST, SET, MAP }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + element + ")";
        }
    }

    /** {@code tuple([T1, T2, ...])}. */
    record TupleOf(List<TypeConstraint> elements) implements TypeConstraint {
        public TupleOf {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return "tuple(" + elements + ")";
        }
    }

    /** {@code object({name = T, ...})}, attributes sorted by name. */
    record ObjectOf(Map<String, Attribute> attributes) implements TypeConstraint {
        public ObjectOf {
            attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            attributes.forEach((k, a) -> parts.add(k + "=" + a));
            return "object({" + String.join(", ", parts) + "})";
        }
    }

    /**
     * One object attribute; {@code optional} attributes may be absent, and then take {@code defaultValue}
     * (already converted to {@code type}) or null.
     */
    record Attribute(TypeConstraint type, boolean optional, Optional<Value> defaultValue) {
        @Override
        public String toString() {
            if (!optional) {
                return type.toString();
            }
            return "optional(" + type + defaultValue.map(d -> ", " + ValueJson.toJson(d)).orElse("") + ")";
        }
    }
}
