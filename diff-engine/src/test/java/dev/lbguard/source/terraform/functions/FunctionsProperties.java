package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.V.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.terraform.eval.Operations;
import dev.lbguard.source.terraform.functions.GoTime;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FunctionsProperties {

    @Provide
    Arbitrary<Value> primitives() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8).map(Value.Str::new),
                Arbitraries.longs().between(-100_000, 100_000).map(Value.Num::of),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000))
                        .ofScale(3).map(Convert::num),
                Arbitraries.of(true, false).map(Value.Bool::new),
                Arbitraries.just(Value.Values.NULL));
    }

    /** Known values as JSON can carry them: primitives, tuples and objects. */
    @Provide
    Arbitrary<Value> jsonValues() {
        return Arbitraries.recursive(this::primitives, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(Value.Values::tuple),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), inner).ofMaxSize(4)
                        .map(m -> (Value) Value.Obj.object(m))), 3);
    }

    @Provide
    Arbitrary<Value> stringLists() {
        return Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(4).map(Value.Str::new)
                .map(v -> (Value) v).list().ofMaxSize(6).map(Value.Values::list);
    }

    @Provide
    Arbitrary<Value> stringMaps() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4),
                Arbitraries.strings().ofMaxLength(4).map(s -> (Value) new Value.Str(s))).ofMaxSize(5)
                .map(m -> (Value) Value.Obj.map(m));
    }

    @Property
    void jsondecodeInvertsJsonencode(@ForAll("jsonValues") Value v) throws Exception {
        Value decoded = call("jsondecode", call("jsonencode", v));
        assertThat(decoded).isEqualTo(v);
    }

    @Property
    void tosetIsIdempotent(@ForAll("stringLists") Value list) throws Exception {
        Value once = call("toset", list);
        assertThat(call("toset", once)).isEqualTo(once);
    }

    @Property
    void concatAddsLengths(@ForAll("stringLists") Value a, @ForAll("stringLists") Value b) throws Exception {
        Value sum = Operations.binary(dev.lbguard.source.hcl.Expression.Operator.ADD, call("length", a),
                call("length", b));
        assertThat(call("length", call("concat", a, b))).isEqualTo(sum);
    }

    @Property
    void mergeWithAnEmptyMapIsIdentity(@ForAll("stringMaps") Value a) throws Exception {
        assertThat(call("merge", a, Value.Obj.map(Map.of()))).isEqualTo(a);
        assertThat(call("merge", Value.Obj.map(Map.of()), a)).isEqualTo(a);
    }

    @Property
    void splitInvertsJoin(@ForAll("stringLists") Value list) throws Exception {
        List<Value> items = ((Value.Seq) list).items();
        Assume.that(!items.isEmpty());
        assertThat(call("split", new Value.Str(","), call("join", new Value.Str(","), list))).isEqualTo(list);
    }

    @Property
    void sortIsSortedAndKeepsElements(@ForAll("stringLists") Value list) throws Exception {
        Value sorted = call("sort", list);
        assertThat(call("sort", sorted)).isEqualTo(sorted);
        assertThat(call("toset", sorted)).isEqualTo(call("toset", list));
    }

    @Property
    void equalityIsReflexiveForKnownValues(@ForAll("jsonValues") Value v) throws Exception {
        assertThat(Operations.binary(dev.lbguard.source.hcl.Expression.Operator.EQUAL, v, v))
                .isEqualTo(Value.Values.TRUE);
    }

    @Property
    void numberToStringRoundTrips(@ForAll("primitives") Value v) throws Exception {
        Assume.that(v instanceof Value.Num);
        Value text = call("tostring", v);
        assertThat(Operations.binary(dev.lbguard.source.hcl.Expression.Operator.EQUAL, call("tonumber", text), v))
                .isEqualTo(Value.Values.TRUE);
        assertThat(((Value.Str) text).value()).doesNotContain("E");
    }

    /** Strings of the characters YAML and CSV treat specially, and of none that Terraform would normalize. */
    @Provide
    Arbitrary<String> awkwardStrings() {
        return Arbitraries.strings().withChars("ab :#-'\"\n\\\t,é€{}[]&*!|>%@`~?<.019").ofMaxLength(12);
    }

    /** Values as yamlencode writes them: primitives, tuples and objects, strings from {@link #awkwardStrings}. */
    @Provide
    Arbitrary<Value> yamlValues() {
        Arbitrary<Value> primitives = Arbitraries.oneOf(
                awkwardStrings().map(Value.Str::new),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000)).ofScale(3)
                        .map(Convert::num),
                Arbitraries.of(true, false).map(Value.Bool::new),
                Arbitraries.just(Value.Values.NULL));
        return Arbitraries.recursive(() -> primitives, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(Value.Values::tuple),
                Arbitraries.maps(awkwardStrings().filter(k -> !k.equals("<<")), inner).ofMaxSize(4)
                        .map(m -> (Value) Value.Obj.object(m))), 3);
    }

    @Property
    void yamldecodeInvertsYamlencode(@ForAll("yamlValues") Value v) throws Exception {
        assertThat(call("yamldecode", call("yamlencode", v))).isEqualTo(v);
    }

    @Property
    void csvdecodeReadsBackAQuotedTable(@ForAll("awkwardStrings") String a, @ForAll("awkwardStrings") String b)
            throws Exception {
        String csv = "h1,h2\n" + quote(a) + "," + quote(b) + "\r\n";
        assertThat(call("csvdecode", new Value.Str(csv))).isEqualTo(Value.Values.list(List.of(Value.Obj.object(
                Map.of("h1", new Value.Str(a.replace("\r\n", "\n")), "h2", new Value.Str(b.replace("\r\n", "\n")))))));
    }

    private static String quote(String field) {
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }

    @Property
    void timeaddMovesTheInstantBySeconds(@ForAll @LongRange(min = -4_000_000_000L, max = 4_000_000_000L) long epoch,
                                         @ForAll @IntRange(min = -23, max = 23) int offsetHours,
                                         @ForAll @LongRange(min = -9_000_000_000L, max = 9_000_000_000L) long seconds)
            throws Exception {
        Value t = new Value.Str(new GoTime.Timestamp(epoch, 0, offsetHours * 3600).rfc3339());
        Value later = call("timeadd", t, new Value.Str(seconds + "s"));
        assertThat(call("timecmp", later, t)).isEqualTo(Value.Num.of(Long.signum(seconds)));
        assertThat(call("timeadd", later, new Value.Str(-seconds + "s"))).isEqualTo(t);
        assertThat(call("formatdate", new Value.Str("YYYY-MM-DD'T'hh:mm:ssZ"), later)).isEqualTo(later);
    }

    @Property
    void textdecodebase64InvertsTextencodebase64(@ForAll("awkwardStrings") String s,
                                                 @ForAll("unicodeEncodings") String encoding) throws Exception {
        Value encoded = call("textencodebase64", new Value.Str(s), new Value.Str(encoding));
        assertThat(call("textdecodebase64", encoded, new Value.Str(encoding))).isEqualTo(new Value.Str(s));
    }

    @Provide
    Arbitrary<String> unicodeEncodings() {
        return Arbitraries.of("UTF-8", "UTF-16", "utf-16le", "UTF-16BE", "csUTF16");
    }
}
