package dev.lbguard.source.hcl;

import dev.lbguard.source.hcl.Scan.Frame;
import dev.lbguard.source.hcl.Scan.FrameKind;

/**
 * Template text: the inside of a quoted string, a heredoc's body and a template file, up to the next
 * {@code ${} or {@code %{} sequence, which hands back to {@link HclLexer}. Escapes are decoded here, so a literal
 * token holds the text as it reads.
 */
final class TemplateTextLexer {

    private final Scan scan;
    /** Where the template literal being read began. */
    private int literalStart;

    TemplateTextLexer(Scan scan) {
        this.scan = scan;
    }

    void lexQuoted(Frame quote) {
        literalStart = scan.pos;
        int startLine = scan.line;
        int startColumn = scan.column();
        StringBuilder text = new StringBuilder();
        while (scan.pos < scan.length) {
            char c = scan.src.charAt(scan.pos);
            if (c == '"') {
                flushLiteral(text, startLine, startColumn);
                scan.frames.pop();
                scan.punct(TokenType.C_QUOTE, 1);
                return;
            } else if (c == '\n' || (c == '\r' && scan.at(scan.pos + 1) == '\n')) {
                scan.fail(quote.line(), quote.column(),
                        "unterminated string: a quoted string must close on the line where it opens");
                return;
            } else if (c == '\\') {
                StringEscapes.Decoded escape = StringEscapes.decode(scan.src, scan.pos, text);
                if (escape.error().isPresent()) {
                    scan.fail(scan.line, scan.column(), escape.error().get());
                    return;
                }
                scan.pos += escape.length();
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
        if ((c == '$' || c == '%') && scan.at(scan.pos + 1) == '{') {
            flushLiteral(text, startLine, startColumn);
            scan.frames.push(new Frame(FrameKind.SEQUENCE, "", scan.line, scan.column()));
            boolean strip = scan.at(scan.pos + 2) == '~';
            scan.punct(c == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL, strip ? 3 : 2);
            return false;
        }
        if ((c == '$' || c == '%') && scan.at(scan.pos + 1) == c && scan.at(scan.pos + 2) == '{') {
            text.append(c).append('{');
            scan.pos += 3;
            return true;
        }
        text.append(c);
        scan.pos++;
        return true;
    }

    /** Emits the literal text read since {@code literalStart}, if any. */
    private void flushLiteral(StringBuilder text, int startLine, int startColumn) {
        if (scan.pos > literalStart) {
            scan.emit(TokenType.TEMPLATE_LITERAL, text.toString(), startLine, startColumn);
        }
    }

    void lexHeredoc(Frame heredoc) {
        if (scan.pos == scan.lineStart && closesHeredoc(heredoc)) {
            return;
        }
        lexTemplateLine();
    }

    /**
     * Template text up to the end of the line or the next sequence: a heredoc's body, or a template file's, which
     * is one without a closing marker. One literal token per line at most, as in HCL: indentation and strip
     * markers ({@code ~}) work line by line, so a strip marker keeps the next line's indentation.
     */
    void lexTemplateLine() {
        literalStart = scan.pos;
        int startLine = scan.line;
        int startColumn = scan.column();
        StringBuilder text = new StringBuilder();
        while (scan.pos < scan.length) {
            char c = scan.src.charAt(scan.pos);
            if (c == '\n') {
                text.append(c);
                scan.pos++;
                scan.emit(TokenType.TEMPLATE_LITERAL, text.toString(), startLine, startColumn);
                scan.newlineConsumed();
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
        int last = Extents.heredocCloserEnd(scan.src, scan.pos, heredoc.marker());
        if (last < 0) {
            return false;
        }
        int startColumn = scan.column();
        scan.pos = last;
        scan.emit(TokenType.C_HEREDOC, heredoc.marker(), scan.line, startColumn);
        scan.pos = Extents.lineEnd(scan.src, scan.pos);
        scan.frames.pop();
        return true;
    }
}
