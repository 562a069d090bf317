package dev.lbguard.source.traffic;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The ISO-8601 UTC times logs write ({@code 2026-12-06T12:00:01.123456Z}), read by hand: on a million lines the
 * JDK's formatter was the better part of reading a log. Anything else goes to {@link Instant#parse}, which says
 * what is wrong.
 */
final class IsoInstant {
    private IsoInstant() {
    }

    /** @throws java.time.format.DateTimeParseException for a time that is not ISO-8601 */
    static Instant parse(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z' && (n == 20 || s.charAt(19) == '.')) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int fraction = n == 20 ? 0 : n - 21;
            int nanos = fraction > 0 && fraction <= 9 ? digits(s, 20, fraction) : fraction == 0 ? 0 : -1;
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && nanos >= 0) {
                try {
                    for (int i = fraction; i < 9; i++) {
                        nanos *= 10;
                    }
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
                } catch (java.time.DateTimeException e) {
                    // Out of range (a 13th month): let the JDK's parser say so.
                }
            }
        }
        return Instant.parse(s);
    }

    /** The number of {@code length} decimal digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
