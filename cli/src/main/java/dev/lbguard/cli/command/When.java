package dev.lbguard.cli.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in history as {@code --since} and {@code --until} take it: a date-time, an age ({@code 2h}, {@code 1d}),
 * or else a revision. Ages count back from now, which {@code LBGUARD_NOW} (an ISO instant) fixes for scripts and
 * tests.
 */
record When(Optional<Instant> time, Optional<String> revision, String label) {
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(s|m|min|h|d|w)");

    static When parse(String text, Map<String, String> environment) {
        Matcher m = AGE.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return new When(Optional.of(now(environment).minus(age)), Optional.empty(), text);
        }
        if (text.trim().matches("\\d{1,6}") || text.trim().matches("\\d+\\s*[A-Za-z]*[g-zG-Z][A-Za-z]*")) {
            // A number alone is an age without its unit (a commit id wants 7 hex digits), and a number with a word
            // that is no hex (1y, 2H, 3 days) an age with a unit lbguard does not know: neither is a revision.
            throw new UsageException("'" + text + "' is not a time lbguard knows: give an age with its unit (30m, "
                    + "2h, 1d, 1w), an ISO date-time (2026-11-24T14:00:00Z) or a revision");
        }
        Optional<Instant> t = dateTime(text.trim());
        return t.map(i -> new When(Optional.of(i), Optional.<String>empty(), text))
                .orElseGet(() -> new When(Optional.empty(), Optional.of(text), text));
    }

    static Instant now(Map<String, String> environment) {
        String fixed = environment.get("LBGUARD_NOW");
        if (fixed == null) {
            return Instant.now();
        }
        return dateTime(fixed).orElseThrow(() -> new UsageException("LBGUARD_NOW '" + fixed
                + "' is not an ISO date-time such as 2026-11-24T17:00:00Z"));
    }

    /** ISO forms; a date or date-time without a zone is taken as UTC, so that runs agree across machines. */
    private static Optional<Instant> dateTime(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
