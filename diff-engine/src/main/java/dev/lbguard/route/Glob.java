package dev.lbguard.route;

/**
 * An ALB wildcard pattern: {@code *} matches zero or more characters, {@code ?} exactly one. Matching is a
 * two-pointer scan that backtracks only to the last {@code *}, so it takes O(pattern x input) time at worst
 * and never explodes on patterns like {@code *a*a*a*b}.
 */
public final class Glob {
    static final byte LITERAL = 0;
    static final byte ONE = 1;
    static final byte MANY = 2;

    final byte[] kinds;
    final char[] chars;
    private final boolean ignoreCase;

    private Glob(byte[] kinds, char[] chars, boolean ignoreCase) {
        this.kinds = kinds;
        this.chars = chars;
        this.ignoreCase = ignoreCase;
    }

    /**
     * Compiles a pattern.
     *
     * @param escapes whether a backslash escapes {@code *}, {@code ?} and itself (query-string only); a
     *                backslash before anything else, or at the end, stands for itself
     */
    static Glob compile(String pattern, boolean ignoreCase, boolean escapes) {
        byte[] kinds = new byte[pattern.length()];
        char[] chars = new char[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escapes && c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                kinds[n] = LITERAL;
                chars[n++] = fold(pattern.charAt(++i), ignoreCase);
            } else if (c == '*') {
                // Runs of stars mean the same as one star; collapsing them keeps the scan short.
                if (n == 0 || kinds[n - 1] != MANY) {
                    kinds[n++] = MANY;
                }
            } else if (c == '?') {
                kinds[n++] = ONE;
            } else {
                kinds[n] = LITERAL;
                chars[n++] = fold(c, ignoreCase);
            }
        }
        return new Glob(java.util.Arrays.copyOf(kinds, n), java.util.Arrays.copyOf(chars, n), ignoreCase);
    }

    /**
     * Whether {@code input} matches {@code pattern} as a whole, case-sensitively, without escapes: the one wildcard
     * language lbguard speaks wherever a user names many things at once (a waiver's elements, a redirect URL).
     */
    public static boolean matches(String pattern, String input) {
        return matches(pattern, input, false, false);
    }

    static boolean matches(String pattern, String input, boolean ignoreCase, boolean escapes) {
        return compile(pattern, ignoreCase, escapes).matches(input);
    }

    boolean matches(String input) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        int m = kinds.length;
        int n = input.length();
        while (s < n) {
            if (p < m && (kinds[p] == ONE
                    || kinds[p] == LITERAL && chars[p] == fold(input.charAt(s), ignoreCase))) {
                p++;
                s++;
            } else if (p < m && kinds[p] == MANY) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                // Let the last star take one more character and retry from just after it.
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && kinds[p] == MANY) {
            p++;
        }
        return p == m;
    }

    /** True when the pattern has no wildcard: it matches exactly the string {@link #chars} spells. */
    boolean isLiteral() {
        for (byte k : kinds) {
            if (k != LITERAL) {
                return false;
            }
        }
        return true;
    }

    /** True when the pattern is a single {@code *}, which matches every string. */
    boolean matchesEverything() {
        return kinds.length == 1 && kinds[0] == MANY;
    }

    static char fold(char c, boolean ignoreCase) {
        return ignoreCase ? Character.toLowerCase(Character.toUpperCase(c)) : c;
    }
}
