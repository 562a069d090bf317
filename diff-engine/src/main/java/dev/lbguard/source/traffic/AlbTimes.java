package dev.lbguard.source.traffic;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The time field of ALB access-log lines read from its bytes, for {@link AlbBytes}: a log's lines come a second at a
 * time, so the last second read is remembered and a line of the same second costs a comparison of 19 bytes, not a
 * parse; and its day, so that a new second of the same day is a sum, not a date built (three objects a line where
 * each line is a second of its own). A time of another shape is left to {@link IsoInstant}.
 */
final class AlbTimes {
    /** The last {@code yyyy-MM-ddTHH:mm:ss} read and its epoch second. */
    private final byte[] second = new byte[19];
    private boolean secondKnown;
    private long epochSecond;
    /** The day {@code yyyy-MM-dd} of the last second read and the epoch second it starts at. */
    private final byte[] date = new byte[10];
    private boolean dayKnown;
    private long dayEpochSecond;

    /** The epoch second of the last second {@link #newSecond} read. */
    long epochSecond() {
        return epochSecond;
    }

    /**
     * The nanoseconds of a time written {@code yyyy-MM-ddTHH:mm:ssZ} or with a fraction of 1 to 9 digits, or -1
     * for any other shape, which {@link IsoInstant} is left to read.
     */
    static int fraction(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 20 || b[to - 1] != 'Z') {
            return -1;
        }
        if (n == 20) {
            return 0;
        }
        if (n < 22 || n > 30 || b[from + 19] != '.') {
            return -1;
        }
        int nanos = 0;
        for (int i = from + 20; i < to - 1; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            nanos = nanos * 10 + (b[i] - '0');
        }
        for (int i = n - 21; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    boolean sameSecond(byte[] b, int from) {
        if (!secondKnown) {
            return false;
        }
        for (int i = 0; i < second.length; i++) {
            if (b[from + i] != second[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean sameDay(byte[] b, int from) {
        if (!dayKnown) {
            return false;
        }
        for (int i = 0; i < date.length; i++) {
            if (b[from + i] != date[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads and remembers the second {@code yyyy-MM-ddTHH:mm:ss} at {@code from} when it is one
     * {@link IsoInstant#parse} reads as such (digits where digits go, a date and time that exist); false otherwise.
     */
    boolean newSecond(byte[] b, int from) {
        if (b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':'
                || b[from + 16] != ':') {
            return false;
        }
        int year = Bytes.digits(b, from, 4);
        int month = Bytes.digits(b, from + 5, 2);
        int day = Bytes.digits(b, from + 8, 2);
        int hour = Bytes.digits(b, from + 11, 2);
        int minute = Bytes.digits(b, from + 14, 2);
        int sec = Bytes.digits(b, from + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || sec < 0) {
            return false;
        }
        if (sameDay(b, from)) {
            // The ranges LocalTime.of takes; the date was taken when the day was read.
            if (hour > 23 || minute > 59 || sec > 59) {
                return false;
            }
            epochSecond = dayEpochSecond + hour * 3600L + minute * 60L + sec;
        } else {
            try {
                epochSecond = LocalDateTime.of(year, month, day, hour, minute, sec).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                return false;
            }
            System.arraycopy(b, from, date, 0, date.length);
            dayEpochSecond = epochSecond - (hour * 3600L + minute * 60L + sec);
            dayKnown = true;
        }
        System.arraycopy(b, from, second, 0, second.length);
        secondKnown = true;
        return true;
    }
}
