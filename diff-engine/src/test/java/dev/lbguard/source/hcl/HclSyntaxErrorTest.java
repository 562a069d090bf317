package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class HclSyntaxErrorTest {

    static HclSyntaxException error(String text) {
        return catchThrowableOfType(() -> HclParser.parse("lb.tf", text), HclSyntaxException.class);
    }

    static String where(HclSyntaxException e) {
        return e.line() + ":" + e.column() + " " + e.detail();
    }

    @Test
    void missingClosingBraceBlamesTheOpenBlock() {
        HclSyntaxException e = error("""
                locals {
                  a = 1
                }

                resource "aws_lb" "main" {
                  name = "x"

                resource "aws_lb_listener" "http" {
                  port = 80
                }
                """);
        assertThat(e.file()).isEqualTo("lb.tf");
        assertThat(where(e)).isEqualTo(
                "5:26 expected \"}\" to close the block \"resource\" opened at 5:26, found end of file");
        assertThat(e.getMessage()).startsWith("lb.tf:5:26: ");
    }

    @Test
    void unterminatedStringPointsAtItsQuote() {
        assertThat(where(error("a = 1\nb = \"abc\nc = 2\n")))
                .isEqualTo("2:5 unterminated string: a quoted string must close on the line where it opens");
        assertThat(where(error("b = \"abc"))).isEqualTo("1:5 unterminated string: the quote opened here is never closed");
    }

    @Test
    void unterminatedHeredocPointsAtItsIntroducer() {
        assertThat(where(error("x = 1\npolicy = <<-EOT\n  {}\n  EOT2\n")))
                .isEqualTo("2:10 unterminated heredoc: no line \"EOT\" closes the heredoc opened here");
    }

    @Test
    void invalidCharacter() {
        assertThat(where(error("a = 1\nb = x @ y\n"))).isEqualTo("2:7 invalid character '@'");
        assertThat(where(error("a = \u0000"))).isEqualTo("1:5 invalid character U+0000");
        assertThat(where(error("a = b & c"))).isEqualTo("1:7 invalid character '&'");
    }

    @Test
    void missingExpressionAtEndOfFile() {
        assertThat(where(error("a = 1\nb = "))).isEqualTo("2:5 expected an expression, found end of file");
        assertThat(where(error("a =\nb = 1"))).isEqualTo("1:4 expected an expression, found end of line");
    }

    @Test
    void attributeNameOrBlockTypeExpected() {
        assertThat(where(error("= 1"))).isEqualTo("1:1 expected an attribute name or block type, found \"=\"");
        assertThat(where(error("a = 1\n}\n"))).isEqualTo("2:1 expected an attribute name or block type, found \"}\"");
        assertThat(where(error("\"a\" = 1"))).isEqualTo("1:1 expected an attribute name or block type, found a quoted string");
    }

    @Test
    void attributesEndAtNewlines() {
        assertThat(where(error("a = 1 b = 2"))).isEqualTo("1:7 expected a newline after the attribute \"a\", found \"b\"");
        assertThat(where(error("a = 1 +\n 2"))).isEqualTo("1:8 expected an expression, found end of line");
    }

    @Test
    void oneLineBlockHoldsOneAttribute() {
        assertThat(where(error("b { a = 1, c = 2 }"))).isEqualTo(
                "1:10 expected \"}\" to close the block \"b\" opened at 1:3, found \",\" (a one-line block holds at most one attribute)");
        assertThat(where(error("b { c { } }"))).startsWith("1:7 expected \"=\" after \"c\"");
    }

    @Test
    void duplicateAttribute() {
        assertThat(where(error("a = 1\nb = 2\na = 3\n"))).isEqualTo("3:1 the attribute \"a\" is already set at 1:1");
    }

    @Test
    void unclosedBracketsBlameTheOpener() {
        assertThat(where(error("a = [1,\n 2\n"))).isEqualTo(
                "1:5 expected \",\" or \"]\" to close the tuple opened at 1:5, found end of file");
        assertThat(where(error("a = f(1\nb = 2\n"))).isEqualTo(
                "2:1 expected \",\" or \")\" to close the call to \"f\" opened at 1:6, found \"b\"");
        assertThat(where(error("a = {\n  b = 1\n"))).isEqualTo(
                "1:5 expected \"}\" to close the object opened at 1:5, found end of file");
        assertThat(where(error("a = \"${x\"\n"))).isEqualTo(
                "1:9 expected \"}\" to close the interpolation opened at 1:6, found a quoted string");
    }

    @Test
    void expressionErrors() {
        assertThat(where(error("a = [1 2]"))).startsWith("1:8 expected \",\" or \"]\"");
        assertThat(where(error("a = {b 1}"))).isEqualTo("1:8 expected \"=\" or \":\" after the object key, found \"1\"");
        assertThat(where(error("a = x ? y"))).startsWith("1:10 expected \":\" in the conditional expression");
        assertThat(where(error("a = x.0.1"))).startsWith("1:7 invalid legacy index \".0.1\": write the index as [0][1]");
        assertThat(where(error("a = x."))).isEqualTo("1:7 expected an attribute name after \".\", found end of file");
        assertThat(where(error("a = [for x in y : x => x]"))).startsWith("1:21 a tuple for-expression");
        assertThat(where(error("a = {for x in y : x}"))).startsWith("1:20 expected \"=>\"");
        assertThat(where(error("a = 1e99999999999"))).startsWith("1:5 invalid number");
        assertThat(where(error("a = \"\\q\""))).startsWith("1:6 invalid escape sequence \"\\q\"");
        assertThat(where(error("a = \"\\u12\""))).startsWith("1:6 invalid escape sequence: \\u needs 4");
        assertThat(where(error("a = /* open"))).isEqualTo("1:5 unterminated comment: \"/*\" has no closing \"*/\"");
    }

    @Test
    void templateDirectiveErrors() {
        assertThat(where(error("a = \"%{if x}y\""))).isEqualTo("1:6 the %{if} opened here has no matching %{endif}");
        assertThat(where(error("a = \"%{endfor}\""))).isEqualTo("1:6 unexpected %{endfor} with no matching %{for}");
        assertThat(where(error("a = \"%{if x}%{endfor}\""))).isEqualTo("1:13 unexpected %{endfor} with no matching %{for}");
        assertThat(where(error("a = \"%{bogus}\""))).startsWith("1:8 unknown template directive \"bogus\"");
        assertThat(where(error("a = \"x\" \n b \"${x}\" {\n}"))).startsWith("2:5 a block label must be a plain string");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        assertThat(where(error("a = " + "(".repeat(5000)))).startsWith("1:").contains("nesting deeper than");
        assertThat(where(error("a = " + "!".repeat(5000) + "x"))).contains("nesting deeper than");
        assertThat(where(error("b {\n".repeat(5000)))).contains("nesting deeper than");
    }

    @Test
    void expressionEntryPointRejectsTrailingTokens() {
        HclSyntaxException e = catchThrowableOfType(() -> HclParser.parseExpression("-var", "1 2"), HclSyntaxException.class);
        assertThat(where(e)).isEqualTo("1:3 expected the end of the expression, found \"2\"");
        assertThat(e.file()).isEqualTo("-var");
    }
}
