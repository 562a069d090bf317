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

import dev.lbguard.source.terraform.functions.Functions;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import org.junit.jupiter.api.Test;

class FunctionsTest {

    @Test
    void registryHasTheLibraryButNotTryOrCan() {
        assertThat(Functions.names()).contains("format", "lookup", "merge", "cidrsubnet", "jsonencode", "regexall",
                "setunion", "transpose", "file", "timestamp");
        assertThat(Functions.lookup("try")).isEmpty();
        assertThat(Functions.lookup("can")).isEmpty();
        assertThat(Functions.lookup("nosuch")).isEmpty();
    }

    @Test
    void arityIsChecked() {
        assertThatThrownBy(() -> call("upper")).hasMessageContaining("Function \"upper\" expects 1 argument(s)")
                .hasMessageStartingWith("Not enough function arguments");
        assertThatThrownBy(() -> call("lookup", map(), s("a"), s("b"), s("c")))
                .hasMessageStartingWith("Too many function arguments");
    }

    // Strings

    @Test
    void joinAndSplit() throws Exception {
        assertThat(call("join", s(", "), strings("a", "b", "c"))).isEqualTo(s("a, b, c"));
        assertThat(call("join", s("-"), strings("a"), tuple(s("b"), n(1)))).isEqualTo(s("a-b-1"));
        assertThat(call("join", s("-"), list())).isEqualTo(s(""));
        assertThat(call("split", s(","), s("a,b,,c"))).isEqualTo(strings("a", "b", "", "c"));
        assertThat(call("split", s(","), s(""))).isEqualTo(strings(""));
        assertThat(call("split", s(""), s("abc"))).isEqualTo(strings("a", "b", "c"));
        assertThatThrownBy(() -> call("join", s(","))).hasMessageContaining("at least one list is required");
        assertThatThrownBy(() -> call("join", s(","), list(s("a"), nul()))).hasMessageContaining("element 1 is null");
        assertThat(call("join", s(","), list(s("a"), ref("aws_lb.x", "dns_name"))))
                .isEqualTo(ref("aws_lb.x", "dns_name"));
    }

    @Test
    void caseFunctions() throws Exception {
        assertThat(call("lower", s("HeLLo"))).isEqualTo(s("hello"));
        assertThat(call("upper", s("héllo"))).isEqualTo(s("HÉLLO"));
        assertThat(call("title", s("hello world-wide web_site"))).isEqualTo(s("Hello World-Wide Web_site"));
        assertThat(call("lower", n(10))).isEqualTo(s("10"));
        assertThatThrownBy(() -> call("lower", nul())).hasMessageContaining("argument must not be null");
        assertThatThrownBy(() -> call("lower", strings("a"))).hasMessageContaining("string required");
    }

    @Test
    void trimming() throws Exception {
        assertThat(call("trimspace", s("\u00a0 \t hi \n"))).isEqualTo(s("hi"));
        assertThat(call("trim", s("?!hello?!"), s("!?"))).isEqualTo(s("hello"));
        assertThat(call("trimprefix", s("helloworld"), s("hello"))).isEqualTo(s("world"));
        assertThat(call("trimprefix", s("helloworld"), s("world"))).isEqualTo(s("helloworld"));
        assertThat(call("trimsuffix", s("helloworld"), s("world"))).isEqualTo(s("hello"));
        assertThat(call("chomp", s("hello\r\n\n"))).isEqualTo(s("hello"));
        assertThat(call("indent", n(2), s("a\nb"))).isEqualTo(s("a\n  b"));
        assertThat(call("strrev", s("abc"))).isEqualTo(s("cba"));
    }

    @Test
    void substrCountsCharactersAndClamps() throws Exception {
        assertThat(call("substr", s("hello world"), n(1), n(4))).isEqualTo(s("ello"));
        assertThat(call("substr", s("hello world"), n(-5), n(3))).isEqualTo(s("wor"));
        assertThat(call("substr", s("hello"), n(2), n(-1))).isEqualTo(s("llo"));
        assertThat(call("substr", s("hello"), n(10), n(2))).isEqualTo(s(""));
        assertThat(call("substr", s("hello"), n(3), n(100))).isEqualTo(s("lo"));
        assertThat(call("substr", s("hello"), n(-100), n(2))).isEqualTo(s("he"));
        assertThat(call("substr", s("héllo"), n(1), n(1))).isEqualTo(s("é"));
    }

    @Test
    void predicates() throws Exception {
        assertThat(call("startswith", s("https://x"), s("https:"))).isEqualTo(b(true));
        assertThat(call("endswith", s("a.example.com"), s(".org"))).isEqualTo(b(false));
        assertThat(call("strcontains", s("api-v2"), s("v2"))).isEqualTo(b(true));
    }

    @Test
    void replacePlainAndRegex() throws Exception {
        assertThat(call("replace", s("1 + 2 + 3"), s("+"), s("-"))).isEqualTo(s("1 - 2 - 3"));
        assertThat(call("replace", s("hello world"), s("/w.*d/"), s("everybody"))).isEqualTo(s("hello everybody"));
        assertThat(call("replace", s("a1b22"), s("/(\\d+)/"), s("<$1>"))).isEqualTo(s("a<1>b<22>"));
        assertThat(call("replace", s("abc"), s("/b*/"), s("-"))).isEqualTo(s("-a-c-"));
        assertThat(call("replace", s("k=v"), s("/(?P<key>\\w+)=(?P<val_ue>\\w+)/"), s("${val_ue}=$key")))
                .isEqualTo(s("v=k"));
        assertThat(call("replace", s("cost"), s("/o/"), s("$$"))).isEqualTo(s("c$st"));
        assertThat(call("replace", s("/"), s("/"), s("x"))).isEqualTo(s("x"));
    }

    @Test
    void regexResultsDependOnGroups() throws Exception {
        assertThat(call("regex", s("[a-z]+"), s("53453453.345345aaabbbccc23454"))).isEqualTo(s("aaabbbccc"));
        assertThat(call("regex", s("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)"), s("2019-02-01")))
                .isEqualTo(strings("2019", "02", "01"));
        assertThat(call("regex", s("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
                s("https://terraform.io/docs/")))
                .isEqualTo(obj("authority", s("terraform.io"), "scheme", s("https")));
        assertThat(call("regexall", s("[a-z]+"), s("1234abcd5678efgh9"))).isEqualTo(strings("abcd", "efgh"));
        assertThat(call("regexall", s("x"), s("abc"))).isEqualTo(list());
        assertThat(call("regex", s("a(b)?"), s("a"))).isEqualTo(strings(""));
        assertThat(call("regex", s("^[[:alpha:]]+$"), s("abc"))).isEqualTo(s("abc"));
        assertThatThrownBy(() -> call("regex", s("x"), s("abc")))
                .hasMessageContaining("pattern did not match any part of the given string");
        assertThatThrownBy(() -> call("regex", s("(?P<a>x)(y)"), s("xy"))).hasMessageContaining("cannot mix");
        assertThatThrownBy(() -> call("regex", s("a(?=b)"), s("ab"))).hasMessageContaining("invalid regular");
        assertThatThrownBy(() -> call("regex", s("(a)\\1"), s("aa"))).hasMessageContaining("invalid escape");
    }

    @Test
    void regexDollarIsEndOfTextAsInGo() throws Exception {
        assertThat(call("regexall", s("a$"), s("a\n"))).isEqualTo(list());
        assertThat(call("regexall", s("(?m)a$"), s("a\na"))).isEqualTo(strings("a", "a"));
    }

    // Format

    @Test
    void formatVerbs() throws Exception {
        assertThat(call("format", s("Hello, %s!"), s("Ander"))).isEqualTo(s("Hello, Ander!"));
        assertThat(call("format", s("There are %d lights"), n(4))).isEqualTo(s("There are 4 lights"));
        assertThat(call("format", s("%.2f|%f"), n("3.14159"), n(1))).isEqualTo(s("3.14|1.000000"));
        assertThat(call("format", s("%5s|%-5s|%05d"), s("ab"), s("cd"), n(42))).isEqualTo(s("   ab|cd   |00042"));
        assertThat(call("format", s("%q %t %%"), s("a\"b"), s("true"))).isEqualTo(s("\"a\\\"b\" true %"));
        assertThat(call("format", s("%v %v %v"), n("1.5"), b(false), nul())).isEqualTo(s("1.5 false null"));
        assertThat(call("format", s("%#v"), map("b", n(1), "a", s("x")))).isEqualTo(s("{\"a\":\"x\",\"b\":1}"));
        assertThat(call("format", s("%v"), strings("a"))).isEqualTo(s("[\"a\"]"));
        assertThat(call("format", s("%x %X %o %b"), n(255), n(255), n(8), n(5))).isEqualTo(s("ff FF 10 101"));
        assertThat(call("format", s("%e"), n(123456))).isEqualTo(s("1.234560e+05"));
        assertThat(call("format", s("%g %g %g"), n("0.5"), n(100), n(1000000))).isEqualTo(s("0.5 100 1e+06"));
        assertThat(call("format", s("%[2]s %[1]s"), s("a"), s("b"))).isEqualTo(s("b a"));
        assertThat(call("format", s("%.3s"), s("abcdef"))).isEqualTo(s("abc"));
        assertThat(call("format", s("%+d"), n(5))).isEqualTo(s("+5"));
        assertThat(call("format", s("%s"), n(8080))).isEqualTo(s("8080"));
    }

    @Test
    void formatErrors() {
        assertThatThrownBy(() -> call("format", s("%s %s"), s("a")))
                .hasMessageContaining("not enough arguments for \"%s\" at 3: need index 2 but have 1 total");
        assertThatThrownBy(() -> call("format", s("%s"), s("a"), s("b")))
                .hasMessageContaining("too many arguments; only 1 used by format string");
        assertThatThrownBy(() -> call("format", s("%s"), nul())).hasMessageContaining("null value cannot be formatted");
        assertThatThrownBy(() -> call("format", s("%d"), s("x"))).hasMessageContaining("unsupported value for \"%d\"");
        assertThatThrownBy(() -> call("format", s("%d"), n("1.5"))).hasMessageContaining("fractional");
        assertThatThrownBy(() -> call("format", s("%z"), s("x"))).hasMessageContaining("unrecognized format verb");
    }

    @Test
    void formatWithUnknownIsUnknown() throws Exception {
        assertThat(call("format", s("%s"), ref("aws_lb.a", "arn"))).isEqualTo(ref("aws_lb.a", "arn"));
    }

    @Test
    void formatlistIteratesLists() throws Exception {
        assertThat(call("formatlist", s("Hello, %s!"), strings("Valentina", "Ander")))
                .isEqualTo(strings("Hello, Valentina!", "Hello, Ander!"));
        assertThat(call("formatlist", s("%s, %s!"), s("Salutations"), strings("a", "b")))
                .isEqualTo(strings("Salutations, a!", "Salutations, b!"));
        assertThat(call("formatlist", s("%s"), s("x"))).isEqualTo(strings("x"));
        assertThatThrownBy(() -> call("formatlist", s("%s%s"), strings("a"), strings("b", "c")))
                .hasMessageContaining("argument 2 has length 2, which is inconsistent with argument 1 of length 1");
    }

    // Conversions

    @Test
    void typeConversions() throws Exception {
        assertThat(call("tostring", n(42))).isEqualTo(s("42"));
        assertThat(call("tostring", n("1.50"))).isEqualTo(s("1.5"));
        assertThat(call("tostring", b(true))).isEqualTo(s("true"));
        assertThat(call("tostring", nul())).isEqualTo(nul());
        assertThat(call("tonumber", s("8080"))).isEqualTo(n(8080));
        assertThat(call("tobool", s("false"))).isEqualTo(b(false));
        assertThat(call("tolist", tuple(s("a"), n(1)))).isEqualTo(strings("a", "1"));
        assertThat(call("toset", strings("b", "a", "b"))).isEqualTo(set(s("a"), s("b")));
        assertThat(call("tomap", obj("a", n(1)))).isEqualTo(map("a", n(1)));
        assertThatThrownBy(() -> call("tostring", strings("a"))).hasMessageContaining("cannot convert list of string");
        assertThatThrownBy(() -> call("tonumber", s("abc"))).hasMessageContaining("a number is required");
        assertThatThrownBy(() -> call("tobool", s("True"))).hasMessageContaining("use lowercase \"true\"");
        assertThatThrownBy(() -> call("tolist", tuple(s("a"), strings("b"))))
                .hasMessageContaining("of any single type");
    }

    @Test
    void ioAndApplyTimeFunctions() throws Exception {
        // Without a tree the library cannot read files; the evaluator binds them to one (see FileFunctionsTest).
        assertThatThrownBy(() -> call("file", s("x.json"))).isInstanceOf(EvalException.class)
                .hasMessageContaining("only the evaluator can call it");
        assertThatThrownBy(() -> call("templatefile", s("x.tpl"), map()))
                .hasMessageContaining("only the evaluator can call it");
        assertThatThrownBy(() -> call("abspath", s("x"))).hasMessageContaining("cannot know the absolute path");
        assertThat(call("timestamp")).isInstanceOfSatisfying(Value.Unknown.class,
                u -> assertThat(u.reason()).contains("known only at apply time"));
        assertThat(call("uuid")).isInstanceOf(Value.Unknown.class);
    }
}
