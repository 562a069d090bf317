package dev.lbguard.source.terraform.modules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.hcl.SourceMap;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document with the position of every token, which Jackson's tree model forgets, and every property of an
 * object in file order, duplicates kept: HCL's JSON syntax reads {@code "resource"} twice as two sets of blocks.
 */
sealed interface LocatedJson {

    /** A position: 1-based line and column (in characters) and the 0-based character offset in the text. */
    record Pos(int line, int column, int offset) {
        Pos plus(int characters) {
            return new Pos(line, column + characters, offset + characters);
        }
    }

    /** Where the value's first character is. */
    Pos start();

    /** Just after the value's last character. */
    Pos end();

    /** {@code {...}}; {@code end} is just after the closing brace. */
    record Obj(List<Member> members, Pos start, Pos end) implements LocatedJson {
        public Obj {
            members = List.copyOf(members);
        }
    }

    /**
     * One {@code "name": value} of an object; {@code nameStart} and {@code nameEnd} span the quoted name, and
     * {@code nameMap} places positions in the name (a template where an object is an expression).
     */
    record Member(String name, Pos nameStart, Pos nameEnd, SourceMap nameMap, LocatedJson value) {
    }

    /** {@code [...]}. */
    record Arr(List<LocatedJson> items, Pos start, Pos end) implements LocatedJson {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** A string, decoded; {@code map} places positions in its value where they are in the file. */
    record Str(String value, Pos start, Pos end, SourceMap map) implements LocatedJson {
    }

    /** A number, exact. */
    record Num(BigDecimal value, Pos start, Pos end) implements LocatedJson {
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, Pos start, Pos end) implements LocatedJson {
    }

    /** {@code null}. */
    record Null(Pos start, Pos end) implements LocatedJson {
    }

    /**
     * Reads {@code text}, which must hold one JSON value and nothing after it; a syntax error names its line and
     * column.
     */
    static LocatedJson read(String path, String text) throws HclSyntaxException {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            Reader reader = new Reader(path, text, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new HclSyntaxException(path, 1, 1, "invalid JSON: the file holds no JSON value");
            }
            LocatedJson value = reader.value(first);
            if (parser.nextToken() != null) {
                Pos extra = reader.start();
                throw new HclSyntaxException(path, extra.line(), extra.column(),
                        "invalid JSON: extra data after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            long offset = at == null ? -1 : at.getCharOffset();
            // Jackson stops at the brace after a trailing comma; Terraform (and the reader) blames the comma.
            if (offset > 0 && offset < text.length() && (text.charAt((int) offset) == '}'
                    || text.charAt((int) offset) == ']')) {
                int comma = (int) offset - 1;
                while (comma >= 0 && Character.isWhitespace(text.charAt(comma))) {
                    comma--;
                }
                if (comma >= 0 && text.charAt(comma) == ',') {
                    int lineStart = text.lastIndexOf('\n', comma) + 1;
                    int commaLine = (int) text.substring(0, comma).chars().filter(c -> c == '\n').count() + 1;
                    throw new HclSyntaxException(path, commaLine, comma - lineStart + 1,
                            "invalid JSON: a trailing comma is not allowed before \"" + text.charAt((int) offset)
                                    + "\"");
                }
            }
            throw new HclSyntaxException(path, line, column, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HclSyntaxException(path, 1, 1, "invalid JSON: " + e.getMessage());
        }
    }

    /** Streams the tokens of one document into located values. */
    final class Reader {
        private final String path;
        private final String text;
        private final JsonParser parser;

        private Reader(String path, String text, JsonParser parser) {
            this.path = path;
            this.text = text;
            this.parser = parser;
        }

        private Pos start() {
            JsonLocation l = parser.currentTokenLocation();
            return new Pos(l.getLineNr(), l.getColumnNr(), (int) l.getCharOffset());
        }

        private LocatedJson value(JsonToken token) throws IOException, HclSyntaxException {
            Pos start = start();
            switch (token) {
                case START_OBJECT -> {
                    List<Member> members = new ArrayList<>();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                        Pos nameStart = start();
                        String name = parser.currentName();
                        Pos nameEnd = nameStart.plus(quotedLength(nameStart.offset()));
                        members.add(new Member(name, nameStart, nameEnd, map(name, nameStart),
                                value(parser.nextToken())));
                    }
                    return new Obj(members, start, start().plus(1));
                }
                case START_ARRAY -> {
                    List<LocatedJson> items = new ArrayList<>();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        items.add(value(t));
                    }
                    return new Arr(items, start, start().plus(1));
                }
                case VALUE_STRING -> {
                    String value = parser.getText();
                    Pos end = start.plus(quotedLength(start.offset()));
                    return new Str(value, start, end, map(value, start));
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    String spelled = parser.getText();
                    BigDecimal n = HclParser.number(spelled, message -> new HclSyntaxException(path, start.line(),
                            start.column(), message));
                    return new Num(n, start, start.plus(spelled.length()));
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new Bool(token == JsonToken.VALUE_TRUE, start, start.plus(token == JsonToken.VALUE_TRUE
                            ? 4 : 5));
                }
                case VALUE_NULL -> {
                    return new Null(start, start.plus(4));
                }
                default -> throw new HclSyntaxException(path, start.line(), start.column(),
                        "invalid JSON: unexpected " + token);
            }
        }

        /** The length of the quoted string at {@code offset}, quotes included; JSON strings hold no raw newline. */
        private int quotedLength(int offset) {
            int i = offset + 1;
            while (i < text.length() && text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(i + 1, text.length()) - offset;
        }

        /**
         * Where each character of the decoded string at {@code quote} stands in the file: an escape ({@code \n},
         * {@code \u00e9}) is one character decoded and several in the file, so columns after it shift. A decoded
         * newline starts a new line of the template, but the file's string stays on one line.
         */
        private SourceMap map(String value, Pos quote) {
            int[] fileColumn = new int[value.length() + 1];
            int k = 0;
            int i = quote.offset() + 1;
            while (k < value.length() && i < text.length()) {
                fileColumn[k++] = quote.column() + (i - quote.offset());
                i += text.charAt(i) != '\\' ? 1 : text.charAt(i + 1) == 'u' ? 6 : 2;
            }
            fileColumn[value.length()] = quote.column() + (i - quote.offset());
            List<Integer> lineStarts = new ArrayList<>(List.of(0));
            for (int c = 0; c < value.length(); c++) {
                if (value.charAt(c) == '\n') {
                    lineStarts.add(c + 1);
                }
            }
            return (line, column) -> {
                int lineStart = lineStarts.get(Math.max(0, Math.min(line - 1, lineStarts.size() - 1)));
                int index = Math.max(0, Math.min(value.length(), lineStart + column - 1));
                return new SourceMap.Position(quote.line(), fileColumn[index]);
            };
        }
    }
}
