package dev.lbguard.source.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collection constructors: tuples {@code [a, b]}, objects {@code {k = v}} and the for-expressions written inside
 * their brackets. Newlines separate an object's items but not a tuple's elements.
 */
final class CollectionParser {

    private final TokenCursor in;
    private final ExpressionParser expressions;

    CollectionParser(TokenCursor in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    Expression parseTuple() throws HclSyntaxException {
        Token open = in.next();
        in.pushNewlines(false);
        try {
            if (in.peek().isKeyword("for")) {
                return parseFor(open, TokenType.R_BRACK);
            }
            List<Expression> elements = new ArrayList<>();
            while (!in.at(TokenType.R_BRACK)) {
                elements.add(expressions.parseExpression());
                if (!in.at(TokenType.COMMA)) {
                    break;
                }
                in.next();
            }
            Token close = expressions.closing(TokenType.R_BRACK, elements.isEmpty() ? "\"]\"" : "\",\" or \"]\"",
                    "the tuple", open);
            return new Expression.Tuple(elements, in.range(open, close));
        } finally {
            in.popNewlines();
        }
    }

    Expression parseObject() throws HclSyntaxException {
        Token open = in.next();
        in.pushNewlines(false);
        boolean isFor = in.peek().isKeyword("for");
        in.popNewlines();
        if (isFor) {
            in.pushNewlines(false);
            try {
                return parseFor(open, TokenType.R_BRACE);
            } finally {
                in.popNewlines();
            }
        }
        // Newlines separate items, so they count here, unlike in tuples.
        in.pushNewlines(true);
        List<Expression.ObjectItem> items = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.is(TokenType.NEWLINE)) {
                in.next();
                continue;
            }
            if (t.is(TokenType.R_BRACE) || t.is(TokenType.EOF)) {
                break;
            }
            boolean parenthesized = t.is(TokenType.L_PAREN);
            Expression keyExpression = expressions.parseExpression();
            Optional<String> literal = !parenthesized && keyExpression instanceof Expression.Variable v
                    ? Optional.of(v.name()) : Optional.empty();
            Expression.ObjectKey key = new Expression.ObjectKey(literal, keyExpression, keyExpression.range());
            Token sep = in.peek();
            if (!sep.is(TokenType.EQUAL) && !sep.is(TokenType.COLON)) {
                throw in.error(sep, "expected \"=\" or \":\" after the object key, found " + sep.describe());
            }
            in.next();
            Expression value = expressions.parseExpression();
            items.add(new Expression.ObjectItem(key, value, in.range(key, value)));
            Token after = in.peek();
            if (after.is(TokenType.COMMA) || after.is(TokenType.NEWLINE)) {
                in.next();
            } else if (!after.is(TokenType.R_BRACE) && !after.is(TokenType.EOF)) {
                throw in.error(after, "expected a comma or a newline after the object item, found "
                        + after.describe());
            }
        }
        Token close = expressions.closing(TokenType.R_BRACE, "\"}\"", "the object", open);
        in.popNewlines();
        return new Expression.ObjectCons(items, in.range(open, close));
    }

    /** {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value... if cond}}. */
    private Expression parseFor(Token open, TokenType closeType) throws HclSyntaxException {
        boolean object = closeType == TokenType.R_BRACE;
        in.next(); // "for"
        Token first = in.expect(TokenType.IDENT, "a variable name after \"for\"");
        Optional<String> keyVariable = Optional.empty();
        String valueVariable = first.text();
        if (in.at(TokenType.COMMA)) {
            in.next();
            keyVariable = Optional.of(valueVariable);
            valueVariable = in.expect(TokenType.IDENT, "a value variable name after \",\"").text();
        }
        Token keyword = in.peek();
        if (!keyword.isKeyword("in")) {
            throw in.error(keyword, "expected \"in\" after the for-expression's variables, found "
                    + keyword.describe());
        }
        in.next();
        Expression collection = expressions.parseExpression();
        in.expect(TokenType.COLON, "\":\" after the collection of the for-expression");
        Expression value = expressions.parseExpression();
        Optional<Expression> keyResult = Optional.empty();
        if (in.at(TokenType.FAT_ARROW)) {
            Token arrow = in.next();
            if (!object) {
                throw in.error(arrow, "a tuple for-expression [for ...] has no key: \"=>\" is only for {for ...}");
            }
            keyResult = Optional.of(value);
            value = expressions.parseExpression();
        } else if (object) {
            throw in.error(in.peek(), "expected \"=>\" after the key of the object for-expression, found "
                    + in.peek().describe());
        }
        boolean grouping = false;
        if (in.at(TokenType.ELLIPSIS)) {
            Token ellipsis = in.next();
            if (!object) {
                throw in.error(ellipsis, "grouping (...) is only for object for-expressions {for ...}");
            }
            grouping = true;
        }
        Optional<Expression> condition = Optional.empty();
        if (in.peek().isKeyword("if")) {
            in.next();
            condition = Optional.of(expressions.parseExpression());
        }
        Token close = expressions.closing(closeType, object ? "\"}\"" : "\"]\"", "the for-expression", open);
        return new Expression.For(keyVariable, valueVariable, collection, keyResult, value, condition, grouping,
                in.range(open, close));
    }
}
