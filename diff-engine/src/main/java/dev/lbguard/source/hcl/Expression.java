package dev.lbguard.source.hcl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * An HCL expression, as written: the parser never evaluates. The family follows the expression
 * types of HashiCorp's {@code hclsyntax} so that an evaluator can implement their semantics one to one.
 */
public sealed interface Expression extends Node {

    /** A number literal, exact. */
    record NumberLiteral(BigDecimal value, Range range) implements Expression {
    }

    /** {@code true} or {@code false}. */
    record BoolLiteral(boolean value, Range range) implements Expression {
    }

    /** {@code null}. */
    record NullLiteral(Range range) implements Expression {
    }

    /**
     * A quoted string or heredoc. A string with no interpolation is a template with one literal part.
     * Strip markers ({@code ~}) and heredoc indentation ({@code <<-}) are already applied to the literal parts.
     */
    record Template(List<TemplatePart> parts, boolean heredoc, Range range) implements Expression {
        public Template {
            parts = List.copyOf(parts);
        }

        /** True when the template is exactly one {@code ${...}} and nothing else: its value keeps its type. */
        public boolean isSingleInterpolation() {
            return parts.size() == 1 && parts.get(0) instanceof TemplatePart.Interpolation;
        }
    }

    /** A bare name at the root of a traversal: {@code var}, {@code aws_lb}, {@code each}, {@code count}. */
    record Variable(String name, Range range) implements Expression {
    }

    /** {@code source.name}. */
    record GetAttr(Expression source, String name, Range range) implements Expression {
    }

    /** {@code source[key]}, and the legacy index form {@code source.0} (key is then a number literal). */
    record Index(Expression source, Expression key, Range range) implements Expression {
    }

    /**
     * A splat: {@code source[*].a.b} (full) or {@code source.*.a.b} (legacy attribute-only). {@code each} is
     * the traversal applied to every element, rooted at a {@link SplatItem}.
     */
    record Splat(Expression source, Expression each, boolean legacy, Range range) implements Expression {
    }

    /** The placeholder for the current element inside a {@link Splat#each()}. */
    record SplatItem(Range range) implements Expression {
    }

    /** {@code name(args...)}; {@code expandFinal} is true when the last argument is followed by {@code ...}. */
    record FunctionCall(String name, List<Expression> arguments, boolean expandFinal, Range range)
            implements Expression {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code condition ? whenTrue : whenFalse}. */
    record Conditional(Expression condition, Expression whenTrue, Expression whenFalse, Range range)
            implements Expression {
    }

    /** A binary operation; precedence and associativity are already resolved by the tree's shape. */
    record BinaryOp(Operator operator, Expression left, Expression right, Range range) implements Expression {
    }

    /** {@code -x} or {@code !x}. */
    record UnaryOp(Operator operator, Expression operand, Range range) implements Expression {
    }

    /** {@code [a, b, c]}. */
    record Tuple(List<Expression> elements, Range range) implements Expression {
        public Tuple {
            elements = List.copyOf(elements);
        }
    }

    /** {@code {k = v, ...}}. */
    record ObjectCons(List<ObjectItem> items, Range range) implements Expression {
        public ObjectCons {
            items = List.copyOf(items);
        }
    }

    /**
     * {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value... if cond}}.
     * {@code keyVariable} is empty when only one variable is declared; {@code keyResult} is present only
     * in the object form; {@code grouping} is the {@code ...} after the value in the object form.
     */
    record For(Optional<String> keyVariable, String valueVariable, Expression collection,
               Optional<Expression> keyResult, Expression valueResult, Optional<Expression> condition,
               boolean grouping, Range range) implements Expression {
        public boolean isObject() {
            return keyResult.isPresent();
        }
    }

    /** {@code (expr)}: kept so that an object key in parentheses is evaluated rather than taken literally. */
    record Parenthesized(Expression inner, Range range) implements Expression {
    }

    /** One {@code key = value} of an object constructor. */
    record ObjectItem(ObjectKey key, Expression value, Range range) implements Node {
    }

    /**
     * An object key: a bare identifier is the literal name ({@code literalName} present); anything else is
     * an expression to evaluate to a string.
     */
    record ObjectKey(Optional<String> literalName, Expression expression, Range range) implements Node {
    }

    /** Operators, with HCL's precedence (higher binds tighter). */
    enum Operator {
        OR("||", 1), AND("&&", 2),
        EQUAL("==", 3), NOT_EQUAL("!=", 3),
        GREATER(">", 4), GREATER_OR_EQUAL(">=", 4), LESS("<", 4), LESS_OR_EQUAL("<=", 4),
        ADD("+", 5), SUBTRACT("-", 5),
        MULTIPLY("*", 6), DIVIDE("/", 6), MODULO("%", 6),
        NEGATE("-", 7), NOT("!", 7);

        private final String symbol;
        private final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public String symbol() {
            return symbol;
        }

        public int precedence() {
            return precedence;
        }
    }
}
