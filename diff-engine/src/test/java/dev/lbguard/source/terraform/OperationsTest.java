package dev.lbguard.source.terraform;

import static dev.lbguard.source.hcl.Expression.Operator.ADD;
import static dev.lbguard.source.hcl.Expression.Operator.AND;
import static dev.lbguard.source.hcl.Expression.Operator.DIVIDE;
import static dev.lbguard.source.hcl.Expression.Operator.EQUAL;
import static dev.lbguard.source.hcl.Expression.Operator.GREATER;
import static dev.lbguard.source.hcl.Expression.Operator.LESS_OR_EQUAL;
import static dev.lbguard.source.hcl.Expression.Operator.MODULO;
import static dev.lbguard.source.hcl.Expression.Operator.MULTIPLY;
import static dev.lbguard.source.hcl.Expression.Operator.NEGATE;
import static dev.lbguard.source.hcl.Expression.Operator.NOT;
import static dev.lbguard.source.hcl.Expression.Operator.NOT_EQUAL;
import static dev.lbguard.source.hcl.Expression.Operator.OR;
import static dev.lbguard.source.hcl.Expression.Operator.SUBTRACT;
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

import dev.lbguard.source.terraform.eval.Operations;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationsTest {
    private static final Value.Unknown ARN = ref("aws_lb.main", "arn");
    private static final Value.Unknown DNS = ref("aws_lb.main", "dns_name");

    @Test
    void arithmeticIsExactAndConvertsNumericStrings() throws Exception {
        assertThat(Operations.binary(ADD, s("8080"), n(1))).isEqualTo(n(8081));
        assertThat(Operations.binary(DIVIDE, n(7), n(2))).isEqualTo(n("3.5"));
        assertThat(Operations.binary(MULTIPLY, n("0.1"), n(3))).isEqualTo(n("0.3"));
        assertThat(Operations.binary(SUBTRACT, n(1), n("1.0"))).isEqualTo(n(0));
        assertThat(Operations.binary(MODULO, n(7), n(3))).isEqualTo(n(1));
        assertThat(Operations.binary(MODULO, n(-7), n(3))).isEqualTo(n(-1));
        assertThat(Operations.binary(MODULO, n("5.5"), n(2))).isEqualTo(n("1.5"));
        assertThat(((Value.Num) Operations.binary(DIVIDE, n(1), n(3))).value().toPlainString()).startsWith("0.3333333333");
        assertThat(Operations.binary(GREATER, n(10), s("9"))).isEqualTo(b(true));
        assertThat(Operations.binary(LESS_OR_EQUAL, n(2), n(2))).isEqualTo(b(true));
    }

    @Test
    void arithmeticErrors() {
        assertThatThrownBy(() -> Operations.binary(DIVIDE, n(1), n(0))).hasMessageContaining("divide by zero");
        assertThatThrownBy(() -> Operations.binary(MODULO, n(1), n(0))).hasMessageContaining("modulo with zero");
        assertThatThrownBy(() -> Operations.binary(ADD, s("x"), n(1)))
                .hasMessageContaining("Unsuitable value for left operand: a number is required.");
        assertThatThrownBy(() -> Operations.binary(ADD, n(1), nul()))
                .hasMessageContaining("right operand: argument must not be null");
        assertThatThrownBy(() -> Operations.binary(ADD, n(1), strings("a")))
                .hasMessageContaining("right operand: a number is required");
    }

    @Test
    void equalityComparesTypeAndValue() throws Exception {
        assertThat(Operations.binary(EQUAL, n(1), s("1"))).isEqualTo(b(false));
        assertThat(Operations.binary(EQUAL, n(1), n("1.0"))).isEqualTo(b(true));
        assertThat(Operations.binary(EQUAL, nul(), nul())).isEqualTo(b(true));
        assertThat(Operations.binary(EQUAL, s("a"), nul())).isEqualTo(b(false));
        assertThat(Operations.binary(NOT_EQUAL, s("a"), s("b"))).isEqualTo(b(true));
        assertThat(Operations.binary(EQUAL, strings("a"), strings("a"))).isEqualTo(b(true));
        // The Terraform gotcha: a list never equals a tuple, even an empty one.
        assertThat(Operations.binary(EQUAL, list(), tuple())).isEqualTo(b(false));
        assertThat(Operations.binary(EQUAL, tuple(n(1), s("a")), tuple(n(1), s("a")))).isEqualTo(b(true));
        assertThat(Operations.binary(EQUAL, map("a", n(1)), obj("a", n(1)))).isEqualTo(b(false));
        assertThat(Operations.binary(EQUAL, obj("a", n(1)), obj("a", n(1), "b", n(2)))).isEqualTo(b(false));
        assertThat(Operations.binary(EQUAL, set(s("b"), s("a")), set(s("a"), s("b")))).isEqualTo(b(true));
    }

    @Test
    void equalityWithUnknowns() throws Exception {
        assertThat(Operations.binary(EQUAL, ARN, s("x"))).isEqualTo(ARN);
        assertThat(Operations.binary(EQUAL, list(ARN), list(s("x")))).isEqualTo(ARN);
        // A known difference elsewhere decides, whatever the unknown turns out to be.
        assertThat(Operations.binary(EQUAL, tuple(ARN, s("a")), tuple(s("x"), s("b")))).isEqualTo(b(false));
        assertThat(Operations.binary(EQUAL, strings("a"), strings("a", "b"))).isEqualTo(b(false));
    }

    @Test
    void logicNeedsBoolsAndShortCircuitsOnKnownSides() throws Exception {
        assertThat(Operations.binary(AND, b(true), s("true"))).isEqualTo(b(true));
        assertThat(Operations.binary(OR, b(false), b(false))).isEqualTo(b(false));
        assertThat(Operations.binary(AND, b(false), ARN)).isEqualTo(b(false));
        assertThat(Operations.binary(OR, ARN, b(true))).isEqualTo(b(true));
        assertThat(Operations.binary(AND, b(true), ARN)).isEqualTo(ARN);
        assertThatThrownBy(() -> Operations.binary(AND, b(true), n(1)))
                .hasMessageContaining("Unsuitable value for right operand: a bool is required.");
    }

    @Test
    void unknownsPropagateKeepingTheReference() throws Exception {
        assertThat(Operations.binary(ADD, ARN, n(1))).isEqualTo(ARN);
        Value both = Operations.binary(ADD, ARN, DNS);
        assertThat(both).isInstanceOfSatisfying(Value.Unknown.class, u -> {
            assertThat(u.ref()).isEqualTo("aws_lb.main");
            assertThat(u.attribute()).isEqualTo("arn");
            assertThat(u.reason()).contains("also depends on aws_lb.main.dns_name");
        });
        Value.Unknown failed = Value.Unknown.unevaluable("unsupported function foo");
        assertThat(Operations.binary(ADD, ARN, failed)).isInstanceOfSatisfying(Value.Unknown.class, u -> {
            assertThat(u.isReference()).isFalse();
            assertThat(u.reason()).startsWith("unsupported function foo").contains("aws_lb.main.arn");
        });
    }

    @Test
    void unaryOperators() throws Exception {
        assertThat(Operations.unary(NEGATE, n(5))).isEqualTo(n(-5));
        assertThat(Operations.unary(NEGATE, s("5"))).isEqualTo(n(-5));
        assertThat(Operations.unary(NOT, b(true))).isEqualTo(b(false));
        assertThat(Operations.unary(NOT, ARN)).isEqualTo(ARN);
        assertThatThrownBy(() -> Operations.unary(NOT, n(1))).hasMessageContaining("a bool is required");
    }

    @Test
    void indexing() throws Exception {
        assertThat(Operations.index(strings("a", "b"), n(1))).isEqualTo(s("b"));
        assertThat(Operations.index(strings("a", "b"), s("0"))).isEqualTo(s("a"));
        assertThat(Operations.index(map("k", n(1)), s("k"))).isEqualTo(n(1));
        assertThat(Operations.index(obj("1", s("one")), n(1))).isEqualTo(s("one"));
        assertThat(Operations.index(ref("aws_lb.main", "subnet_mapping"), n(0)))
                .isEqualTo(ref("aws_lb.main", "subnet_mapping[0]"));
        // The element at an unknown key is known after apply, computed from the key, but it is not the key.
        assertThat(Operations.index(strings("a"), ARN)).isEqualTo(ValueOps.derived(ARN));
        assertThat(Operations.index(map("k", DNS), ARN)).isEqualTo(ValueOps.derived(ARN));
        assertThatThrownBy(() -> Operations.index(strings("a"), n(1)))
                .hasMessageContaining("The given key does not identify an element in this collection value.");
        assertThatThrownBy(() -> Operations.index(strings("a"), n("0.5")))
                .hasMessageContaining("does not identify an element");
        assertThatThrownBy(() -> Operations.index(map("k", n(1)), s("x")))
                .hasMessageContaining("The given key does not identify an element in this collection value.");
        assertThatThrownBy(() -> Operations.index(set(s("a")), n(0))).hasMessageContaining("Elements of a set");
        assertThatThrownBy(() -> Operations.index(nul(), n(0))).hasMessageContaining("Attempt to index null value");
        assertThatThrownBy(() -> Operations.index(s("abc"), n(0))).hasMessageContaining("does not have any indices");
    }

    @Test
    void attributes() throws Exception {
        assertThat(Operations.getAttr(obj("port", n(443)), "port")).isEqualTo(n(443));
        assertThat(Operations.getAttr(map("port", n(443)), "port")).isEqualTo(n(443));
        assertThat(Operations.getAttr(ref("aws_lb.main", ""), "arn")).isEqualTo(ARN);
        assertThatThrownBy(() -> Operations.getAttr(obj("a", n(1)), "b"))
                .hasMessageContaining("This object does not have an attribute named \"b\".");
        assertThatThrownBy(() -> Operations.getAttr(map("a", n(1)), "b"))
                .hasMessageContaining("This map does not have an element with the key \"b\".");
        assertThatThrownBy(() -> Operations.getAttr(list(obj()), "b"))
                .hasMessageContaining("Can't access attributes on a list of objects");
        assertThatThrownBy(() -> Operations.getAttr(s("x"), "b")).hasMessageContaining("primitive-typed value");
        assertThatThrownBy(() -> Operations.getAttr(nul(), "b")).hasMessageContaining("null value");
    }

    @Test
    void templateInterpolation() throws Exception {
        assertThat(Operations.templateString(n(80))).isEqualTo(s("80"));
        assertThat(Operations.templateString(n("1.50"))).isEqualTo(s("1.5"));
        assertThat(Operations.templateString(n("1e21"))).isEqualTo(s("1000000000000000000000"));
        assertThat(Operations.templateString(b(true))).isEqualTo(s("true"));
        assertThat(Operations.templateString(DNS)).isEqualTo(DNS);
        assertThatThrownBy(() -> Operations.templateString(nul())).hasMessageContaining("null value");
        assertThatThrownBy(() -> Operations.templateString(strings("a")))
                .hasMessageContaining("Cannot include the given value in a string template: string required");
    }

    @Test
    void truthAndKnowledge() throws Exception {
        assertThat(Operations.truth(b(true))).contains(true);
        assertThat(Operations.truth(s("false"))).contains(false);
        assertThat(Operations.truth(ARN)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> Operations.truth(nul())).hasMessageContaining("The condition value is null");
        assertThatThrownBy(() -> Operations.truth(s("yes"))).hasMessageContaining("must be of type bool");
        assertThat(Operations.isKnown(list(ARN))).isTrue();
        assertThat(Operations.isWhollyKnown(list(ARN))).isFalse();
        assertThat(Operations.isWhollyKnown(obj("a", list(s("x"))))).isTrue();
        assertThat(Operations.isKnown(ARN)).isFalse();
    }
}
