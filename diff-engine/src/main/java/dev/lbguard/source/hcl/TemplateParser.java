package dev.lbguard.source.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Quoted strings and heredocs. As in HashiCorp's parser, a template is first read as a flat list of pieces
 * (literals, interpolations, directive markers) so that strip markers and heredoc indentation can edit the
 * neighbouring literals; only then are {@code %{if}} and {@code %{for}} nested into a tree.
 */
final class TemplateParser {

    private enum Kind { LITERAL, INTERPOLATION, IF, ELSE, ENDIF, FOR, ENDFOR }

    /** One flat piece; literal text is mutable because strip markers and indentation trim it. */
    private static final class Piece {
        final Kind kind;
        String text = "";
        Range range;
        Expression expression;
        Optional<String> keyVariable = Optional.empty();
        String valueVariable = "";

        Piece(Kind kind, Range range) {
            this.kind = kind;
            this.range = range;
        }
    }

    private final TokenCursor in;
    private final ExpressionParser expressions;

    TemplateParser(TokenCursor in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    /** Parses the quoted string or heredoc at the cursor. */
    Expression.Template parseTemplate() throws HclSyntaxException {
        Token open = in.next();
        boolean heredoc = open.is(TokenType.O_HEREDOC);
        TokenType end = heredoc ? TokenType.C_HEREDOC : TokenType.C_QUOTE;
        List<Piece> pieces = new ArrayList<>();
        boolean trimNextStart = false;
        boolean previousWasLiteral = false;
        Token t = in.next();
        while (!t.is(end)) {
            boolean trimStart = trimNextStart;
            boolean canTrimPrevious = previousWasLiteral;
            trimNextStart = false;
            previousWasLiteral = false;
            switch (t.type()) {
                case TEMPLATE_LITERAL -> {
                    Piece literal = new Piece(Kind.LITERAL, in.range(t, t));
                    literal.text = trimStart ? stripLeading(t.text()) : t.text();
                    pieces.add(literal);
                    previousWasLiteral = true;
                }
                case TEMPLATE_INTERP, TEMPLATE_CONTROL -> {
                    if (t.text().endsWith("~") && canTrimPrevious) {
                        Piece last = pieces.get(pieces.size() - 1);
                        last.text = stripTrailing(last.text);
                    }
                    in.pushNewlines(false);
                    Piece piece = t.is(TokenType.TEMPLATE_INTERP) ? interpolation(t) : directive(t);
                    Token close = in.peek();
                    if (!close.is(TokenType.TEMPLATE_SEQ_END)) {
                        String what = t.is(TokenType.TEMPLATE_INTERP) ? "the interpolation" : "the directive";
                        throw in.error(close, "expected \"}\" to close " + what + " opened at "
                                + TokenCursor.position(t) + ", found " + close.describe());
                    }
                    in.next();
                    in.popNewlines();
                    trimNextStart = close.text().startsWith("~");
                    piece.range = in.range(t, close);
                    pieces.add(piece);
                }
                default -> throw in.error(t, "unterminated template: expected text, \"${\" or \"%{\", found "
                        + t.describe());
            }
            t = in.next();
        }
        if (pieces.isEmpty()) {
            // "" is one empty literal, positioned just after the opening quote.
            Range empty = new Range(in.file(), open.endLine(), open.endColumn(), open.endLine(), open.endColumn());
            pieces.add(new Piece(Kind.LITERAL, empty));
        }
        if (open.text().startsWith("<<-")) {
            removeIndentation(pieces);
        }
        List<Piece> melded = meldLiterals(pieces);
        int[] index = {0};
        List<TemplatePart> parts = build(melded, index, Kind.LITERAL);
        return new Expression.Template(parts, heredoc, in.range(open, t));
    }

    private Piece interpolation(Token open) throws HclSyntaxException {
        Piece piece = new Piece(Kind.INTERPOLATION, in.range(open, open));
        piece.expression = expressions.parseExpression();
        return piece;
    }

    private Piece directive(Token open) throws HclSyntaxException {
        Token keyword = in.peek();
        if (!keyword.is(TokenType.IDENT)) {
            throw in.error(keyword, "expected a template directive (if, else, endif, for, endfor) after \"%{\", found "
                    + keyword.describe());
        }
        in.next();
        switch (keyword.text()) {
            case "if" -> {
                Piece piece = new Piece(Kind.IF, in.range(open, open));
                piece.expression = expressions.parseExpression();
                return piece;
            }
            case "else" -> {
                return new Piece(Kind.ELSE, in.range(open, open));
            }
            case "endif" -> {
                return new Piece(Kind.ENDIF, in.range(open, open));
            }
            case "endfor" -> {
                return new Piece(Kind.ENDFOR, in.range(open, open));
            }
            case "for" -> {
                Piece piece = new Piece(Kind.FOR, in.range(open, open));
                piece.valueVariable = in.expect(TokenType.IDENT, "a variable name after \"%{for\"").text();
                if (in.at(TokenType.COMMA)) {
                    in.next();
                    piece.keyVariable = Optional.of(piece.valueVariable);
                    piece.valueVariable = in.expect(TokenType.IDENT, "a value variable name after \",\"").text();
                }
                Token kw = in.peek();
                if (!kw.isKeyword("in")) {
                    throw in.error(kw, "expected \"in\" after the %{for} variables, found " + kw.describe());
                }
                in.next();
                piece.expression = expressions.parseExpression();
                return piece;
            }
            default -> throw in.error(keyword, "unknown template directive \"" + keyword.text()
                    + "\"; expected if, else, endif, for or endfor");
        }
    }

    /** {@code <<-}: removes the smallest leading whitespace of the non-blank lines, as HCL does. */
    private static void removeIndentation(List<Piece> pieces) {
        int min = Integer.MAX_VALUE;
        boolean lineStart = true;
        List<Piece> adjust = new ArrayList<>();
        for (Piece piece : pieces) {
            if (lineStart) {
                lineStart = false;
                if (piece.kind == Kind.LITERAL) {
                    int spaces = leadingSpaces(piece.text);
                    // A line of nothing but spaces does not count and is left alone.
                    if (spaces < piece.text.length() || !piece.text.endsWith("\n")) {
                        min = Math.min(min, spaces);
                        adjust.add(piece);
                    }
                } else {
                    min = 0;
                }
            }
            if (piece.kind == Kind.LITERAL && piece.text.endsWith("\n")) {
                lineStart = true;
            }
        }
        if (adjust.isEmpty() || min == 0) {
            return;
        }
        for (Piece piece : adjust) {
            piece.text = piece.text.substring(min);
            Range r = piece.range;
            piece.range = new Range(r.file(), r.startLine(), r.startColumn() + min, r.endLine(), r.endColumn());
        }
    }

    private static int leadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Go's {@code unicode.IsSpace}, which HCL uses for strip markers. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private static String stripLeading(String s) {
        return s.substring(leadingSpaces(s));
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static List<Piece> meldLiterals(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        // One builder per run of literals: a heredoc is a literal per line, and joining them one by one was
        // quadratic (a 10 MB heredoc took minutes).
        StringBuilder run = null;
        for (Piece piece : pieces) {
            Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.kind == Kind.LITERAL && piece.kind == Kind.LITERAL) {
                if (run == null) {
                    run = new StringBuilder(last.text);
                }
                run.append(piece.text);
                last.range = TokenCursor.span(last.range, piece.range);
            } else {
                if (run != null) {
                    last.text = run.toString();
                    run = null;
                }
                out.add(piece);
            }
        }
        if (run != null) {
            out.get(out.size() - 1).text = run.toString();
        }
        return out;
    }

    /** Nests directives: reads pieces from {@code index[0]} until the closer that {@code inside} expects. */
    private List<TemplatePart> build(List<Piece> pieces, int[] index, Kind inside) throws HclSyntaxException {
        List<TemplatePart> parts = new ArrayList<>();
        while (index[0] < pieces.size()) {
            Piece piece = pieces.get(index[0]);
            switch (piece.kind) {
                case LITERAL -> parts.add(new TemplatePart.Literal(piece.text, piece.range));
                case INTERPOLATION -> parts.add(new TemplatePart.Interpolation(piece.expression, piece.range));
                case IF -> parts.add(buildIf(pieces, index, piece));
                case FOR -> parts.add(buildFor(pieces, index, piece));
                case ELSE, ENDIF, ENDFOR -> {
                    boolean expected = inside == Kind.IF && piece.kind != Kind.ENDFOR
                            || inside == Kind.ELSE && piece.kind == Kind.ENDIF
                            || inside == Kind.FOR && piece.kind == Kind.ENDFOR;
                    if (expected) {
                        return parts;
                    }
                    throw in.error(piece.range, "unexpected %{" + piece.kind.name().toLowerCase(java.util.Locale.ROOT)
                            + "} with no matching " + (piece.kind == Kind.ENDFOR ? "%{for}" : "%{if}"));
                }
            }
            index[0]++;
        }
        return parts;
    }

    private TemplatePart buildIf(List<Piece> pieces, int[] index, Piece open) throws HclSyntaxException {
        in.enter(token(open.range));
        index[0]++;
        List<TemplatePart> whenTrue = build(pieces, index, Kind.IF);
        List<TemplatePart> whenFalse = List.of();
        if (index[0] < pieces.size() && pieces.get(index[0]).kind == Kind.ELSE) {
            index[0]++;
            whenFalse = build(pieces, index, Kind.ELSE);
        }
        if (index[0] >= pieces.size()) {
            throw in.error(open.range, "the %{if} opened here has no matching %{endif}");
        }
        in.exit();
        Range close = pieces.get(index[0]).range;
        return new TemplatePart.If(open.expression, whenTrue, whenFalse, TokenCursor.span(open.range, close));
    }

    private TemplatePart buildFor(List<Piece> pieces, int[] index, Piece open) throws HclSyntaxException {
        in.enter(token(open.range));
        index[0]++;
        List<TemplatePart> body = build(pieces, index, Kind.FOR);
        if (index[0] >= pieces.size()) {
            throw in.error(open.range, "the %{for} opened here has no matching %{endfor}");
        }
        in.exit();
        Range close = pieces.get(index[0]).range;
        return new TemplatePart.For(open.keyVariable, open.valueVariable, open.expression, body,
                TokenCursor.span(open.range, close));
    }

    private static Token token(Range r) {
        return new Token(TokenType.TEMPLATE_CONTROL, "%{", r.startLine(), r.startColumn(), r.endLine(),
                r.endColumn());
    }
}
