package dev.lbguard.source.hcl;

import dev.lbguard.source.hcl.Scan.Frame;
import dev.lbguard.source.hcl.Scan.FrameKind;
import java.util.List;

/**
 * Splits HCL native syntax into tokens in one left-to-right pass.
 *
 * <p>Like HashiCorp's scanner it is modal: a stack of open quotes, heredocs, braces and template sequences
 * decides whether the next character belongs to an expression or to template text, so that a {@code }}
 * closing {@code ${...}} hands back to the string it interrupted. This class reads expressions and switches
 * modes; {@link TemplateTextLexer} reads template text. The first lexical error becomes an
 * {@link TokenType#ERROR} token and ends the stream, so the parser reports errors in file order.
 */
final class HclLexer {

    private final Scan scan;
    private final TemplateTextLexer templateText;

    private HclLexer(String src) {
        this.scan = new Scan(src);
        this.templateText = new TemplateTextLexer(scan);
    }

    /** Every token of {@code src}, ending with {@link TokenType#EOF} or a single {@link TokenType#ERROR}. */
    static List<Token> tokenize(String src) {
        return tokenize(src, 1);
    }

    /** The tokens of {@code src}, a part of a file that begins at the start of the file's line {@code firstLine}. */
    static List<Token> tokenize(String src, int firstLine) {
        HclLexer lexer = new HclLexer(src);
        lexer.scan.line = firstLine;
        lexer.run();
        return lexer.scan.tokens;
    }

    /**
     * The tokens of a bare template (a {@code templatefile} file), framed as a heredoc so that the template
     * parser reads it: a synthetic {@link TokenType#O_HEREDOC}, the template's tokens, a synthetic
     * {@link TokenType#C_HEREDOC}, then {@link TokenType#EOF}.
     */
    static List<Token> tokenizeTemplate(String src) {
        HclLexer lexer = new HclLexer(src);
        lexer.scan.tokens.add(new Token(TokenType.O_HEREDOC, "", 1, 1, 1, 1));
        lexer.scan.frames.push(new Frame(FrameKind.TEMPLATE, "", 1, 1));
        lexer.run();
        return lexer.scan.tokens;
    }

    private void run() {
        while (!scan.failed && scan.pos < scan.length) {
            Frame top = scan.frames.peek();
            if (top != null && top.kind() == FrameKind.QUOTE) {
                templateText.lexQuoted(top);
            } else if (top != null && top.kind() == FrameKind.HEREDOC) {
                templateText.lexHeredoc(top);
            } else if (top != null && top.kind() == FrameKind.TEMPLATE) {
                templateText.lexTemplateLine();
            } else {
                lexNormal();
            }
        }
        if (scan.failed) {
            return;
        }
        Frame top = scan.frames.peek();
        if (top != null && top.kind() == FrameKind.QUOTE) {
            scan.fail(top.line(), top.column(), "unterminated string: the quote opened here is never closed");
        } else if (top != null && top.kind() == FrameKind.HEREDOC) {
            scan.fail(top.line(), top.column(), "unterminated heredoc: no line \"" + top.marker()
                    + "\" closes the heredoc opened here");
        } else if (top != null && top.kind() == FrameKind.TEMPLATE) {
            scan.frames.pop();
            scan.tokens.add(new Token(TokenType.C_HEREDOC, "", scan.line, scan.column(), scan.line, scan.column()));
            scan.tokens.add(new Token(TokenType.EOF, "", scan.line, scan.column(), scan.line, scan.column()));
        } else {
            scan.tokens.add(new Token(TokenType.EOF, "", scan.line, scan.column(), scan.line, scan.column()));
        }
    }

    private void lexNormal() {
        char c = scan.src.charAt(scan.pos);
        switch (c) {
            // Indentation: a run at a time.
            case ' ', '\t', '\r' -> scan.pos = Extents.blanksEnd(scan.src, scan.pos + 1);
            case '\n' -> {
                int startColumn = scan.column();
                scan.pos++;
                scan.tokens.add(new Token(TokenType.NEWLINE, "\n", scan.line, startColumn, scan.line, startColumn + 1));
                scan.newlineConsumed();
            }
            case '#' -> scan.pos = Extents.lineEnd(scan.src, scan.pos); // the newline ends it, for lexNormal
            case '/' -> {
                if (scan.at(scan.pos + 1) == '/') {
                    scan.pos = Extents.lineEnd(scan.src, scan.pos);
                } else if (scan.at(scan.pos + 1) == '*') {
                    skipBlockComment();
                } else {
                    scan.punct(TokenType.SLASH, 1);
                }
            }
            case '"' -> {
                scan.frames.push(new Frame(FrameKind.QUOTE, "", scan.line, scan.column()));
                scan.punct(TokenType.O_QUOTE, 1);
            }
            case '{' -> {
                scan.frames.push(new Frame(FrameKind.BRACE, "", scan.line, scan.column()));
                scan.punct(TokenType.L_BRACE, 1);
            }
            case '}' -> closeBrace(1);
            case '~' -> {
                Frame top = scan.frames.peek();
                if (scan.at(scan.pos + 1) == '}' && top != null && top.kind() == FrameKind.SEQUENCE) {
                    closeBrace(2);
                } else {
                    invalidCharacter();
                }
            }
            case '<' -> {
                if (scan.at(scan.pos + 1) == '<') {
                    lexHeredocIntroducer();
                } else {
                    either('=', TokenType.LESS_EQUAL, TokenType.LESS);
                }
            }
            case '>' -> either('=', TokenType.GREATER_EQUAL, TokenType.GREATER);
            case '=' -> {
                if (scan.at(scan.pos + 1) == '=') {
                    scan.punct(TokenType.EQUAL_EQUAL, 2);
                } else if (scan.at(scan.pos + 1) == '>') {
                    scan.punct(TokenType.FAT_ARROW, 2);
                } else {
                    scan.punct(TokenType.EQUAL, 1);
                }
            }
            case '!' -> either('=', TokenType.NOT_EQUAL, TokenType.BANG);
            case '&' -> pairOrInvalid('&', TokenType.AND);
            case '|' -> pairOrInvalid('|', TokenType.OR);
            case '.' -> {
                if (scan.at(scan.pos + 1) == '.' && scan.at(scan.pos + 2) == '.') {
                    scan.punct(TokenType.ELLIPSIS, 3);
                } else {
                    scan.punct(TokenType.DOT, 1);
                }
            }
            case ':' -> either(':', TokenType.DOUBLE_COLON, TokenType.COLON);
            case '[' -> scan.punct(TokenType.L_BRACK, 1);
            case ']' -> scan.punct(TokenType.R_BRACK, 1);
            case '(' -> scan.punct(TokenType.L_PAREN, 1);
            case ')' -> scan.punct(TokenType.R_PAREN, 1);
            case ',' -> scan.punct(TokenType.COMMA, 1);
            case '?' -> scan.punct(TokenType.QUESTION, 1);
            case '+' -> scan.punct(TokenType.PLUS, 1);
            case '-' -> scan.punct(TokenType.MINUS, 1);
            case '*' -> scan.punct(TokenType.STAR, 1);
            case '%' -> scan.punct(TokenType.PERCENT, 1);
            default -> {
                if (Extents.isDigit(c)) {
                    lexNumber();
                } else if (Extents.isIdentifierStart(scan.src.codePointAt(scan.pos))) {
                    lexIdentifier();
                } else {
                    invalidCharacter();
                }
            }
        }
    }

    /** A two-char token when the next char is {@code second}, else the one-char token. */
    private void either(char second, TokenType two, TokenType one) {
        if (scan.at(scan.pos + 1) == second) {
            scan.punct(two, 2);
        } else {
            scan.punct(one, 1);
        }
    }

    private void pairOrInvalid(char c, TokenType type) {
        if (scan.at(scan.pos + 1) == c) {
            scan.punct(type, 2);
        } else {
            invalidCharacter();
        }
    }

    private void invalidCharacter() {
        int cp = scan.src.codePointAt(scan.pos);
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? String.format("U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'";
        scan.fail(scan.line, scan.column(), "invalid character " + shown);
    }

    /** A {@code }} closes a template sequence (back to the template) or an ordinary brace. */
    private void closeBrace(int n) {
        Frame top = scan.frames.peek();
        if (top != null && top.kind() == FrameKind.SEQUENCE) {
            scan.frames.pop();
            scan.punct(TokenType.TEMPLATE_SEQ_END, n);
        } else {
            if (top != null) {
                scan.frames.pop();
            }
            scan.punct(TokenType.R_BRACE, 1);
        }
    }

    private void skipBlockComment() {
        int end = scan.src.indexOf("*/", scan.pos + 2);
        if (end < 0) {
            scan.fail(scan.line, scan.column(), "unterminated comment: \"/*\" has no closing \"*/\"");
            return;
        }
        for (int i = scan.src.indexOf('\n', scan.pos); i >= 0 && i < end; i = scan.src.indexOf('\n', i + 1)) {
            scan.pos = i + 1;
            scan.newlineConsumed();
        }
        scan.pos = end + 2;
    }

    private void lexNumber() {
        int start = scan.pos;
        int startColumn = scan.column();
        scan.pos = Extents.numberEnd(scan.src, scan.pos);
        scan.emit(TokenType.NUMBER, scan.src.substring(start, scan.pos), scan.line, startColumn);
    }

    private void lexIdentifier() {
        int startColumn = scan.column();
        int end = Extents.identifierEnd(scan.src, scan.pos);
        String text = scan.name(scan.src.substring(scan.pos, end));
        scan.pos = end;
        scan.emit(TokenType.IDENT, text, scan.line, startColumn);
    }

    private void lexHeredocIntroducer() {
        int startColumn = scan.column();
        int nameStart = scan.pos + 2 + (scan.at(scan.pos + 2) == '-' ? 1 : 0);
        int nameEnd = Extents.identifierEnd(scan.src, nameStart);
        int eol = nameEnd + (scan.at(nameEnd) == '\r' ? 1 : 0);
        if (nameEnd == nameStart || scan.at(eol) != '\n') {
            scan.fail(scan.line, startColumn,
                    "invalid heredoc: \"<<\" must be followed by an identifier and a newline");
            return;
        }
        String text = scan.src.substring(scan.pos, nameEnd);
        scan.frames.push(new Frame(FrameKind.HEREDOC, scan.src.substring(nameStart, nameEnd), scan.line, startColumn));
        scan.pos = nameEnd;
        scan.emit(TokenType.O_HEREDOC, text, scan.line, startColumn);
        scan.pos = eol + 1;
        scan.newlineConsumed();
    }
}
