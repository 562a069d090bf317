package dev.lbguard.source.hcl;

/**
 * One token: its kind, its text (decoded for template literals, the message for errors) and its span,
 * 1-based, end exclusive.
 */
record Token(TokenType type, String text, int line, int column, int endLine, int endColumn) {

    boolean is(TokenType other) {
        return type == other;
    }

    /** True for an identifier spelled {@code word}; HCL's keywords are contextual identifiers. */
    boolean isKeyword(String word) {
        return type == TokenType.IDENT && text.equals(word);
    }

    /** How an error message names this token. */
    String describe() {
        return switch (type) {
            case EOF -> "end of file";
            case NEWLINE -> "end of line";
            case O_QUOTE -> "a quoted string";
            case O_HEREDOC -> "a heredoc";
            case TEMPLATE_LITERAL -> "template text";
            case TEMPLATE_INTERP -> "\"${\"";
            case TEMPLATE_CONTROL -> "\"%{\"";
            case C_QUOTE -> "the closing quote";
            case C_HEREDOC -> "the end of the heredoc";
            default -> "\"" + text + "\"";
        };
    }
}
