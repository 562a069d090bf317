package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HclParserTest {

    static Body parse(String text) throws HclSyntaxException {
        return HclParser.parse("main.tf", text).body();
    }

    @Test
    void emptyFileAndBlankLinesGiveAnEmptyBody() throws Exception {
        assertThat(parse("").attributes()).isEmpty();
        Body b = parse("\n\n  # only a comment\n\n");
        assertThat(b.attributes()).isEmpty();
        assertThat(b.blocks()).isEmpty();
        assertThat(Show.span(b)).isEqualTo("1:1-5:1");
    }

    @Test
    void attributesWithNameAndValuePositions() throws Exception {
        Body b = parse("a = 1\n  name  = \"lb\"\nlast=true");
        assertThat(b.attributes()).extracting(Attribute::name).containsExactly("a", "name", "last");
        Attribute name = b.attribute("name").orElseThrow();
        assertThat(Show.span(name)).isEqualTo("2:3-2:15");
        assertThat(name.nameRange()).isEqualTo(new Range("main.tf", 2, 3, 2, 7));
        assertThat(Show.span(name.expression())).isEqualTo("2:11-2:15");
        assertThat(Show.of(b.attribute("last").orElseThrow().expression())).isEqualTo("true");
    }

    @Test
    void blocksWithQuotedAndBareLabels() throws Exception {
        Body b = parse("resource \"aws_lb\" \"main\" {\n}\nlocals {}\nmoved bare \"\" {\n}\n");
        assertThat(b.blocks()).extracting(Block::type).containsExactly("resource", "locals", "moved");
        Block resource = b.blocks().get(0);
        assertThat(resource.labels()).containsExactly("aws_lb", "main");
        assertThat(Show.span(resource)).isEqualTo("1:1-2:2");
        assertThat(Show.span(resource.body())).isEqualTo("1:26-2:2");
        assertThat(b.blocks().get(1).labels()).isEmpty();
        assertThat(b.blocks().get(2).labels()).containsExactly("bare", "");
    }

    @Test
    void quotedLabelsDecodeEscapes() throws Exception {
        assertThat(parse("b \"a\\\"b\" {\n}\n").blocks().get(0).labels()).containsExactly("a\"b");
    }

    @Test
    void nestedBlocksKeepFileOrderAndPositions() throws Exception {
        Body b = parse("""
                resource "aws_lb_listener" "http" {
                  port = 80
                  default_action {
                    type = "forward"
                    forward {
                      target_group {
                        arn = aws_lb_target_group.a.arn
                      }
                    }
                  }
                  tags = {}
                }
                """);
        Block listener = b.blocks().get(0);
        assertThat(listener.body().attributes()).extracting(Attribute::name).containsExactly("port", "tags");
        Block action = listener.body().blocks("default_action").get(0);
        Block tg = action.body().blocks("forward").get(0).body().blocks("target_group").get(0);
        assertThat(Show.span(action)).isEqualTo("3:3-10:4");
        assertThat(Show.span(tg)).isEqualTo("6:7-8:8");
        assertThat(Show.of(tg.body().attribute("arn").orElseThrow().expression())).isEqualTo("aws_lb_target_group.a.arn");
        assertThat(Show.span(tg.body().attribute("arn").orElseThrow())).isEqualTo("7:9-7:40");
    }

    @Test
    void oneLineBlocksHoldAtMostOneAttribute() throws Exception {
        Body b = parse("b { a = 1 }\nempty {}\nlabeled \"x\" { v = [1, 2] }\n");
        Block one = b.blocks().get(0);
        assertThat(one.body().attributes()).extracting(Attribute::name).containsExactly("a");
        assertThat(Show.span(one)).isEqualTo("1:1-1:12");
        assertThat(Show.span(one.body().attributes().get(0))).isEqualTo("1:5-1:10");
        assertThat(b.blocks().get(1).body().attributes()).isEmpty();
        assertThat(b.blocks().get(2).labels()).containsExactly("x");
    }

    @Test
    void commentsOfAllThreeForms() throws Exception {
        Body b = parse("""
                # hash comment
                a = 1 # trailing
                // slash comment
                b = /* inline */ 2 // trailing
                /* multi
                   line */ c = 3
                d = 4 /* spans
                lines */
                """);
        assertThat(b.attributes()).extracting(Attribute::name).containsExactly("a", "b", "c", "d");
        assertThat(Show.span(b.attribute("b").orElseThrow().expression())).isEqualTo("4:18-4:19");
        assertThat(Show.span(b.attribute("c").orElseThrow())).isEqualTo("6:12-6:17");
    }

    @Test
    void lineCommentEndsAnAttributeAtEndOfFile() throws Exception {
        assertThat(parse("a = 1 # no newline").attributes()).hasSize(1);
        assertThat(parse("a = 1").attributes()).hasSize(1);
    }

    @Test
    void newlinesAreFreeInsideBracketsButEndAttributes() throws Exception {
        Body b = parse("a = [\n  1,\n  2\n]\nb = f(\n  x,\n  y\n)\nc = (\n 1 +\n 2\n)\n");
        assertThat(b.attributes()).extracting(a -> Show.of(a.expression()))
                .containsExactly("[1, 2]", "f(x, y)", "((+ 1 2))");
    }

    @Test
    void crlfLineEndings() throws Exception {
        Body b = parse("a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\n");
        assertThat(b.attributes()).hasSize(1);
        assertThat(Show.span(b.blocks().get(0).body().attributes().get(0))).isEqualTo("3:3-3:10");
    }

    @Test
    void tabsCountAsOneColumn() throws Exception {
        assertThat(Show.span(parse("\ta\t=\t1\n").attributes().get(0).expression())).isEqualTo("1:6-1:7");
    }

    @Test
    void keywordsAreOnlyContextual() throws Exception {
        Body b = parse("for = 1\nif = 2\nin = true\nnull { }\n");
        assertThat(b.attributes()).extracting(Attribute::name).containsExactly("for", "if", "in");
        assertThat(b.blocks()).extracting(Block::type).containsExactly("null");
    }
}
