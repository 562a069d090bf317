package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The hand-read log times agree with the JDK's ISO-8601 parser, whatever the digits of the fraction. */
class IsoInstantProperties {
    @Property(tries = 500)
    void agreesWithTheJdk(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long seconds,
                          @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                          @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        String full = Instant.ofEpochSecond(seconds, nanos).toString();
        String base = full.substring(0, 19);
        String fraction = String.format("%09d", nanos).substring(0, fractionDigits);
        String text = base + (fractionDigits == 0 ? "" : "." + fraction) + "Z";
        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void whatIsNoTimeIsRefusedAsTheJdkRefusesIt() {
        assertThatThrownBy(() -> IsoInstant.parse("2026-13-06T12:00:01.000Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstant.parse("2026-12-06 12:00:01Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstant.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
