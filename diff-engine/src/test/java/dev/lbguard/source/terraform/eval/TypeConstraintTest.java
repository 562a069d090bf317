package dev.lbguard.source.terraform.eval;

import static dev.lbguard.source.terraform.V.b;
import static dev.lbguard.source.terraform.V.list;
import static dev.lbguard.source.terraform.V.map;
import static dev.lbguard.source.terraform.V.n;
import static dev.lbguard.source.terraform.V.nul;
import static dev.lbguard.source.terraform.V.obj;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static dev.lbguard.source.terraform.V.set;
import static dev.lbguard.source.terraform.V.strings;
import static dev.lbguard.source.terraform.V.tuple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConstraint;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeConstraintTest {
    private static final Range R = new Range("variables.tf", 1, 1, 1, 1);

    private static Expression kw(String name) {
        return new Expression.Variable(name, R);
    }

    private static Expression fn(String name, Expression... args) {
        return new Expression.FunctionCall(name, List.of(args), false, R);
    }

    private static Expression tupleOf(Expression... items) {
        return new Expression.Tuple(List.of(items), R);
    }

    private static Expression str(String text) {
        return new Expression.Template(List.of(new TemplatePart.Literal(text, R)), false, R);
    }

    private static Expression num(long n) {
        return new Expression.NumberLiteral(BigDecimal.valueOf(n), R);
    }

    /** {@code {k = v, ...}} from alternating names and expressions. */
    private static Expression objectOf(Object... kv) {
        List<Expression.ObjectItem> items = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            Expression.ObjectKey key = new Expression.ObjectKey(Optional.of((String) kv[i]), kw((String) kv[i]), R);
            items.add(new Expression.ObjectItem(key, (Expression) kv[i + 1], R));
        }
        return new Expression.ObjectCons(items, R);
    }

    private static TypeConstraint parse(Expression e) throws EvalException {
        return TypeParser.variableType(e);
    }

    @Test
    void parsesKeywordsAndConstructors() throws Exception {
        assertThat(parse(kw("string"))).hasToString("string");
        assertThat(parse(kw("any"))).isEqualTo(new TypeConstraint.Any());
        assertThat(parse(fn("list", kw("number")))).hasToString("list(number)");
        assertThat(parse(fn("map", fn("set", kw("bool"))))).hasToString("map(set(bool))");
        assertThat(parse(fn("tuple", tupleOf(kw("string"), kw("number"))))).hasToString("tuple([string, number])");
        assertThat(parse(fn("object", objectOf("port", kw("number"), "name", fn("optional", kw("string"))))))
                .hasToString("object({name=optional(string), port=number})");
    }

    @Test
    void refusesInvalidTypeExpressions() {
        assertThatThrownBy(() -> parse(str("string"))).hasMessageContaining("Invalid quoted type constraints");
        assertThatThrownBy(() -> parse(kw("set"))).hasMessageContaining("The set type constructor requires one "
                + "argument specifying the element type");
        assertThatThrownBy(() -> parse(fn("map", kw("list")))).hasMessageContaining("requires one argument");
        assertThatThrownBy(() -> parse(new Expression.Parenthesized(kw("string"), R)))
                .hasMessageContaining("Invalid type specification");
        assertThatThrownBy(() -> parse(kw("strin"))).hasMessageContaining("\"strin\" is not a valid type");
        assertThatThrownBy(() -> parse(fn("optional", kw("string"))))
                .hasMessageContaining("valid only as a modifier for object type attributes");
        assertThatThrownBy(() -> parse(fn("list", kw("string"), kw("number")))).hasMessageContaining("requires one");
        assertThatThrownBy(() -> parse(fn("object", objectOf("a", fn("optional", kw("number"), str("x"))))))
                .hasMessageContaining("Invalid default value for optional attribute");
        assertThatThrownBy(() -> parse(fn("object", objectOf("a", fn("optional", kw("string"), kw("var"))))))
                .hasMessageContaining("Variables not allowed");
    }

    /**
     * Terraform 0.11 wrote {@code type = list} and {@code type = map}; Terraform still reads them as
     * {@code list(any)} and {@code map(any)}, but only at the top of a variable's type, and never a bare {@code set}
     * (checked with terraform 1.11). Its quoted spellings are errors with advice that depends on the word.
     */
    @Test
    void readsLegacyBareListAndMapAsCollectionsOfAny() throws Exception {
        assertThat(parse(kw("list"))).isEqualTo(parse(fn("list", kw("any")))).hasToString("list(any)");
        assertThat(parse(kw("map"))).isEqualTo(parse(fn("map", kw("any")))).hasToString("map(any)");
        // As Terraform plans them: the elements are unified to one type, here string.
        assertThat(parse(kw("map")).convert(obj("a", s("x"), "b", n(1)))).isEqualTo(map("a", s("x"), "b", s("1")));
        assertThat(parse(kw("list")).convert(tuple(n(1), s("a")))).isEqualTo(strings("1", "a"));
    }

    @Test
    void refusesQuotedLegacyTypesWithTerraformsAdvice() {
        assertThatThrownBy(() -> parse(str("string"))).hasMessageEndingWith("Remove the quotes around \"string\".");
        assertThatThrownBy(() -> parse(str("list"))).hasMessageContaining("write list(string) instead");
        assertThatThrownBy(() -> parse(str("map"))).hasMessageContaining("write map(string) instead");
        assertThatThrownBy(() -> parse(str("number"))).hasMessageStartingWith("Invalid legacy variable type hint");
        assertThatThrownBy(() -> parse(fn("list", str("string")))).hasMessageStartingWith("Invalid type specification");
    }

    @Test
    void convertsPrimitivesAsTerraform() throws Exception {
        assertThat(parse(kw("string")).convert(n(443))).isEqualTo(s("443"));
        assertThat(parse(kw("string")).convert(b(false))).isEqualTo(s("false"));
        assertThat(parse(kw("number")).convert(s("8080"))).isEqualTo(n(8080));
        assertThat(parse(kw("bool")).convert(s("true"))).isEqualTo(b(true));
        assertThat(parse(kw("bool")).convert(s("0"))).isEqualTo(b(false));
        assertThat(parse(kw("number")).convert(nul())).isEqualTo(nul());
        assertThat(parse(kw("number")).convert(ref("aws_lb.a", "port"))).isEqualTo(ref("aws_lb.a", "port"));
        assertThatThrownBy(() -> parse(kw("number")).convert(s("eighty"))).hasMessage("a number is required");
        assertThatThrownBy(() -> parse(kw("bool")).convert(n(1))).hasMessage("a bool is required");
        assertThatThrownBy(() -> parse(kw("string")).convert(strings("a"))).hasMessage("string required");
    }

    @Test
    void convertsCollections() throws Exception {
        assertThat(parse(fn("list", kw("string"))).convert(tuple(s("a"), n(1)))).isEqualTo(strings("a", "1"));
        assertThat(parse(fn("set", kw("string"))).convert(tuple(s("b"), s("a"), s("b"))))
                .isEqualTo(set(s("a"), s("b")));
        assertThat(parse(fn("map", kw("number"))).convert(obj("a", s("1")))).isEqualTo(map("a", n(1)));
        assertThat(parse(fn("list", kw("any"))).convert(tuple(n(1), s("a")))).isEqualTo(strings("1", "a"));
        assertThat(parse(fn("tuple", tupleOf(kw("string"), kw("number")))).convert(tuple(n(1), s("2"))))
                .isEqualTo(tuple(s("1"), n(2)));
        assertThat(parse(fn("list", kw("string"))).convert(list(s("a"), ref("x.y", "z"))))
                .isEqualTo(list(s("a"), ref("x.y", "z")));
        assertThatThrownBy(() -> parse(fn("list", kw("number"))).convert(tuple(n(1), s("x"))))
                .hasMessage("element 1: a number is required");
        assertThatThrownBy(() -> parse(fn("map", kw("string"))).convert(strings("a")))
                .hasMessage("map of string required");
        assertThatThrownBy(() -> parse(fn("tuple", tupleOf(kw("string")))).convert(tuple()))
                .hasMessageContaining("tuple required");
    }

    @Test
    void convertsObjectsWithOptionalDefaults() throws Exception {
        TypeConstraint listener = parse(fn("object", objectOf(
                "port", kw("number"),
                "protocol", fn("optional", kw("string"), str("HTTPS")),
                "priority", fn("optional", kw("number")),
                "health", fn("optional", fn("object", objectOf(
                        "path", fn("optional", kw("string"), str("/")),
                        "interval", fn("optional", kw("number"), num(30)))), objectOf()))));
        assertThat(listener.convert(obj("port", s("443"), "extra", s("dropped"))))
                .isEqualTo(obj("port", n(443), "protocol", s("HTTPS"), "priority", nul(),
                        "health", obj("path", s("/"), "interval", n(30))));
        assertThat(listener.convert(obj("port", n(80), "protocol", nul(), "health", obj("path", s("/up")))))
                .isEqualTo(obj("port", n(80), "protocol", s("HTTPS"), "priority", nul(),
                        "health", obj("path", s("/up"), "interval", n(30))));
        assertThatThrownBy(() -> listener.convert(obj("protocol", s("HTTP"))))
                .hasMessage("attribute \"port\" is required");
        assertThatThrownBy(() -> listener.convert(obj("port", s("x")))).hasMessage("attribute \"port\": a number is required");
        TypeConstraint many = parse(fn("map", fn("object", objectOf("weight", fn("optional", kw("number"), num(1))))));
        assertThat(many.convert(obj("blue", obj(), "green", obj("weight", n(9)))))
                .isEqualTo(map("blue", obj("weight", n(1)), "green", obj("weight", n(9))));
        assertThatThrownBy(() -> many.convert(obj("blue", obj("weight", s("heavy")))))
                .hasMessage("element \"blue\": attribute \"weight\": a number is required");
    }

    @Test
    void anyKeepsTheValue() throws Exception {
        Value v = obj("a", tuple(n(1), s("x")));
        assertThat(parse(kw("any")).convert(v)).isEqualTo(v);
    }
}
