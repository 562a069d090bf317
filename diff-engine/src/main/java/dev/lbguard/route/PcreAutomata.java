package dev.lbguard.route;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The language of a PCRE search ({@code path_reg}, {@code -m reg}) as an automaton, for the subset whose
 * meaning is plainly regular: literals, {@code .}, classes, groups, alternation, greedy or lazy quantifiers,
 * {@code \d \w \s} and their negations, and {@code ^}/{@code $} at the very ends. Anything else (back
 * references, lookaround, inline flags, {@code \b}) is refused with a reason, never approximated.
 */
final class PcreAutomata {
    /** The largest bound of a counted repetition ({@code {n,m}}) read exactly. */
    static final int MAX_REPEAT = 12;
    private final String re;
    private final boolean icase;
    private int pos;

    private PcreAutomata(String re, boolean icase) {
        this.re = re;
        this.icase = icase;
    }

    /** The strings the search finds a match in; or why the pattern is outside the supported subset. */
    static Result search(String regex, boolean icase) {
        String body = regex;
        boolean start = body.startsWith("^");
        if (start) {
            body = body.substring(1);
        }
        boolean end = body.endsWith("$") && !body.endsWith("\\$");
        if (end) {
            body = body.substring(0, body.length() - 1);
        }
        PcreAutomata p = new PcreAutomata(body, icase);
        try {
            Automaton a = p.alternation();
            if (p.pos != body.length()) {
                throw new Unsupported("unbalanced ) at " + p.pos);
            }
            if (!start) {
                a = BasicAutomata.makeAnyString().concatenate(a);
            }
            // PCRE's $ also matches before a final newline.
            a = a.concatenate(end ? BasicAutomata.makeChar('\n').optional() : BasicAutomata.makeAnyString());
            a.minimize();
            return new Result(Optional.of(a), "");
        } catch (Unsupported e) {
            return new Result(Optional.empty(), "regular expression " + regex + ": " + e.getMessage());
        }
    }

    /** An automaton, or the reason there is none. */
    record Result(Optional<Automaton> automaton, String reason) {
    }

    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private Automaton alternation() throws Unsupported {
        List<Automaton> alts = new ArrayList<>();
        alts.add(sequence());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            alts.add(sequence());
        }
        return alts.size() == 1 ? alts.get(0) : BasicOperations.union(alts);
    }

    private Automaton sequence() throws Unsupported {
        List<Automaton> parts = new ArrayList<>();
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            parts.add(quantified(atom()));
        }
        return parts.isEmpty() ? BasicAutomata.makeEmptyString() : BasicOperations.concatenate(parts);
    }

    private Automaton quantified(Automaton a) throws Unsupported {
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '*') {
                a = a.repeat();
            } else if (c == '+') {
                a = a.repeat(1);
            } else if (c == '?') {
                a = a.optional();
            } else if (c == '{' && re.indexOf('}', pos) > pos && re.substring(pos + 1, re.indexOf('}', pos))
                    .matches("\\d+(,\\d*)?")) {
                String[] mm = re.substring(pos + 1, re.indexOf('}', pos)).split(",", -1);
                // A counted repetition inside an unanchored search makes the exact automaton exponential
                // (.*a.{25} needs 2^25 states): refused with its reason rather than hanging the review.
                for (String bound : mm) {
                    if (!bound.isEmpty() && (bound.length() > 3 || Integer.parseInt(bound) > MAX_REPEAT)) {
                        throw new Unsupported("the counted repetition {" + String.join(",", mm) + "} is larger "
                                + "than lbguard compares exactly (" + MAX_REPEAT + ")");
                    }
                }
                int min = Integer.parseInt(mm[0]);
                a = mm.length == 1 ? a.repeat(min, min) : mm[1].isEmpty() ? a.repeat(min)
                        : a.repeat(min, Integer.parseInt(mm[1]));
                pos = re.indexOf('}', pos);
            } else {
                return a;
            }
            pos++;
            // Lazy quantifiers find the same strings; possessive ones may not.
            if (pos < re.length() && re.charAt(pos) == '?') {
                pos++;
            } else if (pos < re.length() && re.charAt(pos) == '+') {
                throw new Unsupported("possessive quantifier");
            }
        }
        return a;
    }

    private Automaton atom() throws Unsupported {
        char c = re.charAt(pos++);
        switch (c) {
            case '(':
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                } else if (pos < re.length() && re.charAt(pos) == '?') {
                    throw new Unsupported("group (?" + (pos + 1 < re.length() ? re.charAt(pos + 1) : ' ') + "...)");
                }
                Automaton inner = alternation();
                if (pos >= re.length() || re.charAt(pos) != ')') {
                    throw new Unsupported("missing )");
                }
                pos++;
                return inner;
            case '.':
                return chars(ch -> ch != '\n');
            case '[':
                return charClass();
            case '\\':
                return escape(false).orElseThrow(() -> new Unsupported("escape \\" + re.charAt(pos - 1)));
            case '^':
            case '$':
                throw new Unsupported("anchor " + c + " inside the pattern");
            case '*':
            case '+':
            case '?':
            case '{':
                throw new Unsupported("quantifier without operand");
            default:
                return literal(c);
        }
    }

    /** The escape after a backslash ({@code pos} at the escaped char); empty if it is not supported. */
    private Optional<Automaton> escape(boolean inClass) throws Unsupported {
        if (pos >= re.length()) {
            throw new Unsupported("trailing backslash");
        }
        char e = re.charAt(pos++);
        return switch (e) {
            case 'd' -> Optional.of(chars(ch -> ch >= '0' && ch <= '9'));
            case 'D' -> Optional.of(chars(ch -> !(ch >= '0' && ch <= '9')));
            case 'w' -> Optional.of(chars(PcreAutomata::word));
            case 'W' -> Optional.of(chars(ch -> !word(ch)));
            case 's' -> Optional.of(chars(PcreAutomata::space));
            case 'S' -> Optional.of(chars(ch -> !space(ch)));
            case 'n' -> Optional.of(BasicAutomata.makeChar('\n'));
            case 't' -> Optional.of(BasicAutomata.makeChar('\t'));
            case 'r' -> Optional.of(BasicAutomata.makeChar('\r'));
            default -> !Character.isLetterOrDigit(e) ? Optional.of(literal(e)) : Optional.empty();
        };
    }

    private Automaton charClass() throws Unsupported {
        boolean negate = pos < re.length() && re.charAt(pos) == '^';
        if (negate) {
            pos++;
        }
        List<Automaton> items = new ArrayList<>();
        boolean first = true;
        while (pos < re.length() && (re.charAt(pos) != ']' || first)) {
            first = false;
            char c = re.charAt(pos++);
            if (c == '[' && pos < re.length() && re.charAt(pos) == ':') {
                throw new Unsupported("POSIX class");
            }
            if (c == '\\') {
                char next = pos < re.length() ? re.charAt(pos) : ' ';
                Optional<Automaton> esc = escape(true);
                if (esc.isEmpty()) {
                    throw new Unsupported("escape \\" + next + " in a class");
                }
                if (Character.isLetterOrDigit(next)) {
                    items.add(esc.get());
                    continue;
                }
                c = next;
            }
            if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                char hi = re.charAt(pos + 1);
                if (hi == '\\') {
                    throw new Unsupported("escaped range end");
                }
                pos += 2;
                if (hi < c) {
                    throw new Unsupported("empty range");
                }
                char lo = c;
                items.add(chars(ch -> ch >= lo && ch <= hi || icase && folds(ch, lo, hi)));
            } else {
                items.add(literal(c));
            }
        }
        if (pos >= re.length()) {
            throw new Unsupported("missing ]");
        }
        pos++;
        Automaton set = items.isEmpty() ? BasicAutomata.makeEmpty() : BasicOperations.union(items);
        return negate ? BasicAutomata.makeAnyChar().minus(set) : set;
    }

    private static boolean folds(int ch, char lo, char hi) {
        int other = ch >= 'A' && ch <= 'Z' ? ch + 32 : ch >= 'a' && ch <= 'z' ? ch - 32 : ch;
        return other != ch && other >= lo && other <= hi;
    }

    private Automaton literal(char c) {
        return AclLanguages.letter(c, icase);
    }

    private static boolean word(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean space(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static Automaton chars(java.util.function.IntPredicate p) {
        List<Automaton> ranges = new ArrayList<>();
        int start = -1;
        for (int c = 0; c <= Character.MAX_VALUE + 1; c++) {
            boolean in = c <= Character.MAX_VALUE && p.test(c);
            if (in && start < 0) {
                start = c;
            } else if (!in && start >= 0) {
                ranges.add(BasicAutomata.makeCharRange((char) start, (char) (c - 1)));
                start = -1;
            }
        }
        return ranges.isEmpty() ? BasicAutomata.makeEmpty() : BasicOperations.union(ranges);
    }
}
