package dev.lbguard.source.hcl;

import java.util.List;
import java.util.stream.Collectors;

/** Renders syntax trees as compact s-expressions so that tests can state a tree's shape in one line. */
final class Show {

    private Show() {
    }

    static String of(Expression e) {
        if (e instanceof Expression.NumberLiteral n) {
            return n.value().toPlainString();
        } else if (e instanceof Expression.BoolLiteral b) {
            return String.valueOf(b.value());
        } else if (e instanceof Expression.NullLiteral) {
            return "null";
        } else if (e instanceof Expression.Variable v) {
            return v.name();
        } else if (e instanceof Expression.GetAttr g) {
            return of(g.source()) + "." + g.name();
        } else if (e instanceof Expression.Index i) {
            return of(i.source()) + "[" + of(i.key()) + "]";
        } else if (e instanceof Expression.Splat s) {
            return "(splat" + (s.legacy() ? "-legacy " : " ") + of(s.source()) + " " + of(s.each()) + ")";
        } else if (e instanceof Expression.SplatItem) {
            return "@";
        } else if (e instanceof Expression.FunctionCall f) {
            return f.name() + "(" + list(f.arguments()) + (f.expandFinal() ? "..." : "") + ")";
        } else if (e instanceof Expression.Conditional c) {
            return "(? " + of(c.condition()) + " " + of(c.whenTrue()) + " " + of(c.whenFalse()) + ")";
        } else if (e instanceof Expression.BinaryOp b) {
            return "(" + b.operator().symbol() + " " + of(b.left()) + " " + of(b.right()) + ")";
        } else if (e instanceof Expression.UnaryOp u) {
            return "(" + u.operator().symbol() + of(u.operand()) + ")";
        } else if (e instanceof Expression.Tuple t) {
            return "[" + list(t.elements()) + "]";
        } else if (e instanceof Expression.ObjectCons o) {
            return "{" + o.items().stream()
                    .map(i -> i.key().literalName().orElse("<" + of(i.key().expression()) + ">") + "=" + of(i.value()))
                    .collect(Collectors.joining(", ")) + "}";
        } else if (e instanceof Expression.For f) {
            return "(for " + f.keyVariable().map(k -> k + ",").orElse("") + f.valueVariable() + " " + of(f.collection())
                    + f.keyResult().map(k -> " " + of(k) + " =>").orElse("") + " " + of(f.valueResult())
                    + (f.grouping() ? "..." : "") + f.condition().map(c -> " if " + of(c)).orElse("")
                    + (f.isObject() ? " obj" : "") + ")";
        } else if (e instanceof Expression.Parenthesized p) {
            return "(" + of(p.inner()) + ")";
        } else if (e instanceof Expression.Template t) {
            return "\"" + parts(t.parts()) + "\"";
        }
        throw new AssertionError(e);
    }

    static String parts(List<TemplatePart> parts) {
        StringBuilder sb = new StringBuilder();
        for (TemplatePart p : parts) {
            if (p instanceof TemplatePart.Literal l) {
                sb.append(l.text().replace("\n", "\\n"));
            } else if (p instanceof TemplatePart.Interpolation i) {
                sb.append("${").append(of(i.expression())).append("}");
            } else if (p instanceof TemplatePart.If i) {
                sb.append("%{if ").append(of(i.condition())).append("}").append(parts(i.whenTrue()));
                if (!i.whenFalse().isEmpty()) {
                    sb.append("%{else}").append(parts(i.whenFalse()));
                }
                sb.append("%{endif}");
            } else if (p instanceof TemplatePart.For f) {
                sb.append("%{for ").append(f.keyVariable().map(k -> k + ",").orElse("")).append(f.valueVariable())
                        .append(" in ").append(of(f.collection())).append("}").append(parts(f.body()))
                        .append("%{endfor}");
            }
        }
        return sb.toString();
    }

    private static String list(List<Expression> es) {
        return es.stream().map(Show::of).collect(Collectors.joining(", "));
    }

    /** "line:column-endLine:endColumn". */
    static String span(Node n) {
        Range r = n.range();
        return r.startLine() + ":" + r.startColumn() + "-" + r.endLine() + ":" + r.endColumn();
    }
}
