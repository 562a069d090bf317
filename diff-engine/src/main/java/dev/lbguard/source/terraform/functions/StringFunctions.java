package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The string functions: join, split, case, trimming, substr and the like, with Go's string semantics. */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("join", 1, VARIADIC, StringFunctions::join);
        r.strict("split", 2, 2, args -> split(Convert.string(args.get(0), "separator"),
                Convert.string(args.get(1), "str")));
        r.strict("lower", 1, 1, args -> str(Convert.string(args.get(0), "str").toLowerCase(Locale.ROOT)));
        r.strict("upper", 1, 1, args -> str(Convert.string(args.get(0), "str").toUpperCase(Locale.ROOT)));
        r.strict("title", 1, 1, args -> str(title(Convert.string(args.get(0), "str"))));
        r.strict("trimspace", 1, 1, args -> str(trimSpace(Convert.string(args.get(0), "str"))));
        r.strict("trim", 2, 2, args -> str(trim(Convert.string(args.get(0), "str"),
                Convert.string(args.get(1), "cutset"))));
        r.strict("trimprefix", 2, 2, args -> {
            String s = Convert.string(args.get(0), "str");
            String prefix = Convert.string(args.get(1), "prefix");
            return str(s.startsWith(prefix) ? s.substring(prefix.length()) : s);
        });
        r.strict("trimsuffix", 2, 2, args -> {
            String s = Convert.string(args.get(0), "str");
            String suffix = Convert.string(args.get(1), "suffix");
            return str(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s);
        });
        r.strict("chomp", 1, 1, args -> str(Convert.string(args.get(0), "str").replaceFirst("(\r\n|\n|\r)+$", "")));
        r.strict("strrev", 1, 1, args -> {
            List<String> g = graphemes(Convert.string(args.get(0), "str"));
            StringBuilder out = new StringBuilder();
            for (int i = g.size() - 1; i >= 0; i--) {
                out.append(g.get(i));
            }
            return str(out.toString());
        });
        r.strict("indent", 2, 2, args -> {
            String prefix = " ".repeat(Math.max(0, Convert.integer(args.get(0), "spaces")));
            return str(Convert.string(args.get(1), "str").replace("\n", "\n" + prefix));
        });
        r.strict("substr", 3, 3, args -> str(substr(Convert.string(args.get(0), "str"),
                Convert.integer(args.get(1), "offset"), Convert.integer(args.get(2), "length"))));
        r.strict("startswith", 2, 2, args -> new Value.Bool(Convert.string(args.get(0), "str")
                .startsWith(Convert.string(args.get(1), "prefix"))));
        r.strict("endswith", 2, 2, args -> new Value.Bool(Convert.string(args.get(0), "str")
                .endsWith(Convert.string(args.get(1), "suffix"))));
        r.strict("strcontains", 2, 2, args -> new Value.Bool(Convert.string(args.get(0), "str")
                .contains(Convert.string(args.get(1), "substr"))));
    }

    static Value str(String s) {
        return new Value.Str(s);
    }

    private static Value join(List<Value> args) throws EvalException {
        String sep = Convert.string(args.get(0), "separator");
        if (args.size() < 2) {
            throw new EvalException("at least one list is required");
        }
        List<String> parts = new ArrayList<>();
        for (Value list : args.subList(1, args.size())) {
            List<Value> items = Convert.sequence(list, "lists");
            for (Value item : items) {
                if (item instanceof Value.Null) {
                    throw new EvalException("element " + parts.size() + " is null");
                }
                parts.add(Convert.string(item, "lists"));
            }
        }
        return str(String.join(sep, parts));
    }

    /** Go's strings.Split: an empty separator splits between code points; an empty string gives one element. */
    static Value split(String sep, String s) {
        List<Value> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(str(new String(Character.toChars(cp)))));
            return Value.Values.list(out);
        }
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(str(s.substring(from)));
                return Value.Values.list(out);
            }
            out.add(str(s.substring(from, at)));
            from = at + sep.length();
        }
    }

    /** Go's strings.Title: the first letter of each word upper-cased, words split at Go's separators. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isSeparator(int cp) {
        if (cp <= 0x7F) {
            return !(Character.isLetterOrDigit(cp) || cp == '_');
        }
        if (Character.isLetterOrDigit(cp)) {
            return false;
        }
        return isGoSpace(cp);
    }

    /** Go's unicode.IsSpace, which also counts U+0085 and U+00A0 that Java's isWhitespace leaves out. */
    static boolean isGoSpace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0:
                return true;
            default:
                return cp > 0xFF && Character.isSpaceChar(cp);
        }
    }

    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isGoSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /**
     * cty's substr, counting grapheme clusters: a negative offset counts from the end, a negative length means
     * to the end, and an offset past the end gives an empty string.
     */
    static String substr(String s, int offset, int length) {
        List<String> g = graphemes(s);
        if (offset < 0) {
            offset = Math.max(0, offset + g.size());
        } else if (length == 0) {
            return "";
        }
        if (offset >= g.size()) {
            return "";
        }
        int end = length < 0 ? g.size() : (int) Math.min(g.size(), (long) offset + length);
        return String.join("", g.subList(offset, end));
    }

    /** Grapheme clusters as the JDK segments them, close to the Unicode text segmentation cty uses. */
    static List<String> graphemes(String s) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(s);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(s.substring(start, end));
        }
        return out;
    }
}
