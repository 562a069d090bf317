package dev.lbguard.source.hcl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses HCL native syntax (HashiCorp's {@code hclsyntax} specification) into a position-carrying syntax
 * tree, without evaluating anything. Linear in the input; every failure is an {@link HclSyntaxException}.
 */
public final class HclParser {
    /**
     * The magnitude a number may have, in decimal digits before or after the point: written out, 1e1000000000 is a
     * gigabyte of digits, and no configuration means such a number.
     */
    public static final int MAX_NUMBER_DIGITS = 10_000;

    /** Whether {@code n} has more than {@link #MAX_NUMBER_DIGITS} digits before or after its point. */
    public static boolean tooManyDigits(java.math.BigDecimal n) {
        return n.signum() != 0 && Math.abs((long) n.precision() - n.scale()) > MAX_NUMBER_DIGITS;
    }

    /**
     * The number spelled {@code text} (a number token of native or JSON syntax), or the error {@code fail} makes of
     * why lbguard does not read it: an exponent beyond an int, or more than {@link #MAX_NUMBER_DIGITS} digits.
     */
    public static java.math.BigDecimal number(String text,
                                              java.util.function.Function<String, HclSyntaxException> fail)
            throws HclSyntaxException {
        java.math.BigDecimal n;
        try {
            n = new java.math.BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail.apply("invalid number " + abbreviated(text) + ": the exponent is out of range");
        }
        if (tooManyDigits(n)) {
            throw fail.apply("number " + abbreviated(text) + " has more than " + MAX_NUMBER_DIGITS
                    + " digits before or after the point; lbguard does not read it");
        }
        return n;
    }

    /** {@code text}, or its head and tail when longer than 40 characters: for messages quoting a token. */
    public static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
    }


    private final TokenCursor in;
    private final ExpressionParser expressions;

    private HclParser(TokenCursor in) {
        this.in = in;
        this.expressions = new ExpressionParser(in);
    }

    /** Parses a whole file: a configuration body of attributes and blocks. */
    public static HclFile parse(String path, String text) throws HclSyntaxException {
        HclParser parser = new HclParser(new TokenCursor(path, HclLexer.tokenize(text), true));
        return new HclFile(path, parser.parseFile());
    }

    /**
     * Parses a part of a file that begins at the start of its line {@code firstLine} as a body of attributes and
     * blocks, positioned in the file; the body's range ends where the part ends.
     */
    static Body parseBody(String path, String text, int firstLine) throws HclSyntaxException {
        return new HclParser(new TokenCursor(path, HclLexer.tokenize(text, firstLine), true)).parseFile();
    }

    /** Parses one expression, such as the value of {@code -var name=value}; newlines are insignificant. */
    public static Expression parseExpression(String path, String text) throws HclSyntaxException {
        return parseExpression(path, text, SourceMap.IDENTITY);
    }

    /** Parses one expression that stands in its file where {@code map} says, such as a JSON string's content. */
    public static Expression parseExpression(String path, String text, SourceMap map) throws HclSyntaxException {
        TokenCursor in = new TokenCursor(path, relocate(HclLexer.tokenize(text), map), false);
        Expression expression = new ExpressionParser(in).parseExpression();
        Token end = in.peek();
        if (!end.is(TokenType.EOF)) {
            throw in.error(end, "expected the end of the expression, found " + end.describe());
        }
        return expression;
    }

    /**
     * Parses a template file, as {@code templatefile} reads one: template text with {@code ${...}} and
     * {@code %{...}} sequences and no quotes or heredoc markers around it.
     */
    public static Expression.Template parseTemplate(String path, String text) throws HclSyntaxException {
        return parseTemplate(path, text, SourceMap.IDENTITY);
    }

    /**
     * Parses template text that stands in its file where {@code map} says: a string of Terraform's JSON syntax, which
     * is a template without quotes once JSON's escapes are decoded. Positions, of nodes and of errors, are the file's.
     */
    public static Expression.Template parseTemplate(String path, String text, SourceMap map)
            throws HclSyntaxException {
        TokenCursor in = new TokenCursor(path, relocate(HclLexer.tokenizeTemplate(text), map), true);
        Expression.Template template = new TemplateParser(in, new ExpressionParser(in)).parseTemplate();
        Token end = in.peek();
        if (!end.is(TokenType.EOF)) {
            throw in.error(end, "expected the end of the template, found " + end.describe());
        }
        return template;
    }

    private static List<Token> relocate(List<Token> tokens, SourceMap map) {
        if (map == SourceMap.IDENTITY) {
            return tokens;
        }
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            SourceMap.Position start = map.at(t.line(), t.column());
            SourceMap.Position end = map.at(t.endLine(), t.endColumn());
            out.add(new Token(t.type(), t.text(), start.line(), start.column(), end.line(), end.column()));
        }
        return out;
    }

    private Body parseFile() throws HclSyntaxException {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        parseItems(attributes, blocks);
        Token end = in.peek();
        if (!end.is(TokenType.EOF)) {
            throw in.error(end, "expected an attribute name or block type, found " + end.describe());
        }
        return new Body(attributes, blocks, new Range(in.file(), 1, 1, end.line(), end.column()));
    }

    /** Reads attributes and blocks until a token that cannot start one ({@code }} or end of file). */
    private void parseItems(List<Attribute> attributes, List<Block> blocks) throws HclSyntaxException {
        Map<String, Attribute> seen = new HashMap<>();
        while (true) {
            Token t = in.peek();
            if (t.is(TokenType.NEWLINE)) {
                in.next();
                continue;
            }
            if (t.is(TokenType.R_BRACE) || t.is(TokenType.EOF)) {
                return;
            }
            if (!t.is(TokenType.IDENT)) {
                throw in.error(t, "expected an attribute name or block type, found " + t.describe());
            }
            in.next();
            Token after = in.peek();
            if (after.is(TokenType.EQUAL)) {
                Attribute attribute = parseAttribute(t);
                Attribute earlier = seen.putIfAbsent(attribute.name(), attribute);
                if (earlier != null) {
                    throw in.error(t, "the attribute \"" + t.text() + "\" is already set at "
                            + earlier.nameRange().startLine() + ":" + earlier.nameRange().startColumn());
                }
                endOfLine("the attribute \"" + t.text() + "\"");
                attributes.add(attribute);
            } else if (after.is(TokenType.IDENT) || after.is(TokenType.O_QUOTE) || after.is(TokenType.L_BRACE)) {
                in.enter(t);
                blocks.add(parseBlock(t));
                in.exit();
                endOfLine("the block \"" + t.text() + "\"");
            } else {
                throw in.error(after, "expected \"=\" or a block after \"" + t.text() + "\", found "
                        + after.describe());
            }
        }
    }

    private Attribute parseAttribute(Token name) throws HclSyntaxException {
        in.next(); // "="
        Expression expression = expressions.parseExpression();
        return new Attribute(name.text(), expression, in.range(name, name), in.range(name, expression));
    }

    private void endOfLine(String what) throws HclSyntaxException {
        Token t = in.peek();
        if (t.is(TokenType.NEWLINE)) {
            in.next();
        } else if (!t.is(TokenType.EOF)) {
            String hint = t.is(TokenType.COMMA) ? " (attributes are separated by newlines, not commas)" : "";
            throw in.error(t, "expected a newline after " + what + ", found " + t.describe() + hint);
        }
    }

    private Block parseBlock(Token type) throws HclSyntaxException {
        // Labels interned: a few words (resource types above all) that evaluation compares with its constants
        // and looks up, for every resource at every commit of a history; equal to a constant means the same object.
        List<String> labels = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.is(TokenType.IDENT)) {
                labels.add(in.next().text().intern());
            } else if (t.is(TokenType.O_QUOTE)) {
                labels.add(parseLabel().intern());
            } else if (t.is(TokenType.L_BRACE)) {
                break;
            } else {
                throw in.error(t, "expected a label or \"{\" to open the block \"" + type.text() + "\", found "
                        + t.describe());
            }
        }
        Token open = in.next();
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Token next = in.peek();
        if (next.is(TokenType.NEWLINE) || next.is(TokenType.R_BRACE) || next.is(TokenType.EOF)) {
            parseItems(attributes, blocks);
        } else {
            attributes.add(parseOneLineAttribute(type));
        }
        Token close = in.peek();
        if (!close.is(TokenType.R_BRACE)) {
            String detail = "expected \"}\" to close the block \"" + type.text() + "\" opened at "
                    + TokenCursor.position(open) + ", found " + close.describe();
            if (close.is(TokenType.EOF)) {
                // The end of the file is rarely where the brace is missing; the open block is the useful place.
                throw in.error(open, detail);
            }
            if (next.is(TokenType.NEWLINE) || next.is(TokenType.R_BRACE)) {
                throw in.error(close, detail);
            }
            throw in.error(close, detail + " (a one-line block holds at most one attribute)");
        }
        in.next();
        return new Block(type.text(), labels, new Body(attributes, blocks, in.range(open, close)),
                in.range(type, close));
    }

    private Attribute parseOneLineAttribute(Token type) throws HclSyntaxException {
        Token name = in.peek();
        if (!name.is(TokenType.IDENT)) {
            throw in.error(name, "expected an attribute name in the one-line block \"" + type.text() + "\", found "
                    + name.describe());
        }
        in.next();
        Token eq = in.peek();
        if (!eq.is(TokenType.EQUAL)) {
            throw in.error(eq, "expected \"=\" after \"" + name.text() + "\": a one-line block holds one attribute"
                    + " and no blocks, found " + eq.describe());
        }
        return parseAttribute(name);
    }

    /** A quoted block label: a string literal without interpolation. */
    private String parseLabel() throws HclSyntaxException {
        in.next();
        Token t = in.next();
        String text = "";
        if (t.is(TokenType.TEMPLATE_LITERAL)) {
            text = t.text();
            t = in.next();
        }
        if (!t.is(TokenType.C_QUOTE)) {
            throw in.error(t, "a block label must be a plain string, found " + t.describe());
        }
        return text;
    }
}
