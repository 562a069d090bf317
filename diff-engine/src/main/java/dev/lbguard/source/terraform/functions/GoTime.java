package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.EvalException;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 3339 timestamps as Terraform's time functions read and write them, which is Go's way. Two readers exist
 * because Terraform 1.11 has two: cty's strict one ({@code timeadd}, {@code formatdate}) and Go's
 * {@code time.Parse} ({@code timecmp}), which also takes a one-digit hour, a decimal comma and offsets up to
 * 24:60. Both turn Go's parse errors into the sentences Terraform prints (see {@link GoTimeParseError}). Durations
 * are {@link GoDuration}'s.
 */
final class GoTime {
    private GoTime() {
    }

    /** An instant and the UTC offset (seconds) it was written with, which is how it is printed back. */
    record Timestamp(long epochSecond, int nano, int offset) {
        LocalDateTime local() {
            return LocalDateTime.ofEpochSecond(Math.addExact(epochSecond, offset), nano, ZoneOffset.UTC);
        }

        int compareInstant(Timestamp o) {
            int c = Long.compare(epochSecond, o.epochSecond);
            return c != 0 ? c : Integer.compare(nano, o.nano);
        }

        Timestamp plusNanos(long nanos) {
            long total = Math.addExact(nano, Math.floorMod(nanos, 1_000_000_000L));
            long seconds = Math.addExact(epochSecond, Math.floorDiv(nanos, 1_000_000_000L) + total / 1_000_000_000L);
            return new Timestamp(seconds, (int) (total % 1_000_000_000L), offset);
        }

        /** Go's {@code Format(time.RFC3339)}: no fraction, {@code Z} for a zero offset. */
        String rfc3339() {
            LocalDateTime t = local();
            return year4(t.getYear()) + String.format("-%02d-%02dT%02d:%02d:%02d", t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()) + zone(true, true);
        }

        /** The offset as {@code Z07:00} ({@code utcZ}) or {@code -07:00} ({@code colon}) or {@code -0700}. */
        String zone(boolean utcZ, boolean colon) {
            if (utcZ && offset == 0) {
                return "Z";
            }
            int minutes = Math.abs(offset) / 60;
            return (offset < 0 ? "-" : "+") + String.format(colon ? "%02d:%02d" : "%02d%02d", minutes / 60,
                    minutes % 60);
        }
    }

    /** Go's four-digit year: {@code 0005}, {@code -0005}, {@code 10291}. */
    static String year4(int year) {
        String digits = String.format("%04d", Math.abs(year));
        return year < 0 ? "-" + digits : digits;
    }

    /** A timestamp as cty's {@code timeadd} and {@code formatdate} read it. */
    static Timestamp parseStrict(String s) throws EvalException {
        Optional<Timestamp> fast = fast(s);
        if (fast.isPresent()) {
            return fast.get();
        }
        Object go = generic(s);
        if (go instanceof GoTimeParseError e) {
            throw new EvalException(e.sentence(true));
        }
        // Go's parser took it but RFC 3339 does not: cty names the part at fault.
        String tail = s.substring(s.length() - 6);
        if (s.charAt(12) == ':') {
            throw new EvalException(new GoTimeParseError("15", s.substring(11, 12), "").sentence(true));
        } else if (s.charAt(19) == ',') {
            throw new EvalException(new GoTimeParseError(".", ",", "").sentence(true));
        } else if (s.charAt(s.length() - 1) != 'Z') {
            if (num2(tail, 1) >= 24 || num2(tail, 4) >= 60) {
                throw new EvalException(new GoTimeParseError("Z07:00", tail, "").sentence(true));
            }
            // cty then returns the zero time it failed to parse; no input is known to get here.
            return at(1, 1, 1, 0, 0, 0, 0, 0);
        }
        throw new EvalException(new GoTimeParseError("2006-01-02T15:04:05Z07:00", s, "").sentence(true));
    }

    /** A timestamp as Go's {@code time.Parse(time.RFC3339, s)} reads it ({@code timecmp}). */
    static Timestamp parseLenient(String s) throws EvalException {
        Optional<Timestamp> fast = fast(s);
        if (fast.isPresent()) {
            return fast.get();
        }
        Object go = generic(s);
        if (go instanceof GoTimeParseError e) {
            throw new EvalException(e.sentence(false));
        }
        return (Timestamp) go;
    }

    private static int num2(String s, int i) {
        return 10 * (s.charAt(i) - '0') + (s.charAt(i + 1) - '0');
    }

    /** The fast path Go and cty share: exactly {@code YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)}, all in range. */
    private static Optional<Timestamp> fast(String s) {
        if (s.length() < 19 || !ascii(s)) {
            return Optional.empty();
        }
        int year = uint(s, 0, 4, 0, 9999);
        int month = uint(s, 5, 7, 1, 12);
        int day = month < 0 || year < 0 ? -1 : uint(s, 8, 10, 1, daysIn(month, year));
        int hour = uint(s, 11, 13, 0, 23);
        int min = uint(s, 14, 16, 0, 59);
        int sec = uint(s, 17, 19, 0, 59);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || min < 0 || sec < 0 || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Optional.empty();
        }
        String rest = s.substring(19);
        int nano = 0;
        if (rest.length() >= 2 && rest.charAt(0) == '.' && digit(rest, 1)) {
            int n = 2;
            while (n < rest.length() && digit(rest, n)) {
                n++;
            }
            nano = nanos(rest, n);
            rest = rest.substring(n);
        }
        int offset = 0;
        if (!rest.equals("Z")) {
            if (rest.length() != 6) {
                return Optional.empty();
            }
            int hr = uint(rest, 1, 3, 0, 23);
            int mm = uint(rest, 4, 6, 0, 59);
            if (hr < 0 || mm < 0 || rest.charAt(0) != '-' && rest.charAt(0) != '+' || rest.charAt(3) != ':') {
                return Optional.empty();
            }
            offset = (rest.charAt(0) == '-' ? -1 : 1) * (hr * 60 + mm) * 60;
        }
        return Optional.of(at(year, month, day, hour, min, sec, nano, offset));
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static Timestamp at(int year, int month, int day, int hour, int min, int sec, int nano, int offset) {
        long local = LocalDateTime.of(year, month, day, hour, min, sec).toEpochSecond(ZoneOffset.UTC);
        return new Timestamp(local - offset, nano, offset);
    }

    /** The digits {@code s[from, to)} as a number in {@code [min, max]}, or -1. */
    private static int uint(String s, int from, int to, int min, int max) {
        int x = 0;
        for (int i = from; i < to; i++) {
            if (!digit(s, i)) {
                return -1;
            }
            x = x * 10 + s.charAt(i) - '0';
        }
        return x < min || x > max ? -1 : x;
    }

    private static boolean digit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Go's {@code parseNanoseconds}: the digits after the separator, at most nine of them counted. */
    private static int nanos(String value, int nbytes) {
        int n = Math.min(nbytes, 10);
        int ns = Integer.parseInt(value.substring(1, n));
        for (int i = 0; i < 10 - n; i++) {
            ns *= 10;
        }
        return ns;
    }

    static int daysIn(int month, int year) {
        return java.time.Month.of(month).length(Year.isLeap(year));
    }

    /**
     * Go's general {@code time.parse} for the RFC 3339 layout, element by element; returns a {@link Timestamp}
     * or the {@link GoTimeParseError} Go would report.
     */
    private static Object generic(String value) {
        String[][] chunks = {{"", "2006"}, {"-", "01"}, {"-", "02"}, {"T", "15"}, {":", "04"}, {":", "05"},
                {"", "Z07:00"}};
        int[] f = new int[7];
        int offset = 0;
        String v = value;
        for (String[] chunk : chunks) {
            String prefix = chunk[0];
            String std = chunk[1];
            if (!prefix.isEmpty()) {
                if (v.isEmpty() || v.charAt(0) != prefix.charAt(0)) {
                    return new GoTimeParseError(prefix, v, "");
                }
                v = v.substring(1);
            }
            String hold = v;
            String range = "";
            boolean bad = false;
            switch (std) {
                case "2006" -> {
                    if (v.length() < 4 || !digit(v, 0) || uint(v, 0, 4, 0, 9999) < 0) {
                        bad = true;
                    } else {
                        f[0] = uint(v, 0, 4, 0, 9999);
                        v = v.substring(4);
                    }
                }
                case "01", "02", "04", "05", "15" -> {
                    boolean fixed = !std.equals("15");
                    if (!digit(v, 0) || fixed && !digit(v, 1)) {
                        bad = true;
                        break;
                    }
                    int width = digit(v, 1) ? 2 : 1;
                    int n = uint(v, 0, width, 0, 99);
                    v = v.substring(width);
                    Map<String, Integer> slot = Map.of("01", 1, "02", 2, "15", 3, "04", 4, "05", 5);
                    f[slot.get(std)] = n;
                    if (std.equals("01") && (n <= 0 || n > 12)) {
                        range = "month";
                    } else if (std.equals("15") && n >= 24) {
                        range = "hour";
                    } else if (std.equals("04") && n >= 60) {
                        range = "minute";
                    } else if (std.equals("05") && n >= 60) {
                        range = "second";
                    } else if (std.equals("05") && v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',')
                            && digit(v, 1)) {
                        int d = 2;
                        while (d < v.length() && digit(v, d)) {
                            d++;
                        }
                        f[6] = nanos(v, d);
                        v = v.substring(d);
                    }
                }
                default -> {
                    if (!v.isEmpty() && v.charAt(0) == 'Z') {
                        v = v.substring(1);
                        break;
                    }
                    if (v.length() < 6 || v.charAt(3) != ':') {
                        bad = true;
                        break;
                    }
                    char sign = v.charAt(0);
                    int hr = uint(v, 1, 3, 0, 99);
                    int mm = hr < 0 ? 0 : uint(v, 4, 6, 0, 99);
                    v = v.substring(6);
                    bad = hr < 0 || mm < 0 || sign != '+' && sign != '-';
                    if (mm > 60) {
                        range = "time zone offset minute";
                    } else if (hr > 24) {
                        range = "time zone offset hour";
                    }
                    offset = (sign == '-' ? -1 : 1) * (Math.max(hr, 0) * 60 + Math.max(mm, 0)) * 60;
                }
            }
            if (!range.isEmpty()) {
                return new GoTimeParseError(std, v, ": " + range + " out of range");
            } else if (bad) {
                return new GoTimeParseError(std, hold, "");
            }
        }
        if (!v.isEmpty()) {
            return new GoTimeParseError("", v, ": extra text: " + GoQuote.timeQuote(v));
        }
        if (f[2] < 1 || f[2] > daysIn(f[1], f[0])) {
            return new GoTimeParseError("", "", ": day out of range");
        }
        return at(f[0], f[1], f[2], f[3], f[4], f[5], f[6], offset);
    }
}
