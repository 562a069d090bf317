package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * {@code yamldecode} and {@code yamlencode} as Terraform 1.11 has them (go-cty-yaml 1.1.0). Decoding walks
 * SnakeYAML's parse events the way go-cty-yaml walks libyaml's: YAML 1.1 scalars ({@code yes}, {@code 0x1F},
 * dates become RFC 3339 strings), mappings become objects, sequences tuples, anchors and {@code <<} merges.
 * SnakeYAML reports malformed YAML in its own words, not libyaml's. {@link YamlEmitter} writes the YAML.
 */
final class YamlFunctions {
    private final ParserImpl parser;
    private final Map<String, Integer> pending = new HashMap<>();
    private final Map<String, Value> anchors = new HashMap<>();

    private YamlFunctions(String text) {
        this.parser = new ParserImpl(new StreamReader(text), new LoaderOptions());
    }

    static void register(Functions.Registry r) {
        r.strict("yamldecode", 1, 1, args -> decode(Convert.string(args.get(0), "src")));
        r.strict("yamlencode", 1, 1, args -> new Value.Str(YamlEmitter.encode(args.get(0))));
    }

    static Value decode(String text) throws EvalException {
        YamlFunctions d = new YamlFunctions(text.isEmpty() ? "\n" : text);
        try {
            d.next();
            Event start = d.next();
            if (!start.is(Event.ID.DocumentStart)) {
                throw wrap(start, "missing start of document");
            }
            Value v = d.node(d.next());
            Event end = d.next();
            if (end.is(Event.ID.DocumentStart)) {
                throw wrap(end, "only a single document is allowed");
            } else if (!end.is(Event.ID.DocumentEnd)) {
                throw wrap(end, "unexpected extra content (" + end.getEventId() + ") after value");
            }
            Event stream = d.next();
            if (!stream.is(Event.ID.StreamEnd)) {
                throw wrap(stream, "unexpected extra content after value");
            }
            return v;
        } catch (MarkedYAMLException e) {
            throw new EvalException(syntaxError(e, text));
        } catch (YAMLException e) {
            throw new EvalException(String.valueOf(e.getMessage()));
        }
    }

    /**
     * A syntax error as go-cty-yaml reports libyaml's: libyaml's sentence for SnakeYAML's where one is known, and
     * libyaml's position rules (a scanner error names the 1-based line, a parser error the 0-based line and the
     * column; none on the first line).
     */
    private static String syntaxError(MarkedYAMLException e, String text) {
        String problem = e.getProblem() == null ? "invalid YAML syntax" : e.getProblem();
        String context = String.valueOf(e.getContext());
        boolean scanner = e instanceof org.yaml.snakeyaml.scanner.ScannerException;
        String[][] sentences = {
            {"mapping values are not allowed here", "mapping values are not allowed in this context"},
            {"found character .* that cannot start any token.*", "found character that cannot start any token"},
            {"expected ',' or '\\]'.*", "did not find expected ',' or ']'"},
            {"expected ',' or '}'.*", "did not find expected ',' or '}'"},
            {"(expected alphabetic or numeric character|unexpected character found).*",
                "did not find expected alphabetic or numeric character"},
            {"expected '>'.*", "did not find the expected '>'"},
            {"found unknown escape character.*", "found unknown escape character"},
            {"expected <block end>.*", context.contains("block mapping") ? "did not find expected key"
                    : "did not find expected '-' indicator"},
        };
        for (String[] s : sentences) {
            if (problem.matches(s[0])) {
                problem = s[1];
                break;
            }
        }
        Mark m = e.getProblemMark();
        int line = m == null ? 0 : m.getLine();
        int column = m == null ? 0 : m.getColumn();
        if (!scanner && m != null && m.getIndex() >= text.length() && column != 0) {
            // libyaml's parser sees the stream end on a line of its own.
            line++;
            column = 0;
        }
        if (line != 0) {
            return "on line " + (scanner ? line + 1 : line) + ", column " + (scanner ? 1 : column + 1) + ": " + problem;
        }
        Mark c = e.getContextMark();
        return c == null || c.getLine() == 0 ? problem
                : "on line " + c.getLine() + ", column " + (c.getColumn() + 1) + ": " + problem;
    }

    private Event next() {
        return parser.getEvent();
    }

    /** libyaml positions: a 0-based line, a 1-based column, none at all on the first line. */
    private static EvalException wrap(Event at, String message) {
        Mark m = at.getStartMark();
        return new EvalException(m == null || m.getLine() == 0 ? message
                : "on line " + m.getLine() + ", column " + (m.getColumn() + 1) + ": " + message);
    }

    private Value node(Event e) throws EvalException {
        if (e instanceof ScalarEvent s) {
            begin(s.getAnchor());
            Value v = scalar(s);
            return complete(s.getAnchor(), v == YamlScalars.MERGE ? new Value.Str("<<") : v);
        } else if (e instanceof AliasEvent a) {
            if (pending.containsKey(a.getAnchor())) {
                throw wrap(e, "cannot refer to anchor " + GoQuote.quote(a.getAnchor())
                        + " from inside its own definition");
            }
            Value v = anchors.get(a.getAnchor());
            if (v == null) {
                throw wrap(e, "reference to undefined anchor " + GoQuote.quote(a.getAnchor()));
            }
            return v;
        } else if (e.is(Event.ID.MappingStart)) {
            return mapping((CollectionStartEvent) e);
        } else if (e.is(Event.ID.SequenceStart)) {
            CollectionStartEvent c = (CollectionStartEvent) e;
            if (c.getTag() != null && !c.getTag().equals(YamlScalars.TAG + "seq")) {
                throw wrap(e, "can't interpret sequence as " + c.getTag());
            }
            begin(c.getAnchor());
            List<Value> items = new ArrayList<>();
            for (Event item = next(); !item.is(Event.ID.SequenceEnd); item = next()) {
                items.add(node(item));
            }
            return complete(c.getAnchor(), Value.Values.tuple(items));
        } else if (e.is(Event.ID.DocumentStart)) {
            throw wrap(e, "only a single document is allowed");
        } else if (e.is(Event.ID.StreamEnd)) {
            throw wrap(e, "expecting value but found end of stream");
        }
        throw wrap(e, "unexpected parser event " + e.getEventId());
    }

    private Value mapping(CollectionStartEvent start) throws EvalException {
        if (start.getTag() != null && !start.getTag().equals(YamlScalars.TAG + "map")) {
            throw wrap(start, "can't interpret mapping as " + start.getTag());
        }
        begin(start.getAnchor());
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Event key = next(); !key.is(Event.ID.MappingEnd); key = next()) {
            if (!(key instanceof ScalarEvent k)) {
                throw wrap(key, "only strings are allowed as mapping keys");
            }
            // A key is resolved like any scalar, but its anchor is never recorded.
            Value name = YamlScalars.resolve(k.getTag(), k.getValue(), k.getScalarStyle());
            if (name == YamlScalars.MERGE) {
                Value merged = node(next());
                if (!(merged instanceof Value.Obj o)) {
                    throw wrap(key, "cannot merge " + friendlyName(merged) + " into mapping");
                }
                fields.putAll(o.fields());
                continue;
            }
            if (name instanceof Value.Null) {
                throw wrap(key, "mapping key cannot be null");
            } else if (name instanceof Value.Unknown u) {
                throw new EvalException(u.reason());
            }
            fields.put(((Value.Str) Convert.toStr(name)).value(), node(next()));
        }
        return complete(start.getAnchor(), Value.Values.object(fields));
    }

    private static String friendlyName(Value v) {
        return v instanceof Value.Null ? "dynamic" : Convert.typeName(v);
    }

    private void begin(String anchor) {
        if (anchor != null) {
            pending.merge(anchor, 1, Integer::sum);
        }
    }

    private Value complete(String anchor, Value v) {
        if (anchor != null) {
            if (pending.merge(anchor, -1, Integer::sum) == 0) {
                pending.remove(anchor);
            }
            anchors.put(anchor, v);
        }
        return v;
    }

    /**
     * A scalar node's value. An untagged block scalar ({@code |}, {@code >}) is typed as a string by
     * go-cty-yaml but resolved like a plain one, so {@code |-\n 0x1F} becomes the string {@code "31"}.
     */
    private Value scalar(ScalarEvent s) throws EvalException {
        Value v;
        try {
            v = YamlScalars.resolve(s.getTag(), s.getValue(), s.getScalarStyle());
        } catch (EvalException e) {
            throw wrap(s, e.getMessage());
        }
        if (s.getTag() == null && !s.isPlain() && v != YamlScalars.MERGE && !(v instanceof Value.Unknown)) {
            return Convert.toStr(v);
        }
        return v;
    }
}
