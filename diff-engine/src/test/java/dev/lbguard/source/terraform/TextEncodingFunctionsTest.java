package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.call;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.value.Value;
import org.junit.jupiter.api.Test;

class TextEncodingFunctionsTest {

    @Test
    void documentedExamples() throws Exception {
        assertThat(call("textencodebase64", s("Hello World"), s("UTF-16LE")))
                .isEqualTo(s("SABlAGwAbABvACAAVwBvAHIAbABkAA=="));
        assertThat(call("textdecodebase64", s("SABlAGwAbABvACAAVwBvAHIAbABkAA=="), s("UTF-16LE")))
                .isEqualTo(s("Hello World"));
        assertThat(call("textencodebase64", s("Hello World"), s("UTF-8"))).isEqualTo(s("SGVsbG8gV29ybGQ="));
    }

    @Test
    void encodingsByAnyAliasAndByteOrderMarks() throws Exception {
        assertThat(call("textencodebase64", s(""), s("UTF-16"))).isEqualTo(s("/v8="));
        assertThat(call("textencodebase64", s("a😀"), s("utf-16be"))).isEqualTo(s("AGHYPd4A"));
        assertThat(call("textencodebase64", s("é"), s(" latin1 "))).isEqualTo(s("6Q=="));
        assertThat(call("textencodebase64", s("€"), s("cswindows1252"))).isEqualTo(s("gA=="));
        assertThat(call("textdecodebase64", s("//5hAA=="), s("UTF-16"))).isEqualTo(s("a"));
        assertThat(call("textdecodebase64", s("//5hAA=="), s("UTF-16LE"))).isEqualTo(s("\ufeffa"));
        assertThat(call("textdecodebase64", s("ZcyB"), s("UTF-8"))).isEqualTo(s("é"));
        assertThat(call("textdecodebase64", s("Y\r\nQ\n==\n"), s("UTF-8"))).isEqualTo(s("a"));
    }

    @Test
    void encodingsTerraformHasButLbguardDoesNotAreUnknown() throws Exception {
        assertThat(call("textencodebase64", s("x"), s("Shift_JIS"))).isInstanceOfSatisfying(Value.Unknown.class,
                u -> assertThat(u.reason()).contains("does not implement the character encoding \"Shift_JIS\""));
        assertThat(call("textdecodebase64", s("eA=="), s("ebcdic-cp-us"))).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void errorsAsTerraform() {
        assertThatThrownBy(() -> call("textencodebase64", s("é"), s("foo"))).hasMessage("Invalid function argument:"
                + " Invalid value for \"encoding\" parameter: \"foo\" is not a supported IANA encoding name or alias"
                + " in this Terraform version.");
        assertThatThrownBy(() -> call("textencodebase64", s("€"), s("latin1"))).hasMessageContaining("Invalid"
                + " value for \"string\" parameter: the given string contains characters that cannot be represented"
                + " in ISO_8859-1:1987.");
        assertThatThrownBy(() -> call("textdecodebase64", s("gA=="), s("US-ASCII"))).hasMessageContaining(
                "Invalid value for \"source\" parameter: the given string contains symbols that are not defined for"
                        + " US-ASCII.");
        assertThatThrownBy(() -> call("textdecodebase64", s("77+9"), s("UTF-8")))
                .hasMessageContaining("not defined for UTF-8");
        assertThatThrownBy(() -> call("textdecodebase64", s("YW!="), s("UTF-8")))
                .hasMessageContaining("the given value is has an invalid base64 symbol at offset 2.");
        assertThatThrownBy(() -> call("textdecodebase64", s("YQ"), s("UTF-8"))).hasMessageContaining("offset 0.");
        assertThatThrownBy(() -> call("textdecodebase64", s("YQ==\nx"), s("UTF-8")))
                .hasMessageContaining("offset 5.");
    }

    @Test
    void base64gzipIsUnknownNeverAGuess() throws Exception {
        assertThat(call("base64gzip", s("test"))).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void unknownsStayUnknown() throws Exception {
        Value.Unknown body = ref("aws_s3_object.o", "body");
        assertThat(call("base64gzip", body)).isEqualTo(body);
        assertThat(call("textencodebase64", body, s("UTF-16LE"))).isEqualTo(body);
    }
}
