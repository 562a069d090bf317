package dev.lbguard.source.hcl;

/** The kinds of token the HCL lexer produces; the parser never sees whitespace or comments. */
enum TokenType {
    IDENT, NUMBER,
    /** A newline, or a line comment (which HCL counts as one). Significant only in bodies and objects. */
    NEWLINE,
    O_QUOTE, C_QUOTE,
    /** {@code <<EOT} or {@code <<-EOT}; the text is the introducer without the newline. */
    O_HEREDOC, C_HEREDOC,
    /** Literal template text, escapes already decoded; the range covers the raw source. */
    TEMPLATE_LITERAL,
    /** {@code ${} or {@code ${~}. */
    TEMPLATE_INTERP,
    /** {@code %{} or {@code %{~}. */
    TEMPLATE_CONTROL,
    /** The {@code }} or {@code ~}} that closes an interpolation or directive. */
    TEMPLATE_SEQ_END,
    L_BRACE, R_BRACE, L_BRACK, R_BRACK, L_PAREN, R_PAREN,
    COMMA, DOT, ELLIPSIS, COLON, DOUBLE_COLON, QUESTION, EQUAL, FAT_ARROW,
    PLUS, MINUS, STAR, SLASH, PERCENT,
    AND, OR, BANG, EQUAL_EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL,
    /** A lexical error; the text is the message. The parser throws when it reaches one. */
    ERROR,
    EOF
}
