package dev.lbguard.source.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A file's top-level blocks as its tokens show them, without parsing any expression: each block's type, labels,
 * the attributes directly in its body (with their value when it is a plain string) and the types of the blocks
 * directly in it. Comments, strings and heredocs are skipped as the lexer skips them, so that a block in a comment
 * or a key named like an attribute inside a map is not taken for one; a scan of many files needs no more.
 *
 * @param attributes each attribute's value when it is a plain quoted string, empty when it is any other expression
 */
public record BlockOutline(String type, List<String> labels, Map<String, Optional<String>> attributes,
                           List<String> blocks) {

    public BlockOutline {
        labels = List.copyOf(labels);
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        blocks = List.copyOf(blocks);
    }

    /** The top-level blocks of {@code text} in file order; empty when the text does not lex (the parser says why). */
    public static Optional<List<BlockOutline>> of(String text) {
        List<Token> tokens = HclLexer.tokenize(text);
        if (tokens.get(tokens.size() - 1).is(TokenType.ERROR)) {
            return Optional.empty();
        }
        List<BlockOutline> out = new ArrayList<>();
        int i = 0;
        while (!tokens.get(i).is(TokenType.EOF)) {
            Token t = tokens.get(i);
            if (t.is(TokenType.NEWLINE) || t.is(TokenType.R_BRACE)) {
                i++; // a stray brace is the parser's to report
                continue;
            }
            int open = t.is(TokenType.IDENT) ? afterLabels(tokens, i + 1, null) : -1;
            if (open < 0) {
                // A stray closer ends no statement: step over it, whatever follows is the parser's to report.
                i = Math.max(endOfStatement(tokens, i), i + 1);
                continue;
            }
            List<String> labels = new ArrayList<>();
            afterLabels(tokens, i + 1, labels);
            Map<String, Optional<String>> attributes = new TreeMap<>();
            List<String> blocks = new ArrayList<>();
            i = body(tokens, open + 1, attributes, blocks);
            out.add(new BlockOutline(t.text(), labels, attributes, blocks));
        }
        return Optional.of(out);
    }

    /**
     * Reads a block's body from just after its opening brace: attributes and nested block types at its own level.
     * Returns the index after the closing brace.
     */
    private static int body(List<Token> tokens, int from, Map<String, Optional<String>> attributes,
                            List<String> blocks) {
        int i = from;
        while (true) {
            Token t = tokens.get(i);
            if (t.is(TokenType.EOF)) {
                return i;
            }
            if (t.is(TokenType.R_BRACE)) {
                return i + 1;
            }
            if (t.is(TokenType.NEWLINE)) {
                i++;
                continue;
            }
            if (t.is(TokenType.IDENT) && tokens.get(i + 1).is(TokenType.EQUAL)) {
                int end = endOfStatement(tokens, i + 2);
                attributes.putIfAbsent(t.text(), plainString(tokens, i + 2, end));
                i = end;
            } else {
                if (t.is(TokenType.IDENT) && afterLabels(tokens, i + 1, null) >= 0) {
                    blocks.add(t.text());
                }
                i = Math.max(endOfStatement(tokens, i), i + 1);
            }
        }
    }

    /**
     * The index of the opening brace after a block type's labels (quoted or bare) starting at {@code from}, or -1
     * when no brace follows them; each label read is added to {@code labels} when given.
     */
    private static int afterLabels(List<Token> tokens, int from, List<String> labels) {
        int i = from;
        while (true) {
            Token t = tokens.get(i);
            if (t.is(TokenType.L_BRACE)) {
                return i;
            }
            if (t.is(TokenType.IDENT)) {
                if (labels != null) {
                    labels.add(t.text());
                }
                i++;
            } else if (t.is(TokenType.O_QUOTE)) {
                int end = i + 1;
                StringBuilder label = new StringBuilder();
                while (tokens.get(end).is(TokenType.TEMPLATE_LITERAL)) {
                    label.append(tokens.get(end++).text());
                }
                if (!tokens.get(end).is(TokenType.C_QUOTE)) {
                    return -1;
                }
                if (labels != null) {
                    labels.add(label.toString());
                }
                i = end + 1;
            } else {
                return -1;
            }
        }
    }

    /** The value of the tokens {@code [from, to)} when they are one quoted string without templates. */
    private static Optional<String> plainString(List<Token> tokens, int from, int to) {
        if (to - from < 2 || !tokens.get(from).is(TokenType.O_QUOTE) || !tokens.get(to - 1).is(TokenType.C_QUOTE)) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder();
        for (int i = from + 1; i < to - 1; i++) {
            if (!tokens.get(i).is(TokenType.TEMPLATE_LITERAL)) {
                return Optional.empty();
            }
            s.append(tokens.get(i).text());
        }
        return Optional.of(s.toString());
    }

    /**
     * Where the statement starting at {@code from} ends: at the newline that follows it outside any bracket, quote
     * or heredoc (not consumed), or before the brace that closes the body it is in.
     */
    private static int endOfStatement(List<Token> tokens, int from) {
        int depth = 0;
        for (int i = from; ; i++) {
            Token t = tokens.get(i);
            switch (t.type()) {
                case EOF:
                    return i;
                case NEWLINE:
                    if (depth == 0) {
                        return i;
                    }
                    break;
                case L_BRACE, L_BRACK, L_PAREN, O_QUOTE, O_HEREDOC, TEMPLATE_INTERP, TEMPLATE_CONTROL:
                    depth++;
                    break;
                case R_BRACE, R_BRACK, R_PAREN, C_QUOTE, C_HEREDOC, TEMPLATE_SEQ_END:
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                    break;
                default:
                    break;
            }
        }
    }
}
