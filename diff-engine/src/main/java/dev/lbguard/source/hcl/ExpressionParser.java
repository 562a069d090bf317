package dev.lbguard.source.hcl;

import dev.lbguard.source.hcl.Expression.Operator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive descent for HCL expressions; binary operators by precedence climbing. Every method consumes at
 * least one token before it recurses or loops, so parsing is linear and always ends.
 */
final class ExpressionParser {

    private final TokenCursor in;
    private final TemplateParser templates;
    // Made on first use: a parser is made per JSON string, and most of those hold no tuple or object.
    private CollectionParser collections;

    ExpressionParser(TokenCursor in) {
        this.in = in;
        this.templates = new TemplateParser(in, this);
    }

    private CollectionParser collections() {
        if (collections == null) {
            collections = new CollectionParser(in, this);
        }
        return collections;
    }

    /** {@code Expression = binary ("?" Expression ":" Expression)?}. */
    Expression parseExpression() throws HclSyntaxException {
        in.enter(in.peek());
        Expression condition = parseBinary(Operator.OR.precedence());
        if (in.at(TokenType.QUESTION)) {
            Token question = in.next();
            Expression whenTrue = parseExpression();
            Token colon = in.peek();
            if (!colon.is(TokenType.COLON)) {
                throw in.error(colon, "expected \":\" in the conditional expression whose \"?\" is at "
                        + TokenCursor.position(question) + ", found " + colon.describe());
            }
            in.next();
            Expression whenFalse = parseExpression();
            condition = new Expression.Conditional(condition, whenTrue, whenFalse, in.range(condition, whenFalse));
        }
        in.exit();
        return condition;
    }

    private Expression parseBinary(int minPrecedence) throws HclSyntaxException {
        Expression left = parseUnary();
        while (true) {
            Optional<Operator> op = binaryOperator(in.peek());
            if (op.isEmpty() || op.get().precedence() < minPrecedence) {
                return left;
            }
            in.next();
            // Climbing one level above the operator's own makes equal precedence group to the left.
            Expression right = parseBinary(op.get().precedence() + 1);
            left = new Expression.BinaryOp(op.get(), left, right, in.range(left, right));
        }
    }

    private static Optional<Operator> binaryOperator(Token t) {
        return Optional.ofNullable(switch (t.type()) {
            case OR -> Operator.OR;
            case AND -> Operator.AND;
            case EQUAL_EQUAL -> Operator.EQUAL;
            case NOT_EQUAL -> Operator.NOT_EQUAL;
            case GREATER -> Operator.GREATER;
            case GREATER_EQUAL -> Operator.GREATER_OR_EQUAL;
            case LESS -> Operator.LESS;
            case LESS_EQUAL -> Operator.LESS_OR_EQUAL;
            case PLUS -> Operator.ADD;
            case MINUS -> Operator.SUBTRACT;
            case STAR -> Operator.MULTIPLY;
            case SLASH -> Operator.DIVIDE;
            case PERCENT -> Operator.MODULO;
            // Optional.ofNullable keeps the table flat; no null escapes this method.
            default -> null;
        });
    }

    /** Unary operators bind tighter than any binary one: {@code -a + b} is {@code (-a) + b}. */
    private Expression parseUnary() throws HclSyntaxException {
        Token t = in.peek();
        if (t.is(TokenType.MINUS) || t.is(TokenType.BANG)) {
            in.next();
            in.enter(t);
            Expression operand = parseUnary();
            in.exit();
            Operator op = t.is(TokenType.MINUS) ? Operator.NEGATE : Operator.NOT;
            return new Expression.UnaryOp(op, operand, in.range(t, operand));
        }
        return parsePostfix(parseTerm());
    }

    private Expression parseTerm() throws HclSyntaxException {
        Token t = in.peek();
        switch (t.type()) {
            case L_PAREN -> {
                in.next();
                in.pushNewlines(false);
                Expression inner = parseExpression();
                Token close = closing(TokenType.R_PAREN, "\")\"", "the parenthesis", t);
                in.popNewlines();
                return new Expression.Parenthesized(inner, in.range(t, close));
            }
            case NUMBER -> {
                in.next();
                return new Expression.NumberLiteral(number(t), in.range(t, t));
            }
            case IDENT -> {
                in.next();
                if (in.at(TokenType.L_PAREN) || in.at(TokenType.DOUBLE_COLON)) {
                    return parseCall(t);
                }
                return switch (t.text()) {
                    case "true" -> new Expression.BoolLiteral(true, in.range(t, t));
                    case "false" -> new Expression.BoolLiteral(false, in.range(t, t));
                    case "null" -> new Expression.NullLiteral(in.range(t, t));
                    default -> new Expression.Variable(t.text(), in.range(t, t));
                };
            }
            case O_QUOTE, O_HEREDOC -> {
                return templates.parseTemplate();
            }
            case L_BRACK -> {
                return collections().parseTuple();
            }
            case L_BRACE -> {
                return collections().parseObject();
            }
            default -> throw in.error(t, "expected an expression, found " + t.describe());
        }
    }

    private BigDecimal number(Token t) throws HclSyntaxException {
        return HclParser.number(t.text(), message -> in.error(t, message));
    }

    /** Consumes the closer of a bracketed construct; at end of file, blames the opener. */
    Token closing(TokenType type, String closer, String what, Token opener) throws HclSyntaxException {
        Token t = in.peek();
        if (t.is(type)) {
            return in.next();
        }
        String detail = "expected " + closer + " to close " + what + " opened at " + TokenCursor.position(opener)
                + ", found " + t.describe();
        throw t.is(TokenType.EOF) ? in.error(opener, detail) : in.error(t, detail);
    }

    /** Attribute access, indexes and splats, applied left to right. */
    private Expression parsePostfix(Expression term) throws HclSyntaxException {
        Expression expr = term;
        while (true) {
            Token t = in.peek();
            if (t.is(TokenType.DOT)) {
                in.next();
                Token name = in.peek();
                if (name.is(TokenType.STAR)) {
                    expr = parseLegacySplat(expr, t, in.next());
                } else {
                    expr = traverseDot(expr, expr, name);
                }
            } else if (t.is(TokenType.L_BRACK)) {
                in.next();
                if (in.at(TokenType.STAR)) {
                    in.next();
                    Token close = in.expect(TokenType.R_BRACK, "\"]\" after \"[*\"");
                    Expression item = new Expression.SplatItem(in.range(t, close));
                    // A full splat takes every traversal after it, so the trailing steps apply per element.
                    in.enter(t);
                    Expression each = parsePostfix(item);
                    in.exit();
                    expr = new Expression.Splat(expr, each, false, in.range(expr, each));
                } else {
                    in.pushNewlines(false);
                    Expression key = parseExpression();
                    Token close = closing(TokenType.R_BRACK, "\"]\"", "the index", t);
                    in.popNewlines();
                    expr = new Expression.Index(expr, key, in.range(expr, close));
                }
            } else {
                return expr;
            }
        }
    }

    /** After a dot: {@code .name}, or the legacy index {@code .0}. {@code start} is where the range begins. */
    private Expression traverseDot(Expression source, Node start, Token name) throws HclSyntaxException {
        if (name.is(TokenType.IDENT)) {
            in.next();
            return new Expression.GetAttr(source, name.text(), in.range(start, name));
        }
        if (name.is(TokenType.NUMBER)) {
            in.next();
            if (!name.text().chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw in.error(name, "invalid legacy index \"." + name.text() + "\": write the index as ["
                        + name.text().replaceFirst("\\.", "][") + "]");
            }
            Expression key = new Expression.NumberLiteral(new BigDecimal(name.text()), in.range(name, name));
            return new Expression.Index(source, key, in.range(start, name));
        }
        throw in.error(name, "expected an attribute name after \".\", found " + name.describe());
    }

    /** {@code source.*.a.b}: only attribute (and legacy index) steps belong to the splat. */
    private Expression parseLegacySplat(Expression source, Token dot, Token star) throws HclSyntaxException {
        Expression each = new Expression.SplatItem(in.range(dot, star));
        Node start = each;
        while (in.at(TokenType.DOT)) {
            in.next();
            Token name = in.peek();
            if (name.is(TokenType.STAR)) {
                throw in.error(name, "a splat cannot be nested inside an attribute-only splat (.*)");
            }
            each = traverseDot(each, start, name);
        }
        return new Expression.Splat(source, each, true, in.range(source, each));
    }

    private Expression parseCall(Token nameToken) throws HclSyntaxException {
        StringBuilder name = new StringBuilder(nameToken.text());
        while (in.at(TokenType.DOUBLE_COLON)) {
            in.next();
            name.append("::").append(in.expect(TokenType.IDENT, "a function name after \"::\"").text());
        }
        Token open = in.expect(TokenType.L_PAREN, "\"(\" after the function name \"" + name + "\"");
        in.pushNewlines(false);
        String what = "the call to \"" + name + "\"";
        List<Expression> arguments = new ArrayList<>();
        boolean expandFinal = false;
        Token close;
        if (in.at(TokenType.R_PAREN)) {
            close = in.next();
        } else {
            while (true) {
                arguments.add(parseExpression());
                Token sep = in.peek();
                if (sep.is(TokenType.ELLIPSIS)) {
                    in.next();
                    expandFinal = true;
                    close = closing(TokenType.R_PAREN, "\")\" right after \"...\"", what, open);
                    break;
                } else if (sep.is(TokenType.COMMA)) {
                    in.next();
                    if (in.at(TokenType.R_PAREN)) {
                        close = in.next();
                        break;
                    }
                } else {
                    close = closing(TokenType.R_PAREN, "\",\" or \")\"", what, open);
                    break;
                }
            }
        }
        in.popNewlines();
        return new Expression.FunctionCall(name.toString(), arguments, expandFinal, in.range(nameToken, close));
    }
}
