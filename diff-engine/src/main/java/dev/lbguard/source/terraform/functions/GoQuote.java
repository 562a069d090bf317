package dev.lbguard.source.terraform.functions;

import java.nio.charset.StandardCharsets;

/**
 * Go's two ways of quoting a string in an error message, which Terraform's function errors repeat: {@code %q}
 * ({@code strconv.Quote}) and the {@code time} package's own, cruder quote.
 */
final class GoQuote {
    private GoQuote() {
    }

    /** {@code strconv.Quote}: printable characters as they are, the rest as Go escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (isPrint(c)) {
                        out.appendCodePoint(c);
                    } else if (c < 0x80) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c < 0x10000) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** {@code strconv.Quote} of bytes that need not be UTF-8: each byte of a broken sequence as {@code \xNN}. */
    static String quote(byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        StringBuilder out = new StringBuilder("\"");
        int i = 0;
        while (i < bytes.length) {
            int width = 1;
            String chunk = null;
            for (int w = 1; w <= 4 && i + w <= bytes.length && chunk == null; w++) {
                try {
                    chunk = decoder.decode(java.nio.ByteBuffer.wrap(bytes, i, w)).toString();
                    width = w;
                } catch (java.nio.charset.CharacterCodingException e) {
                    // not a whole character yet
                }
            }
            if (chunk == null) {
                out.append(String.format("\\x%02x", bytes[i] & 0xFF));
            } else {
                String q = quote(chunk);
                out.append(q, 1, q.length() - 1);
            }
            i += width;
        }
        return out.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** The {@code time} package's quote: ASCII as it is, every byte of anything else as {@code \xNN}. */
    static String timeQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c >= 0x80 || c < ' ') {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02x", b & 0xFF));
                }
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
