package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code csvdecode}: RFC 4180 text as Go's {@code encoding/csv} reads it (blank lines skipped, {@code \r\n} read
 * as {@code \n}, no lazy quotes), the first record naming the attributes of one object per later record.
 */
final class CsvFunctions {
    private CsvFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("csvdecode", 1, 1, args -> decode(Convert.string(args.get(0), "str")));
    }

    static Value decode(String text) throws EvalException {
        Reader reader = new Reader(text);
        Optional<List<String>> header = reader.record(0);
        if (header.isEmpty()) {
            throw new EvalException("missing header line");
        }
        List<String> names = header.get();
        for (int i = 0; i < names.size(); i++) {
            if (names.subList(0, i).contains(names.get(i))) {
                throw new EvalException("duplicate column name " + GoQuote.quote(names.get(i)));
            }
        }
        List<Value> rows = new ArrayList<>();
        for (Optional<List<String>> row = reader.record(names.size()); row.isPresent();
                row = reader.record(names.size())) {
            Map<String, Value> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                // cty normalizes every string it builds, attribute names included, to NFC.
                fields.put(nfc(names.get(i)), new Value.Str(nfc(row.get().get(i))));
            }
            rows.add(Value.Obj.object(fields));
        }
        return Value.Values.list(rows);
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Go's {@code csv.Reader} with its defaults, one record at a time; line numbers as Go counts them. */
    private static final class Reader {
        private final String text;
        private int pos;
        private int line;

        Reader(String text) {
            this.text = text;
        }

        /** The next line with its {@code \n} ({@code \r\n} as {@code \n}), or null at the end. */
        private String readLine() {
            // Go counts a line only where there is one: an unterminated quote is reported on its last line.
            if (pos >= text.length()) {
                return null;
            }
            line++;
            int nl = text.indexOf('\n', pos);
            String l = nl < 0 ? text.substring(pos) : text.substring(pos, nl + 1);
            pos = nl < 0 ? text.length() : nl + 1;
            if (nl < 0 && l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.endsWith("\r\n")) {
                l = l.substring(0, l.length() - 2) + "\n";
            }
            return l;
        }

        private static int newlineLength(String s) {
            return s.endsWith("\n") ? 1 : 0;
        }

        /** The next record, checked to have {@code fields} fields when that is not 0; empty at the end. */
        Optional<List<String>> record(int fields) throws EvalException {
            String l;
            do {
                l = readLine();
            } while (l != null && l.length() == newlineLength(l));
            if (l == null) {
                return Optional.empty();
            }
            int start = line;
            List<String> out = new ArrayList<>();
            while (true) {
                if (l.isEmpty() || l.charAt(0) != '"') {
                    int comma = l.indexOf(',');
                    String field = comma >= 0 ? l.substring(0, comma)
                            : l.substring(0, l.length() - newlineLength(l));
                    if (field.indexOf('"') >= 0) {
                        throw error(line, "bare \" in non-quoted-field");
                    }
                    out.add(field);
                    if (comma < 0) {
                        break;
                    }
                    l = l.substring(comma + 1);
                    continue;
                }
                StringBuilder field = new StringBuilder();
                l = l.substring(1);
                boolean more = true;
                while (more) {
                    int quote = l.indexOf('"');
                    if (quote >= 0) {
                        field.append(l, 0, quote);
                        l = l.substring(quote + 1);
                        if (l.startsWith("\"")) {
                            field.append('"');
                            l = l.substring(1);
                        } else if (l.startsWith(",")) {
                            l = l.substring(1);
                            out.add(field.toString());
                            more = false;
                        } else if (l.length() == newlineLength(l)) {
                            out.add(field.toString());
                            return checked(out, fields, start);
                        } else {
                            throw error(line, "extraneous or missing \" in quoted-field");
                        }
                    } else if (!l.isEmpty()) {
                        field.append(l);
                        String next = readLine();
                        l = next == null ? "" : next;
                    } else {
                        throw error(line, "extraneous or missing \" in quoted-field");
                    }
                }
            }
            return checked(out, fields, start);
        }

        private static Optional<List<String>> checked(List<String> record, int fields, int start)
                throws EvalException {
            if (fields > 0 && record.size() != fields) {
                throw error(start, "wrong number of fields");
            }
            return Optional.of(record);
        }

        private static EvalException error(int line, String what) {
            return new EvalException("CSV parse error on line " + line + ": " + what);
        }
    }
}
