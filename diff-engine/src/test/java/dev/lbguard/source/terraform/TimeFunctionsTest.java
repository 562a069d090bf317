package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.call;
import static dev.lbguard.source.terraform.V.n;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {

    @Test
    void timeaddAddsGoDurations() throws Exception {
        // Terraform's documented examples.
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("10m"))).isEqualTo(s("2017-11-22T00:10:00Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("-10m"))).isEqualTo(s("2017-11-21T23:50:00Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("1.5h"))).isEqualTo(s("2017-11-22T01:30:00Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("1h30m"))).isEqualTo(s("2017-11-22T01:30:00Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("0"))).isEqualTo(s("2017-11-22T00:00:00Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("1500ms"))).isEqualTo(s("2017-11-22T00:00:01Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00Z"), s("1µs"))).isEqualTo(s("2017-11-22T00:00:00Z"));
        // The offset is kept, the fraction dropped, years keep four digits.
        assertThat(call("timeadd", s("2024-02-28T23:00:00+05:30"), s("1h"))).isEqualTo(s("2024-02-29T00:00:00+05:30"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00.999Z"), s("1ms"))).isEqualTo(s("2017-11-22T00:00:01Z"));
        assertThat(call("timeadd", s("2017-11-22T00:00:00-00:00"), s("1h"))).isEqualTo(s("2017-11-22T01:00:00Z"));
        assertThat(call("timeadd", s("0000-01-01T00:00:00Z"), s("-1h"))).isEqualTo(s("-0001-12-31T23:00:00Z"));
        assertThat(call("timeadd", s("9999-12-31T23:59:59Z"), s("1s"))).isEqualTo(s("10000-01-01T00:00:00Z"));
    }

    @Test
    void timeaddRejectsWhatGoAndCtyReject() {
        assertFails("timeadd", "2017-11-22", "1h", "Call to function \"timeadd\" failed: not a valid RFC3339"
                + " timestamp: missing required time introducer 'T'");
        assertFails("timeadd", "2017-11-22T00:00:00", "1h", "end of string before UTC offset");
        assertFails("timeadd", "2017-11-22T1:00:00Z", "1h", "hour must have exactly two digits");
        assertFails("timeadd", "2017-11-22T25:00:00Z", "1h", "hour must be between 0 and 23 inclusive");
        assertFails("timeadd", "2017-13-22T00:00:00Z", "1h", "cannot use \"-22T00:00:00Z\" as month");
        assertFails("timeadd", "2017-02-30T00:00:00Z", "1h", "not a valid RFC3339 timestamp: day out of range");
        assertFails("timeadd", "2017-11-22T00:00:00,5Z", "1h", "cannot use \",\" as timestamp segment");
        assertFails("timeadd", "2017-11-22T00:00:00+24:00", "1h", "cannot use \"+24:00\" as UTC offset");
        assertFails("timeadd", "2017/11/22T00:00:00Z", "1h", "found \"/11/22T00:00:00Z\" where \"-\" is expected");
        assertFails("timeadd", "2017-11-22T00:00:00Zjunk", "1h", "cannot use \"junk\" as timestamp segment");
        assertFails("timeadd", "2017-11-22T00:00:00Z", "1d", "time: unknown unit \"d\" in duration \"1d\"");
        assertFails("timeadd", "2017-11-22T00:00:00Z", "1", "time: missing unit in duration \"1\"");
        assertFails("timeadd", "2017-11-22T00:00:00Z", "", "time: invalid duration \"\"");
        assertFails("timeadd", "2017-11-22T00:00:00Z", "2562048h", "time: invalid duration \"2562048h\"");
        assertFails("timeadd", "2017-11-22T00:00:00Z", "1é", "time: unknown unit \"\\xc3\\xa9\" in duration");
    }

    @Test
    void timecmpComparesInstantsAndReadsAsGoParses() throws Exception {
        assertThat(call("timecmp", s("2017-11-22T00:00:00Z"), s("2017-11-22T00:00:00Z"))).isEqualTo(n(0));
        assertThat(call("timecmp", s("2017-11-22T00:00:00Z"), s("2017-11-22T01:00:00Z"))).isEqualTo(n(-1));
        assertThat(call("timecmp", s("2017-11-22T01:00:00Z"), s("2017-11-22T00:00:00Z"))).isEqualTo(n(1));
        assertThat(call("timecmp", s("2017-11-22T01:00:00Z"), s("2017-11-22T00:00:00-01:00"))).isEqualTo(n(0));
        // Terraform 1.11's timecmp uses time.Parse, which takes what timeadd refuses.
        assertThat(call("timecmp", s("2017-11-22T1:00:00Z"), s("2017-11-22T01:00:00Z"))).isEqualTo(n(0));
        assertThat(call("timecmp", s("2017-11-22T00:00:00,5Z"), s("2017-11-22T00:00:00.5Z"))).isEqualTo(n(0));
        assertThat(call("timecmp", s("2017-11-22T00:00:00+24:00"), s("2017-11-21T00:00:00Z"))).isEqualTo(n(0));
        assertFails("timecmp", "2017-11-22", "2017-11-22T00:00:00Z", "Invalid function argument: Invalid value for"
                + " \"timestamp_a\" parameter: not a valid RFC3339 timestamp: missing required time introducer 'T'.");
        assertFails("timecmp", "2017-11-22T00:00:00Z", "bad", "Invalid value for \"timestamp_b\" parameter:"
                + " not a valid RFC3339 timestamp: cannot use \"bad\" as year.");
        assertFails("timecmp", "2017-11-22T25:00:00Z", "2017-11-22T00:00:00Z", "cannot use \":00:00Z\" as hour.");
    }

    @Test
    void formatdateDocumentedExamples() throws Exception {
        assertThat(call("formatdate", s("DD MMM YYYY hh:mm ZZZ"), s("2018-01-02T23:12:01Z")))
                .isEqualTo(s("02 Jan 2018 23:12 UTC"));
        assertThat(call("formatdate", s("EEEE, DD-MMM-YY hh:mm:ss ZZZ"), s("2018-01-02T23:12:01Z")))
                .isEqualTo(s("Tuesday, 02-Jan-18 23:12:01 UTC"));
        assertThat(call("formatdate", s("EEE, DD MMM YYYY hh:mm:ss ZZZ"), s("2018-01-02T23:12:01-08:00")))
                .isEqualTo(s("Tue, 02 Jan 2018 23:12:01 -0800"));
        assertThat(call("formatdate", s("MMM DD, YYYY"), s("2018-01-02T23:12:01Z"))).isEqualTo(s("Jan 02, 2018"));
        assertThat(call("formatdate", s("HH:mmaa"), s("2018-01-02T23:12:01Z"))).isEqualTo(s("11:12pm"));
    }

    @Test
    void formatdateEveryVerbAndQuoting() throws Exception {
        assertThat(call("formatdate", s("h:m:s H AA aa Z ZZZZ ZZZZZ ZZZ M D MMMM EEEE"),
                s("2018-01-02T03:04:05+05:30")))
                .isEqualTo(s("3:4:5 3 AM am +05:30 +0530 +05:30 +0530 1 2 January Tuesday"));
        assertThat(call("formatdate", s("H HH AA"), s("2018-01-02T00:00:00Z"))).isEqualTo(s("12 12 AM"));
        assertThat(call("formatdate", s("YYYY-MM-DD'T'hh:mm:ssZ"), s("2018-01-02T23:12:01Z")))
                .isEqualTo(s("2018-01-02T23:12:01Z"));
        assertThat(call("formatdate", s("'quoted' 'it''s' '' YYYY"), s("2018-01-02T23:12:01Z")))
                .isEqualTo(s("quoted it's ' 2018"));
        assertThat(call("formatdate", s("YY/YYYY"), s("0005-06-07T08:09:10Z"))).isEqualTo(s("05/0005"));
        assertThat(call("formatdate", s(""), s("2018-01-02T23:12:01Z"))).isEqualTo(s(""));
    }

    @Test
    void formatdateErrorsNameTheParameter() {
        assertFails("formatdate", "YYY", "2018-01-02T23:12:01Z", "Invalid function argument: Invalid value for"
                + " \"format\" parameter: invalid date format verb \"YYY\": year must either be \"YY\" or \"YYYY\".");
        assertFails("formatdate", "ZZ", "2018-01-02T23:12:01Z", "timezone must be Z, ZZZZ, or ZZZZZ");
        assertFails("formatdate", "A", "2018-01-02T23:12:01Z", "invalid date format verb \"A\": must be \"AA\"");
        assertFails("formatdate", "x", "2018-01-02T23:12:01Z", "invalid date format verb \"x\".");
        assertFails("formatdate", "'open", "2018-01-02T23:12:01Z", "unterminated literal '");
        // The timestamp is read first.
        assertFails("formatdate", "YYY", "2018-01-02", "Invalid value for \"time\" parameter: not a valid RFC3339"
                + " timestamp: missing required time introducer 'T'.");
    }

    @Test
    void unknownArgumentsGiveUnknownResults() throws Exception {
        Value.Unknown created = ref("aws_lb.x", "created_time");
        assertThat(call("timeadd", created, s("1h"))).isEqualTo(created);
        assertThat(call("formatdate", s("YYYY"), created)).isEqualTo(created);
        assertThat(call("timecmp", s("2018-01-02T23:12:01Z"), created)).isEqualTo(created);
        assertThat(call("timeadd", call("timestamp"), s("1h"))).isInstanceOf(Value.Unknown.class);
    }

    private static void assertFails(String function, String a, String b, String message) {
        assertThatThrownBy(() -> call(function, s(a), s(b))).isInstanceOf(EvalException.class)
                .hasMessageContaining(message);
    }
}
