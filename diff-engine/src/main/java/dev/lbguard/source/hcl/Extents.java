package dev.lbguard.source.hcl;

/**
 * Where tokens of fixed shape end (numbers, identifiers) and which characters start or continue them: pure
 * functions of the text, so the lexer keeps only its state (position, line, open brackets and templates).
 */
final class Extents {
    private Extents() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(int cp) {
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp == '_';
        }
        return Character.isUnicodeIdentifierStart(cp);
    }

    static boolean isIdentifierPart(int cp) {
        // Nearly every identifier is ASCII; the Unicode tables answer the rest.
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_' || cp == '-';
        }
        // isUnicodeIdentifierPart admits "ignorable" control characters such as NUL; HCL does not.
        return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
    }

    /** Index of the first character at or after {@code from} that is not a space or a tab. */
    static int blanksEnd(String src, int from) {
        int i = from;
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Index just past the identifier starting at {@code from}, or {@code from} when there is none. */
    static int identifierEnd(String src, int from) {
        int length = src.length();
        if (from >= length || !isIdentifierStart(src.codePointAt(from))) {
            return from;
        }
        int i = from + Character.charCount(src.codePointAt(from));
        while (i < length && isIdentifierPart(src.codePointAt(i))) {
            i += Character.charCount(src.codePointAt(i));
        }
        return i;
    }

    /**
     * Index just past the number starting at {@code from} (a digit): digits, an optional fraction, an optional
     * exponent. A {@code .} not followed by a digit is left out, since {@code a.0.b} indexes with a number.
     */
    static int numberEnd(String src, int from) {
        int i = digitsEnd(src, from);
        if (at(src, i) == '.' && isDigit(at(src, i + 1))) {
            i = digitsEnd(src, i + 1);
        }
        char e = at(src, i);
        if (e == 'e' || e == 'E') {
            int sign = at(src, i + 1) == '+' || at(src, i + 1) == '-' ? 1 : 0;
            if (isDigit(at(src, i + 1 + sign))) {
                i = digitsEnd(src, i + 1 + sign);
            }
        }
        return i;
    }

    private static int digitsEnd(String src, int from) {
        int i = from;
        while (i < src.length() && isDigit(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char at(String src, int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    /** Index of the newline ending the line that holds {@code from}, or the end of the text. */
    static int lineEnd(String src, int from) {
        int eol = src.indexOf('\n', from);
        return eol < 0 ? src.length() : eol;
    }

    /**
     * For the line starting at {@code lineStart}: the index just past {@code marker} when the line is that marker
     * alone (indentation and trailing whitespace allowed), else -1.
     */
    static int heredocCloserEnd(String src, int lineStart, String marker) {
        int end = lineEnd(src, lineStart);
        int first = lineStart;
        while (first < end && (src.charAt(first) == ' ' || src.charAt(first) == '\t')) {
            first++;
        }
        int last = end;
        while (last > first && Character.isWhitespace(src.charAt(last - 1))) {
            last--;
        }
        return src.startsWith(marker, first) && last - first == marker.length() ? last : -1;
    }
}
