package dev.lbguard.source.terraform.modules;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Body;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.hcl.TemplatePart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a file of Terraform's JSON syntax ({@code *.tf.json}, as CDK for Terraform writes it) into the syntax tree
 * the native parser gives, so that one evaluator reads both. It follows HashiCorp's mapping (the HCL JSON
 * specification and Terraform's block-type-specific exceptions): the properties of the root object are block types,
 * one level of objects per label; a block's value may be an array of bodies, several blocks; a {@code "//"}
 * property of a body is a comment; a string where an expression goes is a template, so {@code "${var.x}"} is the
 * expression {@code var.x}; strings of references ({@code depends_on}) and types are parsed as expressions, and
 * literal strings ({@code source}, a variable's {@code default}) are not parsed at all. Which properties of a body
 * are nested blocks is {@link JsonSchema}'s to say.
 *
 * <p>Every node has the line and column of its JSON token; positions inside a string are the file's, escapes
 * counted. Where the whole file is one line (minified), lines say little, so errors also give the JSON pointer of
 * the value, such as {@code /resource/aws_lb_listener_rule/api/condition/0}.
 */
public final class JsonConfiguration {
    private final String path;
    private final boolean oneLine;

    private JsonConfiguration(String path, boolean oneLine) {
        this.path = path;
        this.oneLine = oneLine;
    }

    /** Parses {@code text}, the content of the file {@code path}; any syntax error is an exception at its position. */
    public static HclFile parse(String path, String text) throws HclSyntaxException {
        LocatedJson root = LocatedJson.read(path, text);
        JsonConfiguration converter = new JsonConfiguration(path, text.strip().indexOf('\n') < 0);
        if (!(root instanceof LocatedJson.Obj)) {
            throw converter.error(root.start(), "", "a Terraform JSON file holds one JSON object, found "
                    + describe(root));
        }
        return new HclFile(path, converter.body(root, JsonSchema.FILE, ""));
    }

    /** A property of a body, and the JSON pointer of the object it is in. */
    private record Property(LocatedJson.Member member, String pointer) {
        String at() {
            return pointer + "/" + escape(member.name());
        }
    }

    /**
     * A block body: an object, or an array of objects whose properties are read as one body's (HCL's JSON
     * specification allows it), or null (an empty body).
     */
    private Body body(LocatedJson value, JsonSchema schema, String pointer) throws HclSyntaxException {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Map<String, Attribute> seen = new HashMap<>();
        for (Property p : properties(value, pointer, "to define arguments and nested blocks")) {
            LocatedJson.Member m = p.member();
            if (m.name().equals("//")) {
                continue; // a comment, in any object that is a body
            }
            Optional<JsonSchema.Nested> nested = schema.block(m.name());
            if (nested.isPresent()) {
                unpack(m.value(), m.name(), m.nameStart(), nested.get().labels(), new ArrayList<>(), schema, p.at(),
                        blocks);
                continue;
            }
            Expression expression = expression(m.value(), schema.argument(m.name()), p.at());
            Attribute attribute = new Attribute(m.name(), expression, range(m.nameStart(), m.nameEnd()),
                    range(m.nameStart(), m.value().end()));
            Attribute earlier = seen.putIfAbsent(m.name(), attribute);
            if (earlier != null) {
                throw error(m.nameStart(), p.at(), "the argument \"" + m.name() + "\" is already set at "
                        + earlier.nameRange().startLine() + ":" + earlier.nameRange().startColumn());
            }
            attributes.add(attribute);
        }
        return new Body(attributes, blocks, range(value.start(), value.end()));
    }

    /** The properties of an object, or of every object of an array (bodies and label levels may be either). */
    private List<Property> properties(LocatedJson value, String pointer, String purpose) throws HclSyntaxException {
        List<Property> out = new ArrayList<>();
        if (value instanceof LocatedJson.Obj o) {
            o.members().forEach(m -> out.add(new Property(m, pointer)));
        } else if (value instanceof LocatedJson.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                LocatedJson item = a.items().get(i);
                if (!(item instanceof LocatedJson.Obj o)) {
                    throw error(item.start(), pointer + "/" + i, "a JSON object is required here, " + purpose
                            + ", found " + describe(item));
                }
                String at = pointer + "/" + i;
                o.members().forEach(m -> out.add(new Property(m, at)));
            }
        } else if (!(value instanceof LocatedJson.Null)) {
            throw error(value.start(), pointer, "a JSON object or an array of objects is required here, " + purpose
                    + ", found " + describe(value));
        }
        return out;
    }

    /**
     * The blocks of type {@code type} a property's value holds: one level of object per label still to read, then
     * a body, or an array of bodies (several blocks), or null (none).
     */
    private void unpack(LocatedJson value, String type, LocatedJson.Pos start, int labelsLeft, List<String> labels,
                        JsonSchema parent, String pointer, List<Block> out) throws HclSyntaxException {
        if (labelsLeft > 0) {
            List<Property> named = properties(value, pointer, "whose properties are the labels of " + type
                    + " blocks");
            if (named.isEmpty()) {
                throw error(value.start(), pointer, "at least one property is required here, whose name is a label of "
                        + "the " + type + " block");
            }
            for (Property p : named) {
                List<String> more = new ArrayList<>(labels);
                more.add(p.member().name());
                unpack(p.member().value(), type, p.member().nameStart(), labelsLeft - 1, more, parent, p.at(), out);
            }
            return;
        }
        JsonSchema schema = parent.body(type, labels);
        if (value instanceof LocatedJson.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                LocatedJson item = a.items().get(i);
                out.add(new Block(type, labels, body(item, schema, pointer + "/" + i), range(item.start(), item.end())));
            }
        } else if (value instanceof LocatedJson.Obj) {
            out.add(new Block(type, labels, body(value, schema, pointer), range(start, value.end())));
        } else if (!(value instanceof LocatedJson.Null)) {
            throw error(value.start(), pointer, "a JSON object or array is required here, the content of one or more "
                    + type + " blocks, found " + describe(value));
        }
    }

    private Expression expression(LocatedJson value, JsonSchema.Mode mode, String pointer) throws HclSyntaxException {
        Range at = range(value.start(), value.end());
        if (value instanceof LocatedJson.Str s) {
            return switch (mode) {
                case EXPRESSION -> template(s.value(), s, pointer);
                case LITERAL -> literal(s.value(), at);
                case REFERENCE, TYPE -> parsed(s, pointer);
            };
        }
        if (value instanceof LocatedJson.Num n) {
            return new Expression.NumberLiteral(n.value(), at);
        }
        if (value instanceof LocatedJson.Bool b) {
            return new Expression.BoolLiteral(b.value(), at);
        }
        if (value instanceof LocatedJson.Arr a) {
            JsonSchema.Mode each = mode == JsonSchema.Mode.TYPE ? JsonSchema.Mode.LITERAL : mode;
            List<Expression> elements = new ArrayList<>();
            for (int i = 0; i < a.items().size(); i++) {
                elements.add(expression(a.items().get(i), each, pointer + "/" + i));
            }
            return new Expression.Tuple(elements, at);
        }
        if (value instanceof LocatedJson.Obj o) {
            List<Expression.ObjectItem> items = new ArrayList<>();
            for (LocatedJson.Member m : o.members()) {
                String p = pointer + "/" + escape(m.name());
                Expression.ObjectKey key = key(m, mode, p);
                Expression item = expression(m.value(), mode == JsonSchema.Mode.TYPE ? JsonSchema.Mode.LITERAL : mode,
                        p);
                items.add(new Expression.ObjectItem(key, item, range(m.nameStart(), m.value().end())));
            }
            return new Expression.ObjectCons(items, at);
        }
        return new Expression.NullLiteral(at);
    }

    /**
     * An object key: a template where the object is an expression (HCL's JSON syntax allows {@code "${k}"} keys, as
     * the native syntax allows expressions), else the name as written.
     */
    private Expression.ObjectKey key(LocatedJson.Member m, JsonSchema.Mode mode, String pointer)
            throws HclSyntaxException {
        Range at = range(m.nameStart(), m.nameEnd());
        if (mode == JsonSchema.Mode.EXPRESSION) {
            Expression.Template t = template(m.name(), new LocatedJson.Str(m.name(), m.nameStart(), m.nameEnd(),
                    m.nameMap()), pointer);
            boolean plain = t.parts().size() == 1 && t.parts().get(0) instanceof TemplatePart.Literal;
            return new Expression.ObjectKey(plain ? Optional.of(m.name()) : Optional.empty(), t, at);
        }
        return new Expression.ObjectKey(Optional.of(m.name()), literal(m.name(), at), at);
    }

    private Expression.Template template(String text, LocatedJson.Str token, String pointer)
            throws HclSyntaxException {
        try {
            Expression.Template t = HclParser.parseTemplate(path, text, token.map());
            // A JSON string is a quoted string, never a heredoc, whatever parsing it as template text made it.
            return new Expression.Template(t.parts(), false, range(token.start(), token.end()));
        } catch (HclSyntaxException e) {
            throw at(e, pointer);
        }
    }

    /** A reference or type written as a string ({@code "aws_lb.edge"}, {@code "list(string)"}). */
    private Expression parsed(LocatedJson.Str s, String pointer) throws HclSyntaxException {
        try {
            return HclParser.parseExpression(path, s.value(), s.map());
        } catch (HclSyntaxException e) {
            throw at(e, pointer);
        }
    }

    private static Expression.Template literal(String text, Range at) {
        return new Expression.Template(List.of(new TemplatePart.Literal(text, at)), false, at);
    }

    private Range range(LocatedJson.Pos from, LocatedJson.Pos to) {
        return new Range(path, from.line(), from.column(), to.line(), to.column());
    }

    private HclSyntaxException error(LocatedJson.Pos at, String pointer, String detail) {
        return new HclSyntaxException(path, at.line(), at.column(), detail + where(pointer));
    }

    private HclSyntaxException at(HclSyntaxException e, String pointer) {
        return new HclSyntaxException(e.file(), e.line(), e.column(), e.detail() + where(pointer));
    }

    /** In a file of one line, the JSON pointer of the value, which says more than line 1. */
    private String where(String pointer) {
        return oneLine ? " (at " + (pointer.isEmpty() ? "/" : pointer) + ")" : "";
    }

    /** RFC 6901: {@code ~} and {@code /} in a name are escaped. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(LocatedJson v) {
        if (v instanceof LocatedJson.Str) {
            return "a string";
        }
        if (v instanceof LocatedJson.Num) {
            return "a number";
        }
        if (v instanceof LocatedJson.Bool) {
            return "a boolean";
        }
        if (v instanceof LocatedJson.Arr) {
            return "an array";
        }
        if (v instanceof LocatedJson.Obj) {
            return "an object";
        }
        return "null";
    }
}
