package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.YamlScalarAnalysis.isBreak;
import static dev.lbguard.source.terraform.functions.YamlScalarAnalysis.printable;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code yamlencode}'s output, written the way go-cty-yaml drives its libyaml emitter: block collections (empty
 * ones in flow style), strings double-quoted or, with a newline, as literal blocks, numbers, bools and null plain,
 * keys in byte order. The emitter's state (column, indent, whether the last thing written was white space or
 * an indentation) is kept as libyaml keeps it, which decides every space and line break, including where long
 * quoted strings fold at column 80.
 */
final class YamlEmitter {
    private static final int INDENT = 2;
    private static final int WIDTH = 80;

    private enum Style { PLAIN, DOUBLE_QUOTED, LITERAL }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int indent = -1;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean openEnded;
    private boolean root;
    private boolean mappingContext;
    private boolean simpleKeyContext;

    private YamlEmitter() {
    }

    /** The YAML document for a wholly known value. */
    static String encode(Value v) {
        YamlEmitter e = new YamlEmitter();
        e.node(v, true, false, false);
        e.writeIndent();
        if (e.openEnded) {
            e.indicator("...", true, false, false);
            e.writeIndent();
        }
        return e.out.toString();
    }

    private void node(Value v, boolean root, boolean mapping, boolean simpleKey) {
        this.root = root;
        this.mappingContext = mapping;
        this.simpleKeyContext = simpleKey;
        if (v instanceof Value.Seq s) {
            sequence(s.items());
        } else if (v instanceof Value.Obj o) {
            mapping(o.fields());
        } else if (v instanceof Value.Str s) {
            scalar(s.value(), s.value().contains("\n") ? Style.LITERAL : Style.DOUBLE_QUOTED);
        } else if (v instanceof Value.Num n) {
            scalar(Convert.numberToString(n.value()), Style.PLAIN);
        } else if (v instanceof Value.Bool b) {
            scalar(Boolean.toString(b.value()), Style.PLAIN);
        } else if (v instanceof Value.Null) {
            scalar("null", Style.PLAIN);
        } else {
            throw new IllegalArgumentException("cannot serialize unknown value as YAML");
        }
    }

    private void sequence(List<Value> items) {
        if (items.isEmpty()) {
            emptyFlow("[", "]");
            return;
        }
        increaseIndent(false, mappingContext && !indention);
        for (Value item : items) {
            writeIndent();
            indicator("-", true, false, true);
            node(item, false, false, false);
        }
        indent = indents.pop();
    }

    private void mapping(Map<String, Value> fields) {
        if (fields.isEmpty()) {
            emptyFlow("{", "}");
            return;
        }
        increaseIndent(false, false);
        // cty iterates attributes in byte (code point) order, Java's maps sort by UTF-16 units.
        List<String> keys = new ArrayList<>(fields.keySet());
        keys.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        for (String key : keys) {
            writeIndent();
            YamlScalarAnalysis a = YamlScalarAnalysis.of(key);
            if (!a.multiline() && key.getBytes(StandardCharsets.UTF_8).length <= 128) {
                node(new Value.Str(key), false, true, true);
                indicator(":", false, false, false);
            } else {
                indicator("?", true, false, true);
                node(new Value.Str(key), false, true, false);
                writeIndent();
                indicator(":", true, false, true);
            }
            node(fields.get(key), false, true, false);
        }
        indent = indents.pop();
    }

    private void emptyFlow(String open, String close) {
        indicator(open, true, true, false);
        increaseIndent(true, false);
        indent = indents.pop();
        indicator(close, false, false, false);
    }

    private void scalar(String value, Style requested) {
        YamlScalarAnalysis a = YamlScalarAnalysis.of(value);
        Style style = requested;
        if (simpleKeyContext && a.multiline()) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.PLAIN && !a.blockPlainAllowed()) {
            // libyaml would fall back to single quotes, but no number, bool or null needs them.
            throw new IllegalStateException("not a plain scalar: " + value);
        }
        if (style == Style.LITERAL && (!a.blockAllowed() || simpleKeyContext)) {
            style = Style.DOUBLE_QUOTED;
        }
        increaseIndent(true, false);
        switch (style) {
            case PLAIN -> plain(value);
            case DOUBLE_QUOTED -> doubleQuoted(value, !simpleKeyContext);
            case LITERAL -> literal(value);
        }
        indent = indents.pop();
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent < 0) {
            indent = flow ? INDENT : 0;
        } else if (!indentless) {
            indent += INDENT;
        }
    }

    private void writeIndent() {
        int ind = Math.max(indent, 0);
        if (!indention || column > ind || column == ind && !whitespace) {
            putBreak();
        }
        while (column < ind) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    private void indicator(String text, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        text.codePoints().forEach(this::put);
        whitespace = isWhitespace;
        indention = indention && isIndention;
        openEnded = false;
    }

    private void put(int c) {
        out.appendCodePoint(c);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
    }

    private void plain(String value) {
        if (!whitespace) {
            put(' ');
        }
        value.codePoints().forEach(this::put);
        whitespace = false;
        indention = false;
        if (root) {
            openEnded = true;
        }
    }

    private void doubleQuoted(String value, boolean allowBreaks) {
        indicator("\"", true, false, false);
        int[] cps = value.codePoints().toArray();
        // libyaml tests for a byte order mark at the start of the value, not at the character: one escapes all.
        boolean bom = cps.length > 0 && cps[0] == 0xFEFF;
        boolean spaces = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!printable(c) || bom || isBreak(c) || c == '"' || c == '\\') {
                put('\\');
                escape(c);
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && column > WIDTH && i > 0 && i < cps.length - 1) {
                    writeIndent();
                    if (cps[i + 1] == ' ') {
                        put('\\');
                    }
                } else {
                    put(c);
                }
                spaces = true;
            } else {
                put(c);
                spaces = false;
            }
        }
        indicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void escape(int c) {
        String simple = switch (c) {
            case 0x00 -> "0";
            case 0x07 -> "a";
            case 0x08 -> "b";
            case 0x09 -> "t";
            case 0x0A -> "n";
            case 0x0B -> "v";
            case 0x0C -> "f";
            case 0x0D -> "r";
            case 0x1B -> "e";
            case 0x22 -> "\"";
            case 0x5C -> "\\";
            case 0x85 -> "N";
            case 0xA0 -> "_";
            case 0x2028 -> "L";
            case 0x2029 -> "P";
            default -> null;
        };
        String text = simple != null ? simple
                : c <= 0xFF ? String.format("x%02X", c) : c <= 0xFFFF ? String.format("u%04X", c)
                : String.format("U%08X", c);
        text.codePoints().forEach(this::put);
    }

    private void literal(String value) {
        indicator("|", true, false, false);
        int[] cps = value.codePoints().toArray();
        if (cps[0] == ' ' || isBreak(cps[0])) {
            indicator(String.valueOf(INDENT), false, false, false);
        }
        openEnded = false;
        int last = cps.length - 1;
        String chomp = !isBreak(cps[last]) ? "-" : last == 0 || isBreak(cps[last - 1]) ? "+" : "";
        if (!chomp.isEmpty()) {
            // libyaml marks "+" as open-ended and then clears the mark while writing the indicator.
            indicator(chomp, false, false, false);
        }
        putBreak();
        indention = true;
        whitespace = true;
        boolean breaks = true;
        for (int c : cps) {
            if (isBreak(c)) {
                if (c == '\n') {
                    putBreak();
                } else {
                    out.appendCodePoint(c);
                    column = 0;
                }
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                put(c);
                indention = false;
                breaks = false;
            }
        }
    }
}
