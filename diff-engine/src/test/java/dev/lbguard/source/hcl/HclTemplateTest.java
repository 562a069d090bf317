package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HclTemplateTest {

    static Expression.Template template(String text) throws HclSyntaxException {
        return (Expression.Template) HclParser.parseExpression("t.tf", text);
    }

    static String show(String text) throws HclSyntaxException {
        return Show.parts(template(text).parts());
    }

    /** The value of an attribute {@code v} in a file. */
    static Expression.Template attribute(String file) throws HclSyntaxException {
        return (Expression.Template) HclParser.parse("t.tf", file).body().attribute("v").orElseThrow().expression();
    }

    @Test
    void plainStringIsOneLiteral() throws Exception {
        Expression.Template t = template("\"hello\"");
        assertThat(t.parts()).containsExactly(new TemplatePart.Literal("hello", new Range("t.tf", 1, 2, 1, 7)));
        assertThat(t.heredoc()).isFalse();
        assertThat(Show.span(t)).isEqualTo("1:1-1:8");
    }

    @Test
    void emptyStringIsOneEmptyLiteral() throws Exception {
        assertThat(template("\"\"").parts()).containsExactly(new TemplatePart.Literal("", new Range("t.tf", 1, 2, 1, 2)));
    }

    @Test
    void escapesAreDecoded() throws Exception {
        assertThat(show("\"a\\nb\\rc\\td\\\"e\\\\f\\u00e9\\U0001F600\""))
                .isEqualTo("a\\nb\rc\td\"e\\fé\uD83D\uDE00");
        assertThat(show("\"$${not} %%{not} $ % $$ %%\"")).isEqualTo("${not} %{not} $ % $$ %%");
    }

    @Test
    void interpolationWithPositions() throws Exception {
        Expression.Template t = template("\"arn:${var.region}:x\"");
        assertThat(Show.parts(t.parts())).isEqualTo("arn:${var.region}:x");
        assertThat(t.parts()).extracting(Show::span).containsExactly("1:2-1:6", "1:6-1:19", "1:19-1:21");
        TemplatePart.Interpolation i = (TemplatePart.Interpolation) t.parts().get(1);
        assertThat(Show.span(i.expression())).isEqualTo("1:8-1:18");
    }

    @Test
    void singleInterpolationKeepsItsType() throws Exception {
        assertThat(template("\"${each.key}\"").isSingleInterpolation()).isTrue();
        assertThat(template("\"${a}${b}\"").isSingleInterpolation()).isFalse();
        assertThat(template("\" ${a}\"").isSingleInterpolation()).isFalse();
    }

    @Test
    void nestedQuotesInsideInterpolation() throws Exception {
        assertThat(show("\"a${join(\",\", [for s in x : \"${s}!\"])}b\""))
                .isEqualTo("a${join(\",\", (for s x \"${s}!\"))}b");
    }

    @Test
    void stripMarkersTrimAdjacentLiteralsOnly() throws Exception {
        assertThat(show("\"hello ${~ \"world\" }\"")).isEqualTo("hello${\"world\"}");
        assertThat(show("\"a  ${~x~}  b\"")).isEqualTo("a${x}b");
        assertThat(show("\"%{ if true ~} hello %{~ endif }\"")).isEqualTo("%{if true}hello%{endif}");
        // The space is inside the second interpolation's value, not in a literal next to the marker.
        assertThat(show("\"${\"hello\" ~}${\" world\"}\"")).isEqualTo("${\"hello\"}${\" world\"}");
    }

    @Test
    void ifDirective() throws Exception {
        Expression.Template t = template("\"x%{if a}yes%{else}no%{endif}y\"");
        assertThat(Show.parts(t.parts())).isEqualTo("x%{if a}yes%{else}no%{endif}y");
        TemplatePart.If i = (TemplatePart.If) t.parts().get(1);
        assertThat(Show.span(i)).isEqualTo("1:3-1:30");
        assertThat(show("\"%{if a}only%{endif}\"")).isEqualTo("%{if a}only%{endif}");
        assertThat(((TemplatePart.If) template("\"%{if a}only%{endif}\"").parts().get(0)).whenFalse()).isEmpty();
    }

    @Test
    void forDirectiveWithKeyAndValue() throws Exception {
        Expression.Template t = template("\"%{ for k, v in m }${k}=${v};%{ endfor }\"");
        TemplatePart.For f = (TemplatePart.For) t.parts().get(0);
        assertThat(f.keyVariable()).contains("k");
        assertThat(f.valueVariable()).isEqualTo("v");
        assertThat(Show.parts(f.body())).isEqualTo("${k}=${v};");
        assertThat(Show.span(f)).isEqualTo("1:2-1:41");
        assertThat(show("\"%{for x in xs}%{if x}[${x}]%{endif}%{endfor}\""))
                .isEqualTo("%{for x in xs}%{if x}[${x}]%{endif}%{endfor}");
    }

    @Test
    void heredocKeepsTextVerbatimWithInterpolation() throws Exception {
        Expression.Template t = attribute("v = <<EOT\n  {\"port\": ${var.port}}\n  \\n stays\nEOT\nw = 1\n");
        assertThat(t.heredoc()).isTrue();
        assertThat(Show.parts(t.parts())).isEqualTo("  {\"port\": ${var.port}}\\n  \\n stays\\n");
        assertThat(Show.span(t)).isEqualTo("1:5-4:4");
        assertThat(Show.span(((TemplatePart.Interpolation) t.parts().get(1)).expression())).isEqualTo("2:14-2:22");
    }

    @Test
    void indentedHeredocRemovesTheSmallestCommonIndentation() throws Exception {
        Expression.Template t = attribute("v = <<-EOT\n    first\n      second\n\n    ${x} third\n    EOT\n");
        assertThat(Show.parts(t.parts())).isEqualTo("first\\n  second\\n\\n${x} third\\n");
        assertThat(Show.span(t.parts().get(0))).isEqualTo("2:5-5:5");
    }

    @Test
    void indentedHeredocCountsInterpolationAtLineStartAsNoIndentation() throws Exception {
        Expression.Template t = attribute("v = <<-EOT\n    a\n${x}\n  EOT\n");
        assertThat(Show.parts(t.parts())).isEqualTo("    a\\n${x}\\n");
    }

    @Test
    void heredocWithDirectivesAndStripMarkers() throws Exception {
        Expression.Template t = attribute("v = <<EOT\n%{ for h in hosts ~}\nserver ${h}\n%{ endfor ~}\nEOT\n");
        assertThat(Show.parts(t.parts())).isEqualTo("%{for h in hosts}server ${h}\\n%{endfor}");
    }

    @Test
    void heredocMarkerMustBeAloneOnItsLine() throws Exception {
        Expression.Template t = attribute("v = <<EOT\nEOT is here\n  EOTX\nEOT");
        assertThat(Show.parts(t.parts())).isEqualTo("EOT is here\\n  EOTX\\n");
        assertThat(Show.parts(attribute("v = <<EOT\nEOT\n").parts())).isEmpty();
        assertThat(Show.parts(attribute("v = <<EOT\r\nwin\r\nEOT\r\n").parts())).isEqualTo("win\r\\n");
    }

    @Test
    void templateFilesAreBareTemplates() throws Exception {
        // No quotes around it: quotes and backslashes are text, and a strip marker works to the end of its line.
        Expression.Template t = HclParser.parseTemplate("x.tftpl", """
                "a" \\n $${x}
                %{ for s in list ~}
                  <p>${s}</p>
                %{ endfor ~}
                end""");
        assertThat(Show.parts(t.parts()))
                .isEqualTo("\"a\" \\n ${x}\\n%{for s in list}  <p>${s}</p>\\n%{endfor}end");
        assertThat(t.range().file()).isEqualTo("x.tftpl");
        assertThat(Show.parts(HclParser.parseTemplate("e.tftpl", "").parts())).isEmpty();
    }

    @Test
    void anUnclosedDirectiveInATemplateFileIsASyntaxError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HclParser.parseTemplate("x.tftpl", "a\n%{ if true }b"))
                .isInstanceOf(HclSyntaxException.class)
                .hasMessageContaining("x.tftpl:2");
    }
}
