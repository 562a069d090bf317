package dev.lbguard.diagnostic;

/**
 * Text from the repository (file names, values) made safe to print on a terminal: control characters are shown
 * as escapes ({@code \n}, {@code \x1b}), so that a file name cannot move the cursor, recolour the screen, ring
 * the bell or start a line that looks like another {@code file:line}.
 */
public final class Printable {
    private Printable() {
    }

    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
            if (control && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\x%02x", (int) c));
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
