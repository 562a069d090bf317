package dev.lbguard.source.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Locale;

/**
 * HAProxy's accept dates, {@code 06/Dec/2026:12:00:01.123}, read as UTC (the date carries no zone) from a line's
 * bytes, for {@link HaproxyHttpLog} and {@link HaproxyBytes} alike. The second is read by hand (the JDK's formatter
 * was most of reading a line whose second is new) and, by the byte reader, remembered with its day: a log's lines
 * come many to a second, and a line of the last second costs a comparison of 20 bytes, a line of the same day that
 * and three numbers. A second of any other shape is left to the formatter, which reads or refuses it.
 */
final class AcceptDates {
    /** {@code dd/MMM/yyyy:HH:mm:ss}. */
    private static final int SECOND = 20;
    private static final long NONE = Long.MIN_VALUE;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final DateTimeFormatter ACCEPT_DATE = new DateTimeFormatterBuilder()
            .appendPattern("dd/MMM/yyyy:HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ENGLISH);

    /** {@code dd/MMM/yyyy}. */
    private static final int DAY = 11;

    /** The last second read by hand and its epoch second; the day it is in and the epoch second that day starts. */
    private final byte[] second = new byte[SECOND];
    private long epochSecond = NONE;
    private long dayStart = NONE;

    /**
     * Whether {@code b[from, to)} is an accept date's shape: {@code dd/MMM/yyyy:HH:mm:ss}, digits and letters where
     * they go, and a fraction of 1 to 9 digits or none.
     */
    static boolean shape(byte[] b, int from, int to) {
        int n = to - from;
        if (n != SECOND && (n < SECOND + 2 || n > SECOND + 10 || b[from + SECOND] != '.')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            byte c = b[from + i];
            boolean ok = switch (i) {
                case 2, 6 -> c == '/';
                case 3, 4, 5 -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                case 11, 14, 17 -> c == ':';
                case SECOND -> true;
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The accept date of {@link #shape} {@code text} as UTC; @throws DateTimeParseException when it is no date. */
    static Instant parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        long at = epochSecond(b, 0);
        if (at == NONE) {
            return LocalDateTime.parse(text, ACCEPT_DATE).toInstant(ZoneOffset.UTC);
        }
        return Instant.ofEpochSecond(at, nanos(b, 0, b.length));
    }

    /**
     * Reads the second of the accept date of {@link #shape} at {@code b[from]} into {@link #epochSecond()}: false
     * when it is not one read by hand (it is to be read as text then).
     */
    boolean read(byte[] b, int from) {
        if (epochSecond != NONE && Arrays.equals(second, 0, SECOND, b, from, from + SECOND)) {
            return true;
        }
        long day = dayStart != NONE && Arrays.equals(second, 0, DAY, b, from, from + DAY) ? dayStart : day(b, from);
        int time = day == NONE ? -1 : secondOfDay(b, from);
        if (time < 0) {
            return false;
        }
        System.arraycopy(b, from, second, 0, SECOND);
        dayStart = day;
        epochSecond = day + time;
        return true;
    }

    long epochSecond() {
        return epochSecond;
    }

    /** The nanoseconds of the fraction of the accept date {@code b[from, to)} of {@link #shape}; 0 without one. */
    static int nanos(byte[] b, int from, int to) {
        int nanos = 0;
        for (int i = 0; i < 9; i++) {
            int at = from + SECOND + 1 + i;
            nanos = nanos * 10 + (at < to ? b[at] - '0' : 0);
        }
        return nanos;
    }

    /** The epoch second of {@code dd/MMM/yyyy:HH:mm:ss} at {@code b[from]}, or {@link #NONE} for anything unusual. */
    private static long epochSecond(byte[] b, int from) {
        long day = b.length - from < SECOND ? NONE : day(b, from);
        int time = day == NONE ? -1 : secondOfDay(b, from);
        return time < 0 ? NONE : day + time;
    }

    /** The epoch second that the day {@code dd/MMM/yyyy} at {@code b[from]} starts, or {@link #NONE}. */
    private static long day(byte[] b, int from) {
        if (b[from + 2] != '/' || b[from + 6] != '/') {
            return NONE;
        }
        int month = MONTHS.indexOf(new String(b, from + 3, 3, StandardCharsets.ISO_8859_1));
        month = month % 3 == 0 ? month / 3 + 1 : 0;
        int day = Bytes.digits(b, from, 2);
        int year = Bytes.digits(b, from + 7, 4);
        if (month < 1 || day < 1 || year < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return NONE;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400L;
    }

    /** The second of the day of {@code :HH:mm:ss} after the day at {@code b[from]}, or -1. */
    private static int secondOfDay(byte[] b, int from) {
        if (b[from + DAY] != ':' || b[from + 14] != ':' || b[from + 17] != ':') {
            return -1;
        }
        int hour = Bytes.digits(b, from + 12, 2);
        int minute = Bytes.digits(b, from + 15, 2);
        int sec = Bytes.digits(b, from + 18, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59) {
            return -1;
        }
        return hour * 3600 + minute * 60 + sec;
    }
}
