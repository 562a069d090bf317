package dev.lbguard.source.hcl;

import java.util.List;

/**
 * The parsers' shared position in the token list. Whether newlines count is a stack, as in HashiCorp's
 * parser: bodies and object constructors see them, parentheses, brackets and template sequences skip them.
 */
final class TokenCursor {

    /** Far deeper than any real configuration; keeps hostile input from overflowing the Java stack. */
    private static final int MAX_DEPTH = 256;

    private final String file;
    private final List<Token> tokens;
    private int pos;
    private boolean[] newlines = new boolean[16];
    private int newlineDepth;
    private int depth;
    private Token previous;

    TokenCursor(String file, List<Token> tokens, boolean newlinesSignificant) {
        this.file = file;
        this.tokens = tokens;
        this.newlines[0] = newlinesSignificant;
        this.previous = tokens.get(0);
    }

    String file() {
        return file;
    }

    /** The next token that counts, without consuming it; throws on a lexical error. */
    Token peek() throws HclSyntaxException {
        Token t = tokens.get(skip());
        if (t.is(TokenType.ERROR)) {
            throw error(t, t.text());
        }
        return t;
    }

    /** Consumes and returns the next token that counts. */
    Token next() throws HclSyntaxException {
        int i = skip();
        Token t = tokens.get(i);
        if (t.is(TokenType.ERROR)) {
            throw error(t, t.text());
        }
        if (!t.is(TokenType.EOF)) {
            pos = i + 1;
        }
        previous = t;
        return t;
    }

    /** The token {@link #next()} last returned: the end of the construct just parsed. */
    Token previous() {
        return previous;
    }

    private int skip() {
        int i = pos;
        if (!newlines[newlineDepth]) {
            while (tokens.get(i).is(TokenType.NEWLINE)) {
                i++;
            }
        }
        return i;
    }

    boolean at(TokenType type) throws HclSyntaxException {
        return peek().is(type);
    }

    /** Consumes a token of {@code type} or throws "expected {@code what}, found ...". */
    Token expect(TokenType type, String what) throws HclSyntaxException {
        Token t = peek();
        if (!t.is(type)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return next();
    }

    void pushNewlines(boolean significant) {
        if (newlineDepth + 1 == newlines.length) {
            newlines = java.util.Arrays.copyOf(newlines, newlines.length * 2);
        }
        newlines[++newlineDepth] = significant;
    }

    void popNewlines() {
        newlineDepth--;
    }

    /** Enters one level of nesting; pair with {@link #exit()}. */
    void enter(Token at) throws HclSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error(at, "nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    void exit() {
        depth--;
    }

    HclSyntaxException error(Token at, String detail) {
        return new HclSyntaxException(file, at.line(), at.column(), detail);
    }

    HclSyntaxException error(Range at, String detail) {
        return new HclSyntaxException(file, at.startLine(), at.startColumn(), detail);
    }

    Range range(Token from, Token to) {
        return new Range(file, from.line(), from.column(), to.endLine(), to.endColumn());
    }

    Range range(Token from, Node to) {
        return new Range(file, from.line(), from.column(), to.range().endLine(), to.range().endColumn());
    }

    Range range(Node from, Token to) {
        return new Range(file, from.range().startLine(), from.range().startColumn(), to.endLine(), to.endColumn());
    }

    Range range(Node from, Node to) {
        return new Range(file, from.range().startLine(), from.range().startColumn(),
                to.range().endLine(), to.range().endColumn());
    }

    static Range span(Range from, Range to) {
        return new Range(from.file(), from.startLine(), from.startColumn(), to.endLine(), to.endColumn());
    }

    static String position(Token t) {
        return t.line() + ":" + t.column();
    }
}
