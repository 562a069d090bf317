package dev.lbguard.source.hcl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits HCL native syntax into tokens in one left-to-right pass.
 *
 * <p>Like HashiCorp's scanner it is modal: a stack of open quotes, heredocs, braces and template sequences
 * decides whether the next character belongs to an expression or to template text, so that a {@code }}
 * closing {@code ${...}} hands back to the string it interrupted. The first lexical error becomes an
 * {@link TokenType#ERROR} token and ends the stream, so the parser reports errors in file order.
 */
final class HclLexer {

    // TEMPLATE is the whole input of a template file: template text that no marker closes.
    private enum FrameKind { BRACE, SEQUENCE, QUOTE, HEREDOC, TEMPLATE }

    /** An open construct; {@code marker} and {@code line/column} serve heredocs and error messages. */
    private record Frame(FrameKind kind, String marker, int line, int column) {
    }

    private final String src;
    private final int length;
    private final List<Token> tokens;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private boolean failed;
    /** Where the template literal being read began. */
    private int literalStart;

    private HclLexer(String src) {
        this.src = src;
        this.length = src.length();
        this.tokens = new ArrayList<>(length / 4 + 16); // about one token in four characters, in measured files
    }

    /** Every token of {@code src}, ending with {@link TokenType#EOF} or a single {@link TokenType#ERROR}. */
    static List<Token> tokenize(String src) {
        HclLexer lexer = new HclLexer(src);
        lexer.run();
        return lexer.tokens;
    }

    /**
     * The tokens of a bare template (a {@code templatefile} file), framed as a heredoc so that the template
     * parser reads it: a synthetic {@link TokenType#O_HEREDOC}, the template's tokens, a synthetic
     * {@link TokenType#C_HEREDOC}, then {@link TokenType#EOF}.
     */
    static List<Token> tokenizeTemplate(String src) {
        HclLexer lexer = new HclLexer(src);
        lexer.tokens.add(new Token(TokenType.O_HEREDOC, "", 1, 1, 1, 1));
        lexer.frames.push(new Frame(FrameKind.TEMPLATE, "", 1, 1));
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (!failed && pos < length) {
            Frame top = frames.peek();
            if (top != null && top.kind() == FrameKind.QUOTE) {
                lexQuoted(top);
            } else if (top != null && top.kind() == FrameKind.HEREDOC) {
                lexHeredoc(top);
            } else if (top != null && top.kind() == FrameKind.TEMPLATE) {
                lexTemplateLine();
            } else {
                lexNormal();
            }
        }
        if (failed) {
            return;
        }
        Frame top = frames.peek();
        if (top != null && top.kind() == FrameKind.QUOTE) {
            fail(top.line(), top.column(), "unterminated string: the quote opened here is never closed");
        } else if (top != null && top.kind() == FrameKind.HEREDOC) {
            fail(top.line(), top.column(), "unterminated heredoc: no line \"" + top.marker()
                    + "\" closes the heredoc opened here");
        } else if (top != null && top.kind() == FrameKind.TEMPLATE) {
            frames.pop();
            tokens.add(new Token(TokenType.C_HEREDOC, "", line, column(), line, column()));
            tokens.add(new Token(TokenType.EOF, "", line, column(), line, column()));
        } else {
            tokens.add(new Token(TokenType.EOF, "", line, column(), line, column()));
        }
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private void fail(int atLine, int atColumn, String message) {
        tokens.add(new Token(TokenType.ERROR, message, atLine, atColumn, atLine, atColumn));
        failed = true;
    }

    private char at(int i) {
        return i < length ? src.charAt(i) : '\0';
    }

    /** Adds a token from {@code (startLine, startColumn)} to the current position. */
    private void emit(TokenType type, String text, int startLine, int startColumn) {
        tokens.add(new Token(type, text, startLine, startColumn, line, column()));
    }

    /** Emits a token spelled by the next {@code n} characters, which contain no newline. */
    private void punct(TokenType type, int n) {
        int startColumn = column();
        String text = src.substring(pos, pos + n);
        pos += n;
        emit(type, text, line, startColumn);
    }

    private void newlineConsumed() {
        line++;
        lineStart = pos;
    }

    private void lexNormal() {
        char c = src.charAt(pos);
        switch (c) {
            case ' ', '\t', '\r' -> pos = Extents.blanksEnd(src, pos + 1); // indentation: a run at a time
            case '\n' -> {
                int startColumn = column();
                pos++;
                tokens.add(new Token(TokenType.NEWLINE, "\n", line, startColumn, line, startColumn + 1));
                newlineConsumed();
            }
            case '#' -> pos = Extents.lineEnd(src, pos); // the newline ends it, for lexNormal
            case '/' -> {
                if (at(pos + 1) == '/') {
                    pos = Extents.lineEnd(src, pos);
                } else if (at(pos + 1) == '*') {
                    skipBlockComment();
                } else {
                    punct(TokenType.SLASH, 1);
                }
            }
            case '"' -> {
                frames.push(new Frame(FrameKind.QUOTE, "", line, column()));
                punct(TokenType.O_QUOTE, 1);
            }
            case '{' -> {
                frames.push(new Frame(FrameKind.BRACE, "", line, column()));
                punct(TokenType.L_BRACE, 1);
            }
            case '}' -> closeBrace(1);
            case '~' -> {
                Frame top = frames.peek();
                if (at(pos + 1) == '}' && top != null && top.kind() == FrameKind.SEQUENCE) {
                    closeBrace(2);
                } else {
                    invalidCharacter();
                }
            }
            case '<' -> {
                if (at(pos + 1) == '<') {
                    lexHeredocIntroducer();
                } else {
                    either('=', TokenType.LESS_EQUAL, TokenType.LESS);
                }
            }
            case '>' -> either('=', TokenType.GREATER_EQUAL, TokenType.GREATER);
            case '=' -> {
                if (at(pos + 1) == '=') {
                    punct(TokenType.EQUAL_EQUAL, 2);
                } else if (at(pos + 1) == '>') {
                    punct(TokenType.FAT_ARROW, 2);
                } else {
                    punct(TokenType.EQUAL, 1);
                }
            }
            case '!' -> either('=', TokenType.NOT_EQUAL, TokenType.BANG);
            case '&' -> pairOrInvalid('&', TokenType.AND);
            case '|' -> pairOrInvalid('|', TokenType.OR);
            case '.' -> {
                if (at(pos + 1) == '.' && at(pos + 2) == '.') {
                    punct(TokenType.ELLIPSIS, 3);
                } else {
                    punct(TokenType.DOT, 1);
                }
            }
            case ':' -> either(':', TokenType.DOUBLE_COLON, TokenType.COLON);
            case '[' -> punct(TokenType.L_BRACK, 1);
            case ']' -> punct(TokenType.R_BRACK, 1);
            case '(' -> punct(TokenType.L_PAREN, 1);
            case ')' -> punct(TokenType.R_PAREN, 1);
            case ',' -> punct(TokenType.COMMA, 1);
            case '?' -> punct(TokenType.QUESTION, 1);
            case '+' -> punct(TokenType.PLUS, 1);
            case '-' -> punct(TokenType.MINUS, 1);
            case '*' -> punct(TokenType.STAR, 1);
            case '%' -> punct(TokenType.PERCENT, 1);
            default -> {
                if (Extents.isDigit(c)) {
                    lexNumber();
                } else if (Extents.isIdentifierStart(src.codePointAt(pos))) {
                    lexIdentifier();
                } else {
                    invalidCharacter();
                }
            }
        }
    }

    /** A two-char token when the next char is {@code second}, else the one-char token. */
    private void either(char second, TokenType two, TokenType one) {
        if (at(pos + 1) == second) {
            punct(two, 2);
        } else {
            punct(one, 1);
        }
    }

    private void pairOrInvalid(char c, TokenType type) {
        if (at(pos + 1) == c) {
            punct(type, 2);
        } else {
            invalidCharacter();
        }
    }

    private void invalidCharacter() {
        int cp = src.codePointAt(pos);
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? String.format("U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'";
        fail(line, column(), "invalid character " + shown);
    }

    /** A {@code }} closes a template sequence (back to the template) or an ordinary brace. */
    private void closeBrace(int n) {
        Frame top = frames.peek();
        if (top != null && top.kind() == FrameKind.SEQUENCE) {
            frames.pop();
            punct(TokenType.TEMPLATE_SEQ_END, n);
        } else {
            if (top != null) {
                frames.pop();
            }
            punct(TokenType.R_BRACE, 1);
        }
    }

    private void skipBlockComment() {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
            fail(line, column(), "unterminated comment: \"/*\" has no closing \"*/\"");
            return;
        }
        for (int i = src.indexOf('\n', pos); i >= 0 && i < end; i = src.indexOf('\n', i + 1)) {
            pos = i + 1;
            newlineConsumed();
        }
        pos = end + 2;
    }

    private void lexNumber() {
        int start = pos;
        int startColumn = column();
        pos = Extents.numberEnd(src, pos);
        emit(TokenType.NUMBER, src.substring(start, pos), line, startColumn);
    }

    private void lexIdentifier() {
        int startColumn = column();
        int end = Extents.identifierEnd(src, pos);
        String text = src.substring(pos, end);
        pos = end;
        emit(TokenType.IDENT, text, line, startColumn);
    }

    private void lexHeredocIntroducer() {
        int startColumn = column();
        int nameStart = pos + 2 + (at(pos + 2) == '-' ? 1 : 0);
        int nameEnd = Extents.identifierEnd(src, nameStart);
        int eol = nameEnd + (at(nameEnd) == '\r' ? 1 : 0);
        if (nameEnd == nameStart || at(eol) != '\n') {
            fail(line, startColumn, "invalid heredoc: \"<<\" must be followed by an identifier and a newline");
            return;
        }
        String text = src.substring(pos, nameEnd);
        frames.push(new Frame(FrameKind.HEREDOC, src.substring(nameStart, nameEnd), line, startColumn));
        pos = nameEnd;
        emit(TokenType.O_HEREDOC, text, line, startColumn);
        pos = eol + 1;
        newlineConsumed();
    }

    private void lexQuoted(Frame quote) {
        literalStart = pos;
        int startLine = line;
        int startColumn = column();
        StringBuilder text = new StringBuilder();
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '"') {
                flushLiteral(text, startLine, startColumn);
                frames.pop();
                punct(TokenType.C_QUOTE, 1);
                return;
            } else if (c == '\n' || (c == '\r' && at(pos + 1) == '\n')) {
                fail(quote.line(), quote.column(),
                        "unterminated string: a quoted string must close on the line where it opens");
                return;
            } else if (c == '\\') {
                StringEscapes.Decoded escape = StringEscapes.decode(src, pos, text);
                if (escape.error().isPresent()) {
                    fail(line, column(), escape.error().get());
                    return;
                }
                pos += escape.length();
            } else if (!lexTemplateText(c, text, startLine, startColumn)) {
                return;
            }
        }
        flushLiteral(text, startLine, startColumn);
    }

    /**
     * Handles one character of template text shared by quoted strings and heredocs: {@code ${} and {@code %{}
     * open a sequence (returns false: the literal is over), {@code $${} and {@code %%{} are escapes.
     */
    private boolean lexTemplateText(char c, StringBuilder text, int startLine, int startColumn) {
        if ((c == '$' || c == '%') && at(pos + 1) == '{') {
            flushLiteral(text, startLine, startColumn);
            frames.push(new Frame(FrameKind.SEQUENCE, "", line, column()));
            boolean strip = at(pos + 2) == '~';
            punct(c == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL, strip ? 3 : 2);
            return false;
        }
        if ((c == '$' || c == '%') && at(pos + 1) == c && at(pos + 2) == '{') {
            text.append(c).append('{');
            pos += 3;
            return true;
        }
        text.append(c);
        pos++;
        return true;
    }

    /** Emits the literal text read since {@code literalStart}, if any. */
    private void flushLiteral(StringBuilder text, int startLine, int startColumn) {
        if (pos > literalStart) {
            emit(TokenType.TEMPLATE_LITERAL, text.toString(), startLine, startColumn);
        }
    }

    private void lexHeredoc(Frame heredoc) {
        if (pos == lineStart && closesHeredoc(heredoc)) {
            return;
        }
        lexTemplateLine();
    }

    /**
     * Template text up to the end of the line or the next sequence: a heredoc's body, or a template file's, which
     * is one without a closing marker. One literal token per line at most, as in HCL: indentation and strip
     * markers ({@code ~}) work line by line, so a strip marker keeps the next line's indentation.
     */
    private void lexTemplateLine() {
        literalStart = pos;
        int startLine = line;
        int startColumn = column();
        StringBuilder text = new StringBuilder();
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '\n') {
                text.append(c);
                pos++;
                emit(TokenType.TEMPLATE_LITERAL, text.toString(), startLine, startColumn);
                newlineConsumed();
                return;
            }
            if (!lexTemplateText(c, text, startLine, startColumn)) {
                return;
            }
        }
        flushLiteral(text, startLine, startColumn);
    }

    /** At the start of a line: if the line is the closing marker, emits it and leaves heredoc mode. */
    private boolean closesHeredoc(Frame heredoc) {
        int last = Extents.heredocCloserEnd(src, pos, heredoc.marker());
        if (last < 0) {
            return false;
        }
        int startColumn = column();
        pos = last;
        emit(TokenType.C_HEREDOC, heredoc.marker(), line, startColumn);
        pos = Extents.lineEnd(src, pos);
        frames.pop();
        return true;
    }
}
