package dev.lbguard.source.hcl;

import java.util.Optional;

/** Decodes the backslash escapes of quoted HCL strings: {@code \n \r \t \" \\}, {@code &#92;uNNNN} and {@code &#92;UNNNNNNNN}. */
final class StringEscapes {

    /** The outcome of one escape: how many chars it spans, or why it is invalid. */
    record Decoded(int length, Optional<String> error) {
    }

    private StringEscapes() {
    }

    /** Decodes the escape whose backslash is at {@code src[pos]}, appending its character to {@code out}. */
    static Decoded decode(String src, int pos, StringBuilder out) {
        char e = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
        switch (e) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                long cp = hexValue(src, pos + 2, digits);
                if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                    return new Decoded(0, Optional.of("invalid escape sequence: \\" + e + " needs " + digits
                            + " hexadecimal digits naming a Unicode character"));
                }
                out.appendCodePoint((int) cp);
                return new Decoded(2 + digits, Optional.empty());
            }
            default -> {
                return new Decoded(0, Optional.of("invalid escape sequence \"\\" + (e == '\0' ? "" : String.valueOf(e))
                        + "\"; a quoted string allows \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN"));
            }
        }
        return new Decoded(2, Optional.empty());
    }

    /** The value of {@code digits} ASCII hex digits at {@code from}, or -1. */
    private static long hexValue(String src, int from, int digits) {
        if (from + digits > src.length()) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < from + digits; i++) {
            char c = src.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }
}
