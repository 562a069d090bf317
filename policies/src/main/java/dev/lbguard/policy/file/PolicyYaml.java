package dev.lbguard.policy.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML of a policy file as nodes that know their line and column (and, in a mapping, those of each key),
 * read through Jackson's streaming YAML parser: every error the reader reports points at the place to edit.
 * A policy file is small and hand-written, so anchors, aliases and duplicate keys are refused, not resolved.
 */
final class PolicyYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    sealed interface Node permits Mapping, Sequence, Scalar {
        int line();

        int column();

        /** What the node is, in the words of an error message: "a mapping", "a list", "the text 'x'". */
        String describe();
    }

    /** One key of a mapping, where the key stands, and its value. */
    record Entry(String key, int line, int column, Node value) {
    }

    record Mapping(Map<String, Entry> entries, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<Node> items, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar: {@code kind} is the token Jackson read (string, int, float, true, false, null). */
    record Scalar(String text, JsonToken kind, int line, int column) implements Node {
        boolean isNull() {
            return kind == JsonToken.VALUE_NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "nothing (null)" : "'" + text + "'";
        }
    }

    /** Malformed YAML, with where the parser stopped. */
    static final class YamlError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        YamlError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private final YAMLParser parser;

    private PolicyYaml(YAMLParser parser) {
        this.parser = parser;
    }

    /** The document of {@code text}, or empty for an empty document. */
    static java.util.Optional<Node> read(String text) throws YamlError {
        try (YAMLParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return java.util.Optional.empty();
            }
            PolicyYaml r = new PolicyYaml(p);
            Node n = r.value(t);
            if (p.nextToken() != null) {
                throw r.error("a policy file holds one YAML document; remove the second '---'", p.currentTokenLocation());
            }
            return java.util.Optional.of(n);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                    && marked.getProblemMark() != null) {
                // SnakeYAML's mark is where it found the problem; Jackson's location is where the last token ended.
                throw new YamlError((marked.getContext() == null ? "" : marked.getContext() + ": ")
                        + marked.getProblem(), marked.getProblemMark().getLine() + 1,
                        marked.getProblemMark().getColumn() + 1);
            }
            JsonLocation loc = e.getLocation();
            throw new YamlError(e.getOriginalMessage().lines().findFirst().orElse("malformed YAML").trim(),
                    loc == null ? 0 : Math.max(0, loc.getLineNr()), loc == null ? 0 : Math.max(0, loc.getColumnNr()));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some scanner errors unchecked; their message names the place.
            String msg = String.valueOf(e.getMessage());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)").matcher(msg);
            boolean at = m.find();
            throw new YamlError(msg.lines().findFirst().orElse("malformed YAML"),
                    at ? Integer.parseInt(m.group(1)) : 0, at ? Integer.parseInt(m.group(2)) : 0);
        }
    }

    private Node value(JsonToken t) throws IOException, YamlError {
        JsonLocation loc = parser.currentTokenLocation();
        if (parser.isCurrentAlias() || parser.getCurrentAnchor() != null) {
            throw error("anchors and aliases (&name, *name) are not read in a policy file; write the value out", loc);
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    JsonLocation keyAt = parser.currentTokenLocation();
                    String key = parser.currentName();
                    if (entries.containsKey(key)) {
                        throw error("'" + key + "' is given twice in this mapping; keep one", keyAt);
                    }
                    Node v = value(parser.nextToken());
                    entries.put(key, new Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), v));
                }
                return new Mapping(entries, loc.getLineNr(), loc.getColumnNr());
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken n;
                while ((n = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(n));
                }
                return new Sequence(items, loc.getLineNr(), loc.getColumnNr());
            }
            default -> {
                return new Scalar(t == JsonToken.VALUE_NULL ? "" : parser.getText(), t, loc.getLineNr(),
                        loc.getColumnNr());
            }
        }
    }

    private YamlError error(String message, JsonLocation at) {
        return new YamlError(message, at.getLineNr(), at.getColumnNr());
    }
}
