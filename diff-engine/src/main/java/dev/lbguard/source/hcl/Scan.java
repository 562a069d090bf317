package dev.lbguard.source.hcl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One run of the lexer over a source: the position reached, the stack of open constructs that decides the
 * lexer's mode, and the tokens so far. {@link HclLexer} and {@link TemplateTextLexer} move it forward in turn.
 */
final class Scan {

    // TEMPLATE is the whole input of a template file: template text that no marker closes.
    enum FrameKind { BRACE, SEQUENCE, QUOTE, HEREDOC, TEMPLATE }

    /** An open construct; {@code marker} and {@code line/column} serve heredocs and error messages. */
    record Frame(FrameKind kind, String marker, int line, int column) {
    }

    final String src;
    final int length;
    final List<Token> tokens;
    final Deque<Frame> frames = new ArrayDeque<>();
    int pos;
    int line = 1;
    int lineStart;
    boolean failed;

    Scan(String src) {
        this.src = src;
        this.length = src.length();
        this.tokens = new ArrayList<>(length / 4 + 16); // about one token in four characters, in measured files
    }

    int column() {
        return pos - lineStart + 1;
    }

    void fail(int atLine, int atColumn, String message) {
        tokens.add(new Token(TokenType.ERROR, message, atLine, atColumn, atLine, atColumn));
        failed = true;
    }

    char at(int i) {
        return i < length ? src.charAt(i) : '\0';
    }

    /**
     * The one copy of an identifier: interned, so that an attribute's name is the very string of the constant that
     * later looks it up ({@code "listener_arn"}), which then compares by identity, not character by character;
     * interned once per distinct name and source.
     */
    String name(String identifier) {
        return names.computeIfAbsent(identifier, String::intern);
    }

    private final java.util.Map<String, String> names = new java.util.HashMap<>();

    /** Adds a token from {@code (startLine, startColumn)} to the current position. */
    void emit(TokenType type, String text, int startLine, int startColumn) {
        tokens.add(new Token(type, text, startLine, startColumn, line, column()));
    }

    /** Emits a token spelled by the next {@code n} characters, which contain no newline. */
    void punct(TokenType type, int n) {
        int startColumn = column();
        String text = src.substring(pos, pos + n);
        pos += n;
        emit(type, text, line, startColumn);
    }

    void newlineConsumed() {
        line++;
        lineStart = pos;
    }
}
