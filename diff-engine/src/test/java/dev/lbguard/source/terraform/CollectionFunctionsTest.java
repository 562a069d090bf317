package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.b;
import static dev.lbguard.source.terraform.V.call;
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

import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import org.junit.jupiter.api.Test;

class CollectionFunctionsTest {
    private static final Value.Unknown TG = ref("aws_lb_target_group.web", "arn");

    @Test
    void lengthOfStringsCollectionsAndObjects() throws Exception {
        assertThat(call("length", s("héllo"))).isEqualTo(n(5));
        assertThat(call("length", list(s("a"), TG))).isEqualTo(n(2));
        assertThat(call("length", obj("a", n(1), "b", n(2)))).isEqualTo(n(2));
        assertThat(call("length", set(s("a"), TG))).isInstanceOf(Value.Unknown.class);
        assertThat(call("length", TG)).isEqualTo(TG);
        assertThatThrownBy(() -> call("length", n(3))).hasMessageContaining("a collection type");
        assertThatThrownBy(() -> call("length", nul())).hasMessageContaining("must not be null");
    }

    @Test
    void keysAndValuesAreSortedByKey() throws Exception {
        assertThat(call("keys", map("b", n(1), "a", n(2)))).isEqualTo(strings("a", "b"));
        assertThat(call("keys", obj("b", n(1), "a", s("x")))).isEqualTo(tuple(s("a"), s("b")));
        assertThat(call("values", map("b", n(1), "a", TG))).isEqualTo(list(TG, n(1)));
        assertThat(call("values", obj("b", n(1), "a", s("x")))).isEqualTo(tuple(s("x"), n(1)));
        assertThatThrownBy(() -> call("keys", strings("a"))).hasMessageContaining("map or object required");
    }

    @Test
    void mergeLaterWinsAndSkipsNull() throws Exception {
        assertThat(call("merge", map("a", s("b"), "c", s("d")), map("e", s("f"), "c", s("z"))))
                .isEqualTo(map("a", s("b"), "c", s("z"), "e", s("f")));
        assertThat(call("merge", map("a", s("b")), obj("c", n(1)))).isEqualTo(obj("a", s("b"), "c", n(1)));
        assertThat(call("merge", nul(), map("a", TG))).isEqualTo(map("a", TG));
        assertThat(call("merge")).isEqualTo(obj());
        assertThat(call("merge", map("a", s("b")), TG)).isEqualTo(TG);
        assertThatThrownBy(() -> call("merge", map(), strings("a")))
                .hasMessageContaining("arguments must be maps or objects, got \"list of string\".");
    }

    @Test
    void lookupWithAndWithoutDefault() throws Exception {
        assertThat(call("lookup", map("a", s("ay"), "b", s("bee")), s("a"), s("what?"))).isEqualTo(s("ay"));
        assertThat(call("lookup", map("a", s("ay")), s("c"), s("what?"))).isEqualTo(s("what?"));
        assertThat(call("lookup", obj("port", n(80)), s("port"))).isEqualTo(n(80));
        // An element of an unknown map is known after apply, computed from it, but it is not the map.
        assertThat(call("lookup", TG, s("a"))).isEqualTo(ValueOps.derived(TG));
        assertThatThrownBy(() -> call("lookup", map("a", s("ay")), s("c")))
                .hasMessageContaining("lookup failed to find key \"c\"");
    }

    @Test
    void concatKeepsUnknownElements() throws Exception {
        assertThat(call("concat", strings("a", ""), strings("b", "c"))).isEqualTo(strings("a", "", "b", "c"));
        assertThat(call("concat", list(TG), tuple(n(1)))).isEqualTo(tuple(TG, n(1)));
        assertThat(call("concat", list(), list())).isEqualTo(list());
        assertThatThrownBy(() -> call("concat", s("a"))).hasMessageContaining("all arguments must be lists or tuples");
    }

    @Test
    void containsDistinctIndex() throws Exception {
        assertThat(call("contains", strings("a", "b"), s("b"))).isEqualTo(b(true));
        assertThat(call("contains", list(n(1)), s("1"))).isEqualTo(b(false));
        assertThat(call("contains", list(s("a"), TG), s("a"))).isEqualTo(b(true));
        assertThat(call("contains", list(s("a"), TG), s("b"))).isInstanceOf(Value.Unknown.class);
        assertThat(call("distinct", strings("a", "b", "a", "c", "b"))).isEqualTo(strings("a", "b", "c"));
        assertThat(call("index", strings("a", "b", "c"), s("b"))).isEqualTo(n(1));
        assertThatThrownBy(() -> call("index", strings("a"), s("z"))).hasMessageContaining("item not found");
    }

    @Test
    void flattenElementSliceReverse() throws Exception {
        assertThat(call("flatten", list(strings("a", "b"), list(), strings("c")))).isEqualTo(tuple(s("a"), s("b"), s("c")));
        assertThat(call("flatten", tuple(tuple(s("a"), tuple(s("b"))), s("c")))).isEqualTo(tuple(s("a"), s("b"), s("c")));
        assertThat(call("flatten", list(strings("a"), TG))).isEqualTo(TG);
        assertThat(call("element", strings("a", "b", "c"), n(1))).isEqualTo(s("b"));
        assertThat(call("element", strings("a", "b", "c"), n(3))).isEqualTo(s("a"));
        assertThatThrownBy(() -> call("element", list(), n(0))).hasMessageContaining("empty list");
        assertThatThrownBy(() -> call("element", strings("a"), n(-1))).hasMessageContaining("negative index");
        assertThat(call("slice", strings("a", "b", "c", "d"), n(1), n(3))).isEqualTo(strings("b", "c"));
        assertThatThrownBy(() -> call("slice", strings("a"), n(0), n(2)))
                .hasMessageContaining("must not be greater than the length");
        assertThatThrownBy(() -> call("slice", strings("a", "b"), n(2), n(1)))
                .hasMessageContaining("greater than the ending index");
        assertThat(call("reverse", tuple(n(1), s("a")))).isEqualTo(tuple(s("a"), n(1)));
    }

    @Test
    void rangeFollowsTerraform() throws Exception {
        assertThat(call("range", n(3))).isEqualTo(list(n(0), n(1), n(2)));
        assertThat(call("range", n(1), n(4))).isEqualTo(list(n(1), n(2), n(3)));
        assertThat(call("range", n(4), n(1))).isEqualTo(list(n(4), n(3), n(2)));
        assertThat(call("range", n(0), n(1), n("0.25")))
                .isEqualTo(list(n(0), n("0.25"), n("0.5"), n("0.75")));
        assertThat(call("range", n(1), n(4), n(-1))).isEqualTo(list());
        assertThatThrownBy(() -> call("range", n(0), n(1), n(0))).hasMessageContaining("step must not be zero");
        assertThatThrownBy(() -> call("range", n(2000))).hasMessageContaining("more than 1024 values");
    }

    @Test
    void sortCompactChunklistOne() throws Exception {
        assertThat(call("sort", strings("e", "d", "a", "x"))).isEqualTo(strings("a", "d", "e", "x"));
        assertThat(call("sort", list(n(10), n(9)))).isEqualTo(strings("10", "9"));
        assertThat(call("compact", list(s("a"), s(""), nul(), s("b")))).isEqualTo(strings("a", "b"));
        assertThat(call("chunklist", strings("a", "b", "c"), n(2))).isEqualTo(list(strings("a", "b"), strings("c")));
        assertThat(call("one", list())).isEqualTo(nul());
        assertThat(call("one", strings("x"))).isEqualTo(s("x"));
        assertThatThrownBy(() -> call("one", strings("x", "y"))).hasMessageContaining("either zero or one");
    }

    @Test
    void zipmapTransposeCoalesce() throws Exception {
        assertThat(call("zipmap", strings("a", "b"), list(n(1), n(2)))).isEqualTo(map("a", n(1), "b", n(2)));
        assertThat(call("zipmap", strings("a"), tuple(n(1)))).isEqualTo(obj("a", n(1)));
        assertThatThrownBy(() -> call("zipmap", strings("a"), list())).hasMessageContaining("number of keys (1)");
        assertThat(call("transpose", map("a", strings("1", "2"), "b", strings("2", "3"))))
                .isEqualTo(map("1", strings("a"), "2", strings("a", "b"), "3", strings("b")));
        assertThat(call("coalesce", s(""), nul(), s("b"))).isEqualTo(s("b"));
        assertThat(call("coalesce", nul(), n(1), s("x"))).isEqualTo(s("1"));
        assertThat(call("coalesce", TG, s("b"))).isEqualTo(TG);
        assertThatThrownBy(() -> call("coalesce", s(""), nul())).hasMessageContaining("no non-null, non-empty-string");
        assertThat(call("coalescelist", list(), strings("c"))).isEqualTo(strings("c"));
        assertThatThrownBy(() -> call("coalescelist", list())).hasMessageContaining("no non-null arguments");
    }

    @Test
    void coalesceWithUnknownsKeepsTheReferenceOnlyWhenNothingElseCanBeChosen() throws Exception {
        Value.Unknown dns = ref("aws_lb.edge", "dns_name");
        Value.Unknown computed = ValueOps.derived(ref("aws_lb.edge", "name"));
        // An ARN is never null or empty, so nothing after it can be chosen.
        assertThat(call("coalesce", nul(), s(""), TG, s("b"))).isEqualTo(TG);
        // The only candidate: the reference, whether or not it could be empty.
        assertThat(call("coalesce", nul(), dns)).isEqualTo(dns);
        assertThat(call("coalesce", dns, nul(), s(""))).isEqualTo(dns);
        // A known argument before it wins; one after it may win if it turns out empty.
        assertThat(call("coalesce", s("a"), dns)).isEqualTo(s("a"));
        assertThat(call("coalesce", dns, s("b"))).isInstanceOfSatisfying(Value.Unknown.class, u -> {
            assertThat(u.ref()).isEqualTo("aws_lb.edge");
            assertThat(u.attribute()).isEmpty();
            assertThat(u.reason()).isEqualTo("aws_lb.edge.dns_name or, where that is null or empty, a later argument "
                    + "of coalesce");
        });
        assertThat(((Value.Unknown) call("coalesce", computed, TG)).attribute()).isEmpty();
        Value.Unknown failed = Value.Unknown.unevaluable("data source x");
        assertThat(call("coalesce", failed, s("b"))).isEqualTo(failed);
        assertThat(call("coalescelist", nul(), list(), TG)).isEqualTo(TG);
        assertThat(((Value.Unknown) call("coalescelist", TG, strings("c"))).attribute()).isEmpty();
        assertThat(call("coalescelist", strings("c"), TG)).isEqualTo(strings("c"));
    }

    @Test
    void selectingWithAnUnknownChoicePicksNoElement() throws Exception {
        Value.Unknown index = ref("aws_lb.edge", "id");
        Value arns = list(TG, ref("aws_lb_target_group.api", "arn"));
        assertThat(call("element", arns, n(1))).isEqualTo(ref("aws_lb_target_group.api", "arn"));
        assertThat(((Value.Unknown) call("element", arns, index)).attribute()).isEmpty();
        assertThat(((Value.Unknown) call("element", TG, n(0))).attribute()).isEmpty();
        assertThat(call("lookup", map("a", TG), s("a"), nul())).isEqualTo(TG);
        assertThat(call("lookup", map("a", s("x")), s("b"), TG)).isEqualTo(TG);
        assertThat(call("lookup", map("a", TG), index, nul())).isEqualTo(ValueOps.derived(TG));
        assertThat(call("one", list(TG))).isEqualTo(TG);
        assertThat(call("one", set(TG))).isEqualTo(TG);
        // The element of an unknown list is not the list.
        assertThat(call("one", ref("aws_lb.edge", "subnet_mapping")))
                .isEqualTo(ValueOps.derived(ref("aws_lb.edge", "subnet_mapping")));
    }

    @Test
    void setFunctions() throws Exception {
        assertThat(call("setunion", strings("b", "a"), strings("c", "a"))).isEqualTo(set(s("a"), s("b"), s("c")));
        assertThat(call("setintersection", strings("a", "b"), strings("b", "c"))).isEqualTo(set(s("b")));
        assertThat(call("setsubtract", strings("a", "b", "c"), strings("a", "c"))).isEqualTo(set(s("b")));
        assertThat(call("setproduct", strings("a", "b"), strings("1")))
                .isEqualTo(list(strings("a", "1"), strings("b", "1")));
        assertThat(call("matchkeys", strings("i-1", "i-2"), strings("a", "b"), strings("b")))
                .isEqualTo(strings("i-2"));
    }

    @Test
    void numericFunctions() throws Exception {
        assertThat(call("min", n(12), n(54), n(3))).isEqualTo(n(3));
        assertThat(call("max", n(12), s("54"), n(3))).isEqualTo(n(54));
        assertThat(call("abs", n(-12))).isEqualTo(n(12));
        assertThat(call("ceil", n("4.1"))).isEqualTo(n(5));
        assertThat(call("floor", n("-4.1"))).isEqualTo(n(-5));
        assertThat(call("parseint", s("FF"), n(16))).isEqualTo(n(255));
        assertThat(call("parseint", s("-10"), n(2))).isEqualTo(n(-2));
        assertThat(call("parseint", s("zZ"), n(62))).isEqualTo(n(35 * 62 + 61));
        assertThatThrownBy(() -> call("parseint", s("12"), n(2))).hasMessageContaining("as a base 2 integer");
        assertThatThrownBy(() -> call("parseint", s("1"), n(63))).hasMessageContaining("between 2 and 62");
        assertThat(call("pow", n(3), n(2))).isEqualTo(n(9));
        assertThat(call("sum", list(n(1), n("2.5")))).isEqualTo(n("3.5"));
        assertThatThrownBy(() -> call("sum", list())).hasMessageContaining("cannot sum an empty list");
        assertThat(call("alltrue", list())).isEqualTo(b(true));
        assertThat(call("alltrue", list(b(true), s("false")))).isEqualTo(b(false));
        assertThat(call("anytrue", list(b(false), TG))).isInstanceOf(Value.Unknown.class);
        assertThat(call("anytrue", list(TG, b(true)))).isEqualTo(b(true));
        assertThat(call("alltrue", list(TG, b(false)))).isEqualTo(b(false));
    }

    @Test
    void encodings() throws Exception {
        assertThat(call("jsonencode", obj("b", list(n(1), n("1.5")), "a", s("<x>"), "c", nul())))
                .isEqualTo(s("{\"a\":\"\\u003cx\\u003e\",\"b\":[1,1.5],\"c\":null}"));
        assertThat(call("jsonencode", n("1e21"))).isEqualTo(s("1000000000000000000000"));
        assertThat(call("jsondecode", s("{\"hello\": [1, true, null, \"x\"]}")))
                .isEqualTo(obj("hello", tuple(n(1), b(true), nul(), s("x"))));
        assertThatThrownBy(() -> call("jsondecode", s("{"))).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> call("jsondecode", s("[1e4000000000]")))
                .hasMessageContaining("number 1e4000000000 is out of range");
        assertThat(call("jsonencode", list(TG))).isEqualTo(TG);
        assertThat(call("base64encode", s("Hello World"))).isEqualTo(s("SGVsbG8gV29ybGQ="));
        assertThat(call("base64decode", s("SGVsbG8gV29ybGQ="))).isEqualTo(s("Hello World"));
        assertThatThrownBy(() -> call("base64decode", s("!!"))).hasMessageContaining("failed to decode base64");
        assertThat(call("md5", s("hello world"))).isEqualTo(s("5eb63bbbe01eeed093cb22bb8f5acdc3"));
        assertThat(call("sha1", s("hello world"))).isEqualTo(s("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"));
        assertThat(call("sha256", s("hello world")))
                .isEqualTo(s("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"));
        assertThat(call("urlencode", s("Hello World?x=1&y=~*"))).isEqualTo(s("Hello+World%3Fx%3D1%26y%3D~%2A"));
    }

    @Test
    void networkFunctions() throws Exception {
        assertThat(call("cidrhost", s("10.12.112.0/20"), n(16))).isEqualTo(s("10.12.112.16"));
        assertThat(call("cidrhost", s("10.12.112.0/20"), n(268))).isEqualTo(s("10.12.113.12"));
        assertThat(call("cidrhost", s("10.0.0.0/24"), n(-1))).isEqualTo(s("10.0.0.255"));
        assertThat(call("cidrhost", s("fd00:fd12:3456:7890:00a2::/72"), n(34)))
                .isEqualTo(s("fd00:fd12:3456:7890::22"));
        assertThatThrownBy(() -> call("cidrhost", s("10.0.0.0/24"), n(256)))
                .hasMessageContaining("prefix of 24 does not accommodate a host numbered 256");
        assertThat(call("cidrsubnet", s("172.16.0.0/12"), n(4), n(2))).isEqualTo(s("172.18.0.0/16"));
        assertThat(call("cidrsubnet", s("10.1.2.0/24"), n(4), n(15))).isEqualTo(s("10.1.2.240/28"));
        assertThat(call("cidrsubnet", s("fd00:fd12:3456:7890::/56"), n(16), n(162)))
                .isEqualTo(s("fd00:fd12:3456:7800:a200::/72"));
        assertThatThrownBy(() -> call("cidrsubnet", s("10.0.0.0/30"), n(4), n(0)))
                .hasMessageContaining("insufficient address space to extend prefix of 30 by 4");
        assertThatThrownBy(() -> call("cidrsubnet", s("10.0.0.0/24"), n(2), n(4)))
                .hasMessageContaining("prefix extension of 2 does not accommodate a subnet numbered 4");
        assertThat(call("cidrnetmask", s("172.16.0.0/12"))).isEqualTo(s("255.240.0.0"));
        assertThat(call("cidrsubnets", s("10.1.0.0/16"), n(4), n(4), n(8), n(4)))
                .isEqualTo(strings("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"));
        assertThatThrownBy(() -> call("cidrhost", s("10.0.0/24"), n(1))).hasMessageContaining("invalid CIDR");
    }
}
