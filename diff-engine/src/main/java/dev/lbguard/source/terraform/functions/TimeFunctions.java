package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * {@code timeadd}, {@code timecmp} and {@code formatdate}: pure functions of RFC 3339 timestamps, read and printed
 * by {@link GoTime} as Terraform 1.11 does. One result can differ from Terraform's: Go prints a timestamp whose
 * offset equals the local zone's in the local zone, so {@code timeadd} across a daylight-saving change on a
 * machine in that zone prints the new offset; lbguard keeps the offset written, as Terraform does in UTC.
 */
final class TimeFunctions {
    private TimeFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("timeadd", 2, 2, args -> {
            GoTime.Timestamp t = GoTime.parseStrict(Convert.string(args.get(0), "timestamp"));
            long nanos = GoDuration.parse(Convert.string(args.get(1), "duration"));
            return new Value.Str(t.plusNanos(nanos).rfc3339());
        });
        r.strict("timecmp", 2, 2, args -> {
            GoTime.Timestamp a = lenient(args.get(0), "timestamp_a");
            GoTime.Timestamp b = lenient(args.get(1), "timestamp_b");
            return Value.Num.of(Integer.signum(a.compareInstant(b)));
        });
        r.strict("formatdate", 2, 2, args -> {
            String format = Convert.string(args.get(0), "format");
            String time = Convert.string(args.get(1), "time");
            GoTime.Timestamp t;
            try {
                t = GoTime.parseStrict(time);
            } catch (EvalException e) {
                throw new EvalException("Invalid value for \"time\" parameter: " + e.getMessage() + ".");
            }
            return new Value.Str(format(format, t));
        });
    }

    private static GoTime.Timestamp lenient(Value v, String param) throws EvalException {
        String s = Convert.string(v, param);
        try {
            return GoTime.parseLenient(s);
        } catch (EvalException e) {
            throw new EvalException("Invalid value for \"" + param + "\" parameter: " + e.getMessage() + ".");
        }
    }

    /** cty's {@code formatdate}: runs of one letter are verbs, {@code '...'} quotes, anything else is literal. */
    static String format(String format, GoTime.Timestamp t) throws EvalException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int end;
            if (c == '\'') {
                end = quotedEnd(format, i);
                String tok = format.substring(i, end);
                if (tok.length() == 1 || tok.charAt(tok.length() - 1) != '\'') {
                    throw formatError("unterminated literal '");
                }
                if (tok.length() == 2) {
                    out.append('\'');
                } else {
                    // The quoted text as written, with each doubled quote written once.
                    String raw = tok.substring(1, tok.length() - 1);
                    for (int j = 0; j < raw.length(); j++) {
                        out.append(raw.charAt(j));
                        if (raw.charAt(j) == '\'') {
                            j++;
                        }
                    }
                }
            } else if (letter(c)) {
                end = i + 1;
                while (end < format.length() && format.charAt(end) == c) {
                    end++;
                }
                verb(format.substring(i, end), t.local(), t, out);
            } else {
                end = i + 1;
                while (end < format.length() && format.charAt(end) != '\'' && !letter(format.charAt(end))) {
                    end++;
                }
                out.append(format, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /** Where a quoted literal starting at {@code start} ends; {@code ''} is an escaped quote. */
    private static int quotedEnd(String s, int start) {
        if (start + 1 < s.length() && s.charAt(start + 1) == '\'') {
            return start + 2;
        }
        for (int i = start + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\'') {
                if (i + 1 == s.length()) {
                    return s.length();
                }
                if (s.charAt(i + 1) == '\'') {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return s.length();
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static void verb(String tok, LocalDateTime t, GoTime.Timestamp ts, StringBuilder out)
            throws EvalException {
        int n = tok.length();
        String q = GoQuote.quote(tok);
        switch (tok.charAt(0)) {
            case 'Y' -> {
                if (n == 2) {
                    out.append(String.format("%02d", t.getYear() % 100));
                } else if (n == 4) {
                    out.append(String.format("%04d", t.getYear()));
                } else {
                    throw formatError("invalid date format verb " + q + ": year must either be \"YY\" or \"YYYY\"");
                }
            }
            case 'M' -> {
                String name = t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                switch (n) {
                    case 1 -> out.append(t.getMonthValue());
                    case 2 -> out.append(String.format("%02d", t.getMonthValue()));
                    case 3 -> out.append(name, 0, 3);
                    case 4 -> out.append(name);
                    default -> throw formatError("invalid date format verb " + q
                            + ": month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"");
                }
            }
            case 'D' -> number(t.getDayOfMonth(), n, q, "day of month must either be \"D\" or \"DD\"", out);
            case 'E' -> {
                String name = t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                if (n == 3) {
                    out.append(name, 0, 3);
                } else if (n == 4) {
                    out.append(name);
                } else {
                    throw formatError("invalid date format verb " + q
                            + ": day of week must either be \"EEE\" or \"EEEE\"");
                }
            }
            case 'h' -> number(t.getHour(), n, q, "24-hour must either be \"h\" or \"hh\"", out);
            case 'H' -> number(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, n, q,
                    "12-hour must either be \"H\" or \"HH\"", out);
            case 'A', 'a' -> {
                if (n != 2) {
                    String one = tok.substring(0, 1);
                    throw formatError("invalid date format verb " + q + ": must be \"" + one + one + "\"");
                }
                String marker = t.getHour() < 12 ? "AM" : "PM";
                out.append(tok.charAt(0) == 'A' ? marker : marker.toLowerCase(Locale.ROOT));
            }
            case 'm' -> number(t.getMinute(), n, q, "minute must either be \"m\" or \"mm\"", out);
            case 's' -> number(t.getSecond(), n, q, "second must either be \"s\" or \"ss\"", out);
            case 'Z' -> {
                switch (n) {
                    case 1 -> out.append(ts.zone(true, true));
                    case 3 -> out.append(ts.offset() == 0 ? "UTC" : ts.zone(false, false));
                    case 4 -> out.append(ts.zone(false, false));
                    case 5 -> out.append(ts.zone(false, true));
                    default -> throw formatError("invalid date format verb " + q
                            + ": timezone must be Z, ZZZZ, or ZZZZZ");
                }
            }
            default -> throw formatError("invalid date format verb " + q);
        }
    }

    private static void number(int value, int n, String q, String rule, StringBuilder out) throws EvalException {
        if (n == 1) {
            out.append(value);
        } else if (n == 2) {
            out.append(String.format("%02d", value));
        } else {
            throw formatError("invalid date format verb " + q + ": " + rule);
        }
    }

    private static EvalException formatError(String message) {
        return new EvalException("Invalid value for \"format\" parameter: " + message + ".");
    }
}
