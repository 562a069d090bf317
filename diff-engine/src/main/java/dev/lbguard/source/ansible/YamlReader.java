package dev.lbguard.source.ansible;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads YAML into {@link Y} nodes with the line of every node, through Jackson's streaming YAML parser
 * (its token locations are the lines). Handles anchors, aliases and {@code <<} merge keys, which Ansible
 * trees use for shared listener settings.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Malformed YAML: the parser's message and where it stopped. */
    static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        YamlException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /**
     * The most values a document may hold once its aliases are expanded. Aliases share one node here, but Jinja
     * filters and templating walk values whole: a "billion laughs" document of a few lines would hang the read.
     */
    static final long MAX_EXPANDED_VALUES = 1_000_000;

    private final Map<String, Y> anchors = new HashMap<>();
    /** The expanded size of each anchored node, so that an alias counts as what it stands for. */
    private final Map<String, Long> anchorSizes = new HashMap<>();
    private long expanded;
    private final YAMLParser parser;
    private final String text;

    private YamlReader(YAMLParser parser, String text) {
        this.parser = parser;
        this.text = text;
    }

    /** The first document of {@code text}; an empty document is {@link Y.Null}. */
    static Y read(byte[] bytes) throws YamlException {
        String text;
        try {
            // Strict: a byte that is not UTF-8 would otherwise become U+FFFD inside a host or a path.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < bytes.length && (bytes[i] & 0x80) == 0; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new YamlException("the file is not valid UTF-8 (Ansible reads YAML as UTF-8)", line, 0);
        }
        try (YAMLParser p = FACTORY.createParser(text)) {
            YamlReader r = new YamlReader(p, text);
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Y.Null(1);
            }
            return r.value(t);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML").trim();
            return fail(msg, loc);
        } catch (IOException e) {
            throw new YamlException("cannot read YAML: " + e.getMessage(), 0, 0);
        } catch (RuntimeException e) {
            // SnakeYAML reports some scanner errors as unchecked exceptions; their message names the place.
            throw new YamlException(String.valueOf(e.getMessage()).lines().findFirst().orElse("malformed YAML"),
                    lineOf(String.valueOf(e.getMessage())), 0);
        }
    }

    private static Y fail(String msg, JsonLocation loc) throws YamlException {
        int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int col = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        throw new YamlException(msg, line, col);
    }

    private static int lineOf(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private Y value(JsonToken t) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        String anchor = parser.getCurrentAnchor() == null ? "" : parser.getCurrentAnchor();
        Y y;
        if (parser.isCurrentAlias()) {
            Y target = anchors.get(parser.getText());
            if (target == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser,
                        "unknown alias *" + parser.getText());
            }
            count(anchorSizes.get(parser.getText()));
            return target;
        }
        long before = expanded;
        count(1);
        Object tag = parser.getTypeId();
        if ("!vault".equals(tag) || "vault".equals(tag)) {
            // The ciphertext is no value of the play: without the vault password it is unknown, never a host.
            y = new Y.Unknown("encrypted with Ansible Vault (!vault); lbguard has no vault password", line);
            remember(anchor, y, before);
            return y;
        }
        switch (t) {
            case START_OBJECT -> y = mapping(line);
            case START_ARRAY -> {
                List<Y> items = new ArrayList<>();
                JsonToken n;
                while ((n = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(n));
                }
                y = new Y.List(items, line);
            }
            case VALUE_NULL -> y = new Y.Null(line);
            case VALUE_TRUE -> y = new Y.Scalar(Boolean.TRUE, line);
            case VALUE_FALSE -> y = new Y.Scalar(Boolean.FALSE, line);
            case VALUE_NUMBER_INT -> y = integer(line);
            case VALUE_NUMBER_FLOAT -> y = new Y.Scalar(parser.getDoubleValue(), line);
            default -> y = plainString(line);
        }
        remember(anchor, y, before);
        return y;
    }

    private void remember(String anchor, Y y, long before) {
        if (!anchor.isEmpty()) {
            anchors.put(anchor, y);
            anchorSizes.put(anchor, expanded - before);
        }
    }

    private void count(long values) throws IOException {
        expanded += values;
        if (expanded > MAX_EXPANDED_VALUES) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "aliases expand this document to more "
                    + "than " + MAX_EXPANDED_VALUES + " values, more than lbguard reads (a YAML alias bomb?); "
                    + "write the values out or share fewer of them");
        }
    }

    private Y integer(int line) throws IOException {
        try {
            return new Y.Scalar(parser.getLongValue(), line);
        } catch (IOException e) {
            return new Y.Scalar(parser.getText(), line);
        }
    }

    /** Ansible reads YAML 1.1, where yes/no/on/off are booleans; Jackson leaves them as strings. */
    private Y plainString(int line) throws IOException {
        String value = parser.getText();
        if (isPlain()) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "yes", "on" -> {
                    return new Y.Scalar(Boolean.TRUE, line);
                }
                case "no", "off" -> {
                    return new Y.Scalar(Boolean.FALSE, line);
                }
                default -> {
                }
            }
        }
        return new Y.Scalar(value, line, startsWith('|'));
    }

    private boolean isPlain() {
        // The parser does not expose the scalar style, so look at the source: quoted scalars stay strings.
        return !startsWith('"') && !startsWith('\'') && !startsWith('|') && !startsWith('>');
    }

    private boolean startsWith(char c) {
        long offset = parser.currentTokenLocation().getCharOffset();
        return offset >= 0 && offset < text.length() && text.charAt((int) offset) == c;
    }

    private Y mapping(int line) throws IOException {
        Map<String, Y> entries = new LinkedHashMap<>();
        Map<String, Y> merged = new LinkedHashMap<>();
        JsonToken n;
        while ((n = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            Y v = value(parser.nextToken());
            if (key.equals("<<")) {
                // Merge keys: explicit keys win over merged ones whatever their order.
                for (Y m : Y.items(v)) {
                    Y.entries(m).forEach(merged::putIfAbsent);
                }
            } else {
                entries.put(key, v);
            }
        }
        merged.forEach(entries::putIfAbsent);
        return new Y.Map(entries, line);
    }
}
