package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConstraint;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads type expressions as Terraform's {@code typeexpr} package does, with its messages. */
final class TypeParser {
    private TypeParser() {
    }

    /**
     * A variable's {@code type}, as Terraform's configuration loader reads it before its type parser: the quoted
     * spellings of Terraform 0.11 are errors with their own advice, and a bare {@code list} or {@code map} (0.11's
     * "a list or map of anything") is {@code list(any)} or {@code map(any)}. A bare {@code set} was never such a
     * shorthand, so Terraform refuses it like any constructor without its argument.
     */
    static TypeConstraint variableType(Expression e) throws EvalException {
        if (e instanceof Expression.Template t) {
            throw quoted(t);
        }
        if (e instanceof Expression.Variable v && (v.name().equals("list") || v.name().equals("map"))) {
            return new TypeConstraint.Collection(v.name().equals("list") ? TypeConstraint.Collection.Kind.LIST
                    : TypeConstraint.Collection.Kind.MAP, new TypeConstraint.Any());
        }
        return parse(e, false).type();
    }

    /** Terraform's messages for {@code type = "string"}, {@code "list"}, {@code "map"} and other quoted types. */
    private static EvalException quoted(Expression.Template t) {
        if (t.parts().size() > 1 || t.parts().size() == 1 && !(t.parts().get(0) instanceof TemplatePart.Literal)) {
            return invalid();
        }
        String text = t.parts().isEmpty() ? "" : ((TemplatePart.Literal) t.parts().get(0)).text();
        String prefix = "Invalid quoted type constraints: Terraform 0.11 and earlier required type constraints to be "
                + "given in quotes, but that form is now deprecated and will be removed in a future version of "
                + "Terraform. Remove the quotes around \"" + text + "\"";
        return switch (text) {
            case "string" -> new EvalException(prefix + ".");
            case "list", "map" -> new EvalException(prefix + " and write " + text + "(string) instead to explicitly "
                    + "indicate that the " + text + " elements are strings.");
            default -> new EvalException("Invalid legacy variable type hint: To provide a full type expression, "
                    + "remove the surrounding quotes and give the type expression directly.");
        };
    }

    private static EvalException invalid() {
        return new EvalException("Invalid type specification: A type specification is either a primitive type "
                + "keyword (bool, number, string) or a complex type constructor call, like list(string).");
    }

    static TypeConstraint.Attribute parse(Expression e, boolean inObjectAttribute) throws EvalException {
        // No parentheses: Terraform's type parser refuses "(string)" as it refuses any other expression.
        if (e instanceof Expression.Variable v) {
            return plain(keyword(v.name()));
        }
        if (e instanceof Expression.FunctionCall call) {
            return constructor(call, inObjectAttribute);
        }
        throw invalid();
    }

    private static TypeConstraint.Attribute plain(TypeConstraint t) {
        return new TypeConstraint.Attribute(t, false, Optional.empty());
    }

    private static TypeConstraint keyword(String name) throws EvalException {
        switch (name) {
            case "string":
                return new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.STRING);
            case "number":
                return new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.NUMBER);
            case "bool":
                return new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.BOOL);
            case "any":
                return new TypeConstraint.Any();
            case "list", "map", "set":
                throw new EvalException("Invalid type specification: The " + name + " type constructor requires one "
                        + "argument specifying the element type.");
            case "object":
                throw new EvalException("Invalid type specification: The object type constructor requires one "
                        + "argument specifying the attribute types as a map.");
            case "tuple":
                throw new EvalException("Invalid type specification: The tuple type constructor requires one "
                        + "argument specifying the element types as a list.");
            default:
                throw new EvalException("Invalid type specification: The keyword \"" + name
                        + "\" is not a valid type specification.");
        }
    }

    private static TypeConstraint.Attribute constructor(Expression.FunctionCall call, boolean inObjectAttribute)
            throws EvalException {
        String name = call.name();
        List<Expression> args = call.arguments();
        switch (name) {
            case "list", "set", "map": {
                one(name, args, "the element type");
                TypeConstraint element = parse(args.get(0), false).type();
                TypeConstraint.Collection.Kind kind = TypeConstraint.Collection.Kind.valueOf(
                        name.toUpperCase(java.util.Locale.ROOT));
                return plain(new TypeConstraint.Collection(kind, element));
            }
            case "tuple": {
                one(name, args, "the element types as a list");
                if (!(unwrap(args.get(0)) instanceof Expression.Tuple tuple)) {
                    throw new EvalException("Unsuitable value type: Tuple type constructor requires a list of "
                            + "element types.");
                }
                List<TypeConstraint> elements = new ArrayList<>();
                for (Expression element : tuple.elements()) {
                    elements.add(parse(element, false).type());
                }
                return plain(new TypeConstraint.TupleOf(elements));
            }
            case "object": {
                one(name, args, "the attribute types as a map");
                if (!(unwrap(args.get(0)) instanceof Expression.ObjectCons object)) {
                    throw new EvalException("Unsuitable value type: Object type constructor requires a map whose "
                            + "keys are attribute names and whose values are the corresponding attribute types.");
                }
                Map<String, TypeConstraint.Attribute> attributes = new TreeMap<>();
                for (Expression.ObjectItem item : object.items()) {
                    attributes.put(attributeName(item.key()), parse(item.value(), true));
                }
                return plain(new TypeConstraint.ObjectOf(attributes));
            }
            case "optional":
                return optional(call, inObjectAttribute);
            default:
                throw new EvalException("Invalid type specification: Keyword \"" + name
                        + "\" is not a valid type constructor.");
        }
    }

    private static TypeConstraint.Attribute optional(Expression.FunctionCall call, boolean inObjectAttribute)
            throws EvalException {
        if (!inObjectAttribute) {
            throw new EvalException("Invalid type specification: Keyword \"optional\" is valid only as a modifier "
                    + "for object type attributes.");
        }
        List<Expression> args = call.arguments();
        if (args.isEmpty() || args.size() > 2) {
            throw new EvalException("Optional attribute modifier expects at most two arguments: an attribute "
                    + "type, and a default value.");
        }
        TypeConstraint type = parse(args.get(0), false).type();
        if (args.size() == 1) {
            return new TypeConstraint.Attribute(type, true, Optional.empty());
        }
        Value raw = Constants.evaluate(args.get(1));
        Value converted;
        try {
            converted = type.convert(raw);
        } catch (EvalException e) {
            throw new EvalException("Invalid default value for optional attribute: This default value is not "
                    + "compatible with the attribute's type constraint: " + e.getMessage() + ".");
        }
        // A null default is no default: the attribute is then null, as without one.
        return new TypeConstraint.Attribute(type, true,
                converted instanceof Value.Null ? Optional.empty() : Optional.of(converted));
    }

    private static void one(String name, List<Expression> args, String what) throws EvalException {
        if (args.size() != 1) {
            throw new EvalException("Incorrect type specification: The " + name + " type constructor requires one "
                    + "argument specifying " + what + ".");
        }
    }

    private static Expression unwrap(Expression e) {
        return e instanceof Expression.Parenthesized p ? unwrap(p.inner()) : e;
    }

    private static String attributeName(Expression.ObjectKey key) throws EvalException {
        if (key.literalName().isPresent()) {
            return key.literalName().get();
        }
        Expression e = unwrap(key.expression());
        if (e instanceof Expression.Variable v) {
            return v.name();
        }
        if (e instanceof Expression.Template t && t.parts().size() == 1
                && t.parts().get(0) instanceof TemplatePart.Literal l) {
            return l.text();
        }
        throw new EvalException("Invalid object attribute name: Object constructor map keys must be attribute "
                + "names.");
    }
}
