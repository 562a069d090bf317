package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HclExpressionTest {

    static Expression parse(String text) throws HclSyntaxException {
        return HclParser.parseExpression("t.tf", text);
    }

    static String show(String text) throws HclSyntaxException {
        return Show.of(parse(text));
    }

    @Test
    void literalsKeepExactValuesAndPositions() throws Exception {
        Expression.Tuple t = (Expression.Tuple) parse("[1, 2.50, 1e3, 6.02E+23, 7e-2, true, false, null]");
        assertThat(t.elements()).extracting(Show::of)
                .containsExactly("1", "2.50", "1000", "602000000000000000000000", "0.07", "true", "false", "null");
        assertThat(((Expression.NumberLiteral) t.elements().get(1)).value()).isEqualTo(new BigDecimal("2.50"));
        assertThat(Show.span(t.elements().get(3))).isEqualTo("1:16-1:24");
        assertThat(Show.span(t.elements().get(7))).isEqualTo("1:45-1:49");
        assertThat(Show.span(t)).isEqualTo("1:1-1:50");
    }

    @Test
    void identifiersAllowDashesUnderscoresDigitsAndLetters() throws Exception {
        assertThat(parse("_a-b_9")).isEqualTo(new Expression.Variable("_a-b_9", new Range("t.tf", 1, 1, 1, 7)));
        assertThat(show("résumé")).isEqualTo("résumé");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~> ", value = {
        "1 + 2 * 3 ~> (+ 1 (* 2 3))",
        "1 * 2 + 3 ~> (+ (* 1 2) 3)",
        "a || b && c ~> (|| a (&& b c))",
        "a && b || c ~> (|| (&& a b) c)",
        "!a == b ~> (== (!a) b)",
        "-a.b + c ~> (+ (-a.b) c)",
        "a - b - c ~> (- (- a b) c)",
        "a / b * c % d ~> (% (* (/ a b) c) d)",
        "a == b != c ~> (!= (== a b) c)",
        "a < b == c >= d ~> (== (< a b) (>= c d))",
        "a + b > c && d ~> (&& (> (+ a b) c) d)",
        "a ? b : c ? d : e ~> (? a b (? c d e))",
        "a || b ? 1 : 2 ~> (? (|| a b) 1 2)",
        "(1 + 2) * 3 ~> (* ((+ 1 2)) 3)",
        "--1 ~> (-(-1))",
        "!!a ~> (!(!a))",
    })
    void precedenceAndAssociativity(String text, String tree) throws Exception {
        assertThat(show(text)).isEqualTo(tree);
    }

    @Test
    void binaryAndConditionalRangesSpanTheirOperands() throws Exception {
        Expression.Conditional c = (Expression.Conditional) parse("a > 1 ? x : y");
        assertThat(Show.span(c)).isEqualTo("1:1-1:14");
        assertThat(Show.span(c.condition())).isEqualTo("1:1-1:6");
        assertThat(Show.span(c.whenFalse())).isEqualTo("1:13-1:14");
        Expression.UnaryOp u = (Expression.UnaryOp) parse("!ok");
        assertThat(Show.span(u)).isEqualTo("1:1-1:4");
    }

    @Test
    void traversals() throws Exception {
        assertThat(show("aws_lb.main.arn")).isEqualTo("aws_lb.main.arn");
        assertThat(show("a.b[0].c[\"k\"]")).isEqualTo("a.b[0].c[\"k\"]");
        assertThat(show("a[i + 1]")).isEqualTo("a[(+ i 1)]");
        Expression.GetAttr g = (Expression.GetAttr) parse("each.value.port");
        assertThat(Show.span(g)).isEqualTo("1:1-1:16");
        assertThat(Show.span(g.source())).isEqualTo("1:1-1:11");
    }

    @Test
    void legacyIndexIsAnIndexNotAnAttribute() throws Exception {
        Expression.GetAttr e = (Expression.GetAttr) parse("aws_lb.main.0.arn");
        Expression.Index index = (Expression.Index) e.source();
        assertThat(index.key()).isEqualTo(new Expression.NumberLiteral(BigDecimal.ZERO, new Range("t.tf", 1, 13, 1, 14)));
        assertThat(Show.span(index)).isEqualTo("1:1-1:14");
    }

    @Test
    void fullSplatAppliesEveryLaterStepToEachElement() throws Exception {
        Expression.Splat s = (Expression.Splat) parse("aws_lb_listener.http[*].rule[0].arn");
        assertThat(s.legacy()).isFalse();
        assertThat(Show.of(s)).isEqualTo("(splat aws_lb_listener.http @.rule[0].arn)");
        Expression.GetAttr arn = (Expression.GetAttr) s.each();
        Expression root = ((Expression.GetAttr) ((Expression.Index) arn.source()).source()).source();
        assertThat(root).isInstanceOf(Expression.SplatItem.class);
        assertThat(Show.span(root)).isEqualTo("1:21-1:24");
        assertThat(Show.span(s)).isEqualTo("1:1-1:36");
    }

    @Test
    void legacySplatTakesOnlyAttributeStepsAndLaterIndexesApplyToTheResult() throws Exception {
        assertThat(show("a.*.b.c[0]")).isEqualTo("(splat-legacy a @.b.c)[0]");
        Expression.Index i = (Expression.Index) parse("a.*.b.c[0]");
        Expression.Splat s = (Expression.Splat) i.source();
        assertThat(s.legacy()).isTrue();
        assertThat(Show.span(s.each())).isEqualTo("1:2-1:8");
        assertThat(show("a[*]")).isEqualTo("(splat a @)");
        assertThat(show("a.*")).isEqualTo("(splat-legacy a @)");
        assertThat(show("a[*].b[*].c")).isEqualTo("(splat a (splat @.b @.c))");
    }

    @Test
    void functionCalls() throws Exception {
        assertThat(show("max(1, 2,)")).isEqualTo("max(1, 2)");
        assertThat(show("concat(a, b...)")).isEqualTo("concat(a, b...)");
        assertThat(show("f()")).isEqualTo("f()");
        assertThat(show("provider::aws::arn_parse(x)")).isEqualTo("provider::aws::arn_parse(x)");
        Expression.FunctionCall f = (Expression.FunctionCall) parse("toset(\n  [\"a\",\n   \"b\"]\n)");
        assertThat(f.name()).isEqualTo("toset");
        assertThat(Show.span(f)).isEqualTo("1:1-4:2");
        assertThat(Show.span(f.arguments().get(0))).isEqualTo("2:3-3:8");
    }

    @Test
    void tuples() throws Exception {
        assertThat(show("[]")).isEqualTo("[]");
        assertThat(show("[\n  1,\n  2,\n]")).isEqualTo("[1, 2]");
        assertThat(show("[[1], [a, b]]")).isEqualTo("[[1], [a, b]]");
    }

    @Test
    void objectsTakeEqualsOrColonAndCommasOrNewlines() throws Exception {
        assertThat(show("{}")).isEqualTo("{}");
        assertThat(show("{a = 1, b: 2}")).isEqualTo("{a=1, b=2}");
        assertThat(show("{\n  a = 1\n  b = 2,\n  c = 3\n}")).isEqualTo("{a=1, b=2, c=3}");
    }

    @Test
    void bareObjectKeysAreLiteralNamesAndOtherKeysAreExpressions() throws Exception {
        Expression.ObjectCons o = (Expression.ObjectCons) parse("{\n  name = 1\n  (name) = 2\n  \"quoted\" = 3\n  a.b = 4\n}");
        assertThat(o.items()).extracting(i -> i.key().literalName().isPresent()).containsExactly(true, false, false, false);
        assertThat(o.items().get(0).key().literalName()).contains("name");
        assertThat(o.items().get(1).key().expression()).isInstanceOf(Expression.Parenthesized.class);
        assertThat(Show.of(o)).isEqualTo("{name=1, <(name)>=2, <\"quoted\">=3, <a.b>=4}");
        assertThat(Show.span(o.items().get(2))).isEqualTo("4:3-4:15");
        assertThat(Show.span(o.items().get(2).key())).isEqualTo("4:3-4:11");
    }

    @Test
    void tupleForExpressions() throws Exception {
        assertThat(show("[for v in xs : v.id]")).isEqualTo("(for v xs v.id)");
        assertThat(show("[for i, v in xs : v if i < 2]")).isEqualTo("(for i,v xs v if (< i 2))");
        Expression.For f = (Expression.For) parse("[\n  for r in rules :\n    r.priority\n]");
        assertThat(f.isObject()).isFalse();
        assertThat(Show.span(f)).isEqualTo("1:1-4:2");
        assertThat(Show.span(f.valueResult())).isEqualTo("3:5-3:15");
    }

    @Test
    void objectForExpressionsWithGroupingAndCondition() throws Exception {
        assertThat(show("{for k, v in m : k => v.port}")).isEqualTo("(for k,v m k => v.port obj)");
        assertThat(show("{for r in rules : r.host => r... if r.enabled}"))
                .isEqualTo("(for r rules r.host => r... if r.enabled obj)");
        Expression.For f = (Expression.For) parse("{\n  for k, v in m :\n  k => v\n}");
        assertThat(f.keyResult()).isPresent();
        assertThat(Show.span(f.keyResult().get())).isEqualTo("3:3-3:4");
    }

    @Test
    void parenthesesAreKept() throws Exception {
        Expression.Parenthesized p = (Expression.Parenthesized) parse("(\n a\n +\n b\n)");
        assertThat(Show.of(p.inner())).isEqualTo("(+ a b)");
        assertThat(Show.span(p)).isEqualTo("1:1-5:2");
    }

    @Test
    void expressionInputIgnoresNewlinesAndComments() throws Exception {
        assertThat(show("{\n a = 1 # one\n b = 2 // two\n}")).isEqualTo("{a=1, b=2}");
        assertThat(show("[1, /* inline */ 2]")).isEqualTo("[1, 2]");
    }
}
