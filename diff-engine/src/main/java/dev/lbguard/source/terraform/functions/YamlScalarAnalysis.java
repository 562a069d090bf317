package dev.lbguard.source.terraform.functions;

/**
 * libyaml's {@code yaml_emitter_analyze_scalar}, reduced to the flags the styles {@link YamlEmitter} uses depend on,
 * and the character classes libyaml tests with.
 *
 * @param multiline whether the scalar holds a line break
 * @param blockPlainAllowed whether it may be written plain in block context
 * @param blockAllowed whether it may be written as a literal block
 */
record YamlScalarAnalysis(boolean multiline, boolean blockPlainAllowed, boolean blockAllowed) {
    /** The analysis of {@code value}. */
    static YamlScalarAnalysis of(String value) {
        int[] cps = value.codePoints().toArray();
        if (cps.length == 0) {
            return new YamlScalarAnalysis(false, true, false);
        }
        boolean blockIndicators = value.startsWith("---") || value.startsWith("...");
        boolean special = false;
        boolean lineBreaks = false;
        boolean leading = cps[0] == ' ' || isBreak(cps[0]);
        boolean trailingSpace = cps[cps.length - 1] == ' ';
        boolean trailing = trailingSpace || isBreak(cps[cps.length - 1]);
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean precededByWhitespace = true;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean followedByWhitespace = isBlankOrEnd(cps, i + 1);
            if (i == 0) {
                blockIndicators |= "#,[]{}&*!|>'\"%@`".indexOf(c) >= 0 || (c == '?' || c == ':' || c == '-')
                        && followedByWhitespace;
            } else {
                blockIndicators |= c == ':' && followedByWhitespace || c == '#' && precededByWhitespace;
            }
            special |= !printable(c);
            if (c == ' ') {
                previousSpace = true;
            } else if (isBreak(c)) {
                lineBreaks = true;
                spaceBreak |= previousSpace;
                previousSpace = false;
            } else {
                previousSpace = false;
            }
            precededByWhitespace = c == ' ' || c == '\t' || isBreak(c) || c == 0;
        }
        boolean blockPlainAllowed = !(leading || trailing || lineBreaks || blockIndicators || spaceBreak || special);
        boolean blockAllowed = !(trailingSpace || spaceBreak || special);
        return new YamlScalarAnalysis(lineBreaks, blockPlainAllowed, blockAllowed);
    }

    /** libyaml's {@code is_printable}, which leaves out tab, C1 controls, U+FEFF and everything past U+FFFF. */
    static boolean printable(int c) {
        return c == 0x0A || c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
    }

    static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBlankOrEnd(int[] cps, int i) {
        return i >= cps.length || cps[i] == ' ' || cps[i] == '\t';
    }
}
