package dev.lbguard.policy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.policy.Expectation;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.RuleSetting;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.Waiver;
import dev.lbguard.route.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PolicyFileReader} on whole files: what a valid file reads into, where each problem is reported (the line
 * and column an editor shows for the offending key or value), that {@link PolicyFileWriter}'s output reads back,
 * and every case of {@code fixtures/broken-policy}.
 *
 */
class PolicyFileReaderTest {
    private static final String PATH = "lbguard.yml";
    private static final Pattern EXPECTED = Pattern.compile("^(\\d+):(\\d+): (.+)$");
    /** Corpus cases that fail because of a known defect, so their failure names it. */
    @Test
    void fullFileReadsIntoRecords() throws PolicyFileException {
        PolicyFile policy = read("""
                # Every field of the format.
                version: 1
                fail_on: medium
                invariants:
                  - name: checkout reaches checkout
                    listener: shop-edge-prod:443
                    request:
                      host: shop.example.com
                      path: /checkout/pay?step=2
                      method: POST
                      headers: {X-Canary: "1", Accept-Language: [de, en]}
                      query: {lang: en, tag: [a, b]}
                      source_ip: 203.0.113.9
                    expect: {forward: shop-checkout}
                    severity: critical
                  - name: legacy is left alone
                    listener: shop-edge-prod:443
                    request: {host: shop.example.com, path: legacy}
                    expect: {not_forward: shop-legacy}
                  - name: http goes to https
                    listener: 198.51.100.7:80
                    request: {host: "shop.example.com:8080"}
                    expect: {redirect: "https://shop.example.com/*"}
                    severity: low
                  - name: 404
                    listener: shop-edge-prod:443
                    request:
                      host: shop.example.com
                      path: /no/such/page
                      headers: {X-Canary: 1}
                    expect: {fixed_response: 404}
                waivers:
                  - rule: LBG002
                    element: aws_lb_listener_rule.campaign*
                    reason: "winter campaign, approved in #1234"
                    expires: 2027-01-31
                rules:
                  LBG010: {severity: low}
                  LBG013: {enabled: false}
                  LBG004:
                    severity: info
                    enabled: true
                """);

        assertThat(policy.path()).isEqualTo(PATH);
        assertThat(policy.failOn()).contains("medium");
        assertThat(policy.invariants()).extracting(Invariant::name).containsExactly("checkout reaches checkout",
                "legacy is left alone", "http goes to https", "404");

        Invariant checkout = policy.invariants().get(0);
        assertThat(checkout.listener()).isEqualTo("shop-edge-prod:443");
        assertThat(checkout.loadBalancer()).isEqualTo("shop-edge-prod");
        assertThat(checkout.port()).isEqualTo(443);
        // The path's query comes first, then the query mapping, in the order written.
        assertThat(checkout.request()).isEqualTo(Request.of("shop.example.com", "/checkout/pay").withMethod("POST")
                .withQuery("step", "2").withQuery("lang", "en").withQuery("tag", "a").withQuery("tag", "b")
                .withHeader("X-Canary", "1").withHeader("Accept-Language", "de").withHeader("Accept-Language", "en")
                .withSourceIp("203.0.113.9"));
        assertThat(checkout.request().headerValues("accept-language")).containsExactly("de", "en");
        assertThat(checkout.expect()).isEqualTo(Expectation.forwardTo("shop-checkout"));
        assertThat(checkout.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(checkout.source()).isEqualTo(SourceRef.of(PATH, 5, 5));

        Invariant legacy = policy.invariants().get(1);
        assertThat(legacy.request()).as("defaults: GET, a leading / added, no headers, query or address")
                .isEqualTo(Request.of("shop.example.com", "/legacy"));
        assertThat(legacy.expect()).isEqualTo(Expectation.of(Expectation.Kind.NOT_FORWARD, "shop-legacy"));
        assertThat(legacy.severity()).as("the default severity").isEqualTo(Severity.HIGH);

        Invariant https = policy.invariants().get(2);
        assertThat(https.loadBalancer()).isEqualTo("198.51.100.7");
        assertThat(https.port()).isEqualTo(80);
        assertThat(https.request()).isEqualTo(Request.of("shop.example.com:8080", "/"));
        assertThat(https.expect()).isEqualTo(Expectation.of(Expectation.Kind.REDIRECT, "https://shop.example.com/*"));
        assertThat(https.severity()).isEqualTo(Severity.LOW);

        Invariant notFound = policy.invariants().get(3);
        assertThat(notFound.request()).as("a YAML number is read as the text written")
                .isEqualTo(Request.of("shop.example.com", "/no/such/page").withHeader("X-Canary", "1"));
        assertThat(notFound.expect()).isEqualTo(Expectation.of(Expectation.Kind.FIXED_RESPONSE, "404"));
        assertThat(notFound.severity()).isEqualTo(Severity.HIGH);

        assertThat(policy.waivers()).containsExactly(new Waiver("LBG002", "aws_lb_listener_rule.campaign*",
                "winter campaign, approved in #1234", LocalDate.of(2027, 1, 31), SourceRef.of(PATH, 33, 5)));

        assertThat(policy.rules()).containsOnlyKeys("LBG004", "LBG010", "LBG013");
        assertThat(policy.rules().get("LBG010")).isEqualTo(new RuleSetting("LBG010", Optional.of(Severity.LOW), true,
                SourceRef.of(PATH, 38, 11)));
        assertThat(policy.rules().get("LBG013")).isEqualTo(new RuleSetting("LBG013", Optional.empty(), false,
                SourceRef.of(PATH, 39, 11)));
        assertThat(policy.rules().get("LBG004")).isEqualTo(new RuleSetting("LBG004", Optional.of(Severity.INFO), true,
                SourceRef.of(PATH, 41, 5)));
        assertThat(policy.enabled("LBG013")).isFalse();
        assertThat(policy.severityOf("LBG010")).contains(Severity.LOW);
    }

    @Test
    void emptyListsAndNullsMeanNone() throws PolicyFileException {
        PolicyFile policy = read("version: 1\ninvariants:\nwaivers: []\nrules:\n");
        assertThat(policy.failOn()).isEmpty();
        assertThat(policy.invariants()).isEmpty();
        assertThat(policy.waivers()).isEmpty();
        assertThat(policy.rules()).isEmpty();
        assertThat(policy.exists()).isTrue();
    }

    @Test
    void trafficThresholdsArePercentagesThatRiseAndASurgeFactor() throws PolicyFileException {
        assertThat(read("version: 1\n").traffic()).isEqualTo(dev.lbguard.policy.TrafficThresholds.DEFAULT);
        dev.lbguard.policy.TrafficThresholds t = read("version: 1\ntraffic:\n  medium: 0.5%\n  critical: 30%\n"
                + "  surge: 5x\n").traffic();
        assertThat(t).isEqualTo(new dev.lbguard.policy.TrafficThresholds(0.005, 0.10, 0.30, 5));
        assertThat(t.risk(0.004, 3)).isEqualTo(dev.lbguard.policy.Risk.LOW);
        assertThat(t.risk(0.3, 3)).isEqualTo(dev.lbguard.policy.Risk.CRITICAL);
        assertThat(t.risk(0, 0)).isEqualTo(dev.lbguard.policy.Risk.NONE);
        // A bare number would leave 1 meaning 1% or 100%; falling thresholds, or a surge of 1, are mistakes.
        assertThat(problems("version: 1\ntraffic: {medium: 1}\n")).singleElement().asString()
                .startsWith("2:19: ").contains("write a percentage");
        assertThat(problems("version: 1\ntraffic: {medium: 20%, high: 10%}\n")).singleElement().asString()
                .contains("must rise");
        assertThat(problems("version: 1\ntraffic: {surge: 1x}\n")).singleElement().asString().contains("above 1");
        assertThat(problems("version: 1\ntraffic: {hihg: 5%}\n")).singleElement().asString()
                .contains("unknown key 'hihg' in traffic");
    }

    @Test
    void anUnquotedHashAfterTheReasonIsRefusedSinceYamlWouldDropIt() {
        // YAML reads " #1234" as a comment: the ticket a reviewer would follow would be lost without a word.
        assertThat(problems("""
                version: 1
                waivers:
                  - rule: LBG002
                    element: x
                    reason: campaign, approved in #1234
                    expires: 2027-01-31
                """)).singleElement().asString().startsWith("5:13: ").contains("quote it all");
    }

    @Test
    void linesAndColumnsCountFromOne() {
        assertThat(problems("version: 2\n")).containsExactly("1:10: version '2' is not one lbguard reads; write "
                + "'version: 1'");
        assertThat(problems("version: 1\nfailon: high\n")).singleElement().asString().startsWith("2:1: unknown key "
                + "'failon' in the policy file; did you mean 'fail_on'?");
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                Arguments.of("an unknown key inside a block mapping, at the key", """
                        version: 1
                        invariants:
                          - name: a
                            listener: lb:443
                            request:
                              host: h
                              methd: POST
                            expect: {forward: x}
                        """, "7:7", "did you mean 'method'"),
                Arguments.of("an unknown key inside a flow mapping, at the key", """
                        version: 1
                        invariants:
                          - {name: a, listener: "lb:443", request: {host: h, heders: {}}, expect: {forward: x}}
                        """, "3:54", "did you mean 'headers'"),
                Arguments.of("a bad value in a flow mapping, at the value", """
                        version: 1
                        invariants:
                          - name: a
                            listener: lb:443
                            request: {host: h}
                            expect: {fixed_response: ok}
                        """, "6:30", "'ok' is no HTTP status code"),
                Arguments.of("a quoted value, at its opening quote", """
                        version: 1
                        fail_on:   "hi"
                        """, "2:12", "fail_on 'hi' is not one of"),
                Arguments.of("a missing key, where its mapping starts", """
                        version: 1
                        invariants:
                          - name: a
                            request: {host: h}
                            expect: {forward: x}
                        """, "3:5", "an invariant needs 'listener'"),
                Arguments.of("a mapping where a value was expected, at the mapping", """
                        version: 1
                        invariants:
                          - name: {first: a}
                            listener: lb:443
                            request: {host: h}
                            expect: {forward: x}
                        """, "3:11", "name is a mapping"),
                Arguments.of("a list where a mapping was expected, at the list", """
                        version: 1
                        rules: [LBG010]
                        """, "2:8", "'rules' is a list"),
                Arguments.of("a rule id, at the key", """
                        version: 1
                        rules:
                          LBG0100: {enabled: false}
                        """, "3:3", "'LBG0100' is no rule id"),
                Arguments.of("a duplicate key, at the second", """
                        version: 1
                        rules:
                          LBG010: {severity: low, severity: info}
                        """, "3:27", "'severity' is given twice"),
                Arguments.of("an alias, at the alias", """
                        version: 1
                        fail_on: *level
                        """, "2:10", "anchors and aliases"),
                Arguments.of("a second document, at its start", """
                        version: 1
                        ---
                        version: 1
                        """, "3:1", "one YAML document"),
                Arguments.of("non-ASCII letters count as one column each, not by their UTF-8 bytes", """
                        version: 1
                        waivers: [{rule: LBG002, element: "café*", reason: ok, expires: 2027-02-29}]
                        """, "2:65", "'2027-02-29' is no date"),
                Arguments.of("a byte order mark does not shift the first line", "\uFEFFversion: 3\n", "1:10",
                        "version '3'"),
                Arguments.of("CRLF line ends count as one", "version: 1\r\n\r\nfail_on: hi\r\n", "3:10",
                        "fail_on 'hi'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void problemIsReportedAtTheOffendingKeyOrValue(String what, String yaml, String position, String message) {
        assertThat(problems(yaml)).as(what).anySatisfy(p -> {
            assertThat(p).startsWith(position + ": ");
            assertThat(p).containsIgnoringCase(message);
        });
    }

    @Test
    void everyProblemOfAFileIsReported() {
        assertThat(problems("""
                version: 1
                fail_on: hgh
                invariants:
                  - name: a
                    listener: shop-edge
                    request: {host: shop.example.com}
                    expect: {forward: x}
                    severity: critcal
                  - name: b
                    listener: shop-edge:443
                    request: {host: shop.example.com}
                    expect: {fixed_response: 200 OK}
                waivers:
                  - rule: LBG2
                    element: x
                    reason: " "
                    expires: 2027-02-30
                rules:
                  LBG010: {severity: lo}
                  lbg013: {enabled: false}
                """)).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly(
                "2:10", "5:15", "8:15", "12:30", "14:11", "16:13", "17:14", "19:22", "20:3");
    }

    @Test
    void writtenInvariantsReadBackAlike() throws PolicyFileException {
        List<Invariant> written = List.of(
                invariant("checkout reaches checkout", "shop-edge-prod:443",
                        Request.of("shop.example.com:8443", "/checkout/pay").withMethod("POST")
                                .withHeader("X-Canary", "1").withHeader("Accept-Language", "de")
                                .withHeader("Accept-Language", "en").withQuery("tag", "a").withQuery("tag", "b")
                                .withQuery("lang", "en").withSourceIp("2001:db8::7"),
                        Expectation.forwardTo("shop-checkout"), Severity.CRITICAL),
                invariant("old cart: \"moved\" #1", "198.51.100.7:80",
                        Request.of("shop.example.com", "/old/%20cart").withQuery("from", "mail")
                                .withHeader("X-Quote", "say \"hi\" \\ #not a comment"),
                        Expectation.of(Expectation.Kind.REDIRECT, "https://shop.example.com/cart?from=*"),
                        Severity.HIGH),
                invariant("maintenance page", "shop-edge-prod:443",
                        Request.of("shop.example.com", "/").withQuery("flag", "").withQuery("n", "007")
                                .withHeader("X-Bool", "true").withSourceIp("203.0.113.9"),
                        Expectation.of(Expectation.Kind.FIXED_RESPONSE, "503"), Severity.LOW),
                invariant("legacy is left alone", "internal-lb.example:8080",
                        Request.of("api.example.com", "/v1/*").withMethod("DELETE"),
                        Expectation.of(Expectation.Kind.NOT_FORWARD,
                                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/0123abcd"),
                        Severity.INFO));

        String yaml = PolicyFileWriter.write(written, List.of("written by a test", "second: line"),
                List.of("a rule with\na line break"));
        PolicyFile read = PolicyFileReader.read(PATH, yaml.getBytes(StandardCharsets.UTF_8));

        assertThat(read.invariants()).extracting(Invariant::name)
                .containsExactlyElementsOf(written.stream().map(Invariant::name).toList());
        for (int i = 0; i < written.size(); i++) {
            assertThat(read.invariants().get(i).judgesAlike(written.get(i)))
                    .as("invariant %d reads back alike:\n%s\nread: %s", i, yaml, read.invariants().get(i)).isTrue();
        }
        assertThat(read.failOn()).contains("high");
        assertThat(read.waivers()).isEmpty();
        assertThat(read.rules()).isEmpty();
    }

    @Test
    void noInvariantsAreWrittenAsAnEmptyList() throws PolicyFileException {
        String yaml = PolicyFileWriter.write(List.of(), List.of(), List.of());
        assertThat(PolicyFileReader.read(PATH, yaml.getBytes(StandardCharsets.UTF_8)).invariants()).isEmpty();
    }

    /** A request field no client could send is reported at the field, not at the request. */
    @Test
    void badSourceIpIsReportedAtTheAddress() {
        assertThat(problems("""
                version: 1
                invariants:
                  - name: office reaches admin
                    listener: lb:443
                    request:
                      host: shop.example.com
                      path: /admin
                      source_ip: 10.0.0.256
                    expect: {forward: admin}
                """)).singleElement().asString().startsWith("8:18: ");
    }

    /** The format requires a non-empty name. */
    @Test
    void emptyInvariantNameIsRefused() {
        assertThat(problems("""
                version: 1
                invariants:
                  - name: ""
                    listener: lb:443
                    request: {host: h}
                    expect: {forward: x}
                """)).singleElement().asString().startsWith("3:11: ");
    }

    /** A YAML syntax error is reported where SnakeYAML found it, with its cause. */
    @Test
    void yamlSyntaxErrorIsReportedWhereTheParserFoundIt() {
        assertThat(problems("version: 1\n\tfail_on: high\n")).singleElement().asString().startsWith("2:1: ")
                .containsIgnoringCase("tab");
    }

    /** Interleaved query keys keep their order through the writer (in the path, since a mapping groups keys). */
    @Test
    void writerKeepsTheOrderOfInterleavedQueryKeys() throws PolicyFileException {
        Invariant written = invariant("interleaved", "lb:443",
                Request.of("h", "/").withQuery("a", "1").withQuery("b", "2").withQuery("a", "3"),
                Expectation.forwardTo("x"), Severity.HIGH);
        String yaml = PolicyFileWriter.write(List.of(written), List.of(), List.of());
        Invariant read = PolicyFileReader.read(PATH, yaml.getBytes(StandardCharsets.UTF_8)).invariants().get(0);
        assertThat(read.judgesAlike(written)).as("%s\nread: %s", yaml, read.request().query()).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenPolicyGivesTheExpectedProblem() throws IOException {
        List<Path> cases = brokenCases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        return cases.stream().map(c -> dynamicTest(c.getFileName().toString(), () -> check(c, "")));
    }

    private static List<Path> brokenCases() throws IOException {
        try (Stream<Path> dirs = Files.list(fixtures().resolve("broken-policy"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static void check(Path brokenCase, String note) throws IOException {
        String expectedLine = Files.readString(brokenCase.resolve("expected")).strip();
        Matcher m = EXPECTED.matcher(expectedLine);
        assertThat(m.matches()).as("%s/expected must be 'line:column: substring', was %s", brokenCase.getFileName(),
                expectedLine).isTrue();
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        String substring = m.group(3).toLowerCase(Locale.ROOT);

        PolicyFileException e = catchThrowableOfType(PolicyFileException.class,
                () -> PolicyFileReader.read(PATH, policyBytes(brokenCase)));
        assertThat(e).as("%s must be refused", brokenCase.getFileName()).isNotNull();
        assertThat(e.problems()).as("problems of %s%s", brokenCase.getFileName(), note)
                .allSatisfy(p -> assertThat(p.path()).isEqualTo(PATH))
                .anySatisfy(p -> {
                    assertThat(p.line() + ":" + p.column()).isEqualTo(line + ":" + column);
                    assertThat(p.message().toLowerCase(Locale.ROOT)).contains(substring);
                });
    }

    /** The case's {@code lbguard.yml}, or its {@code lbguard.yml.base64} decoded (bytes git would not keep as text). */
    private static byte[] policyBytes(Path brokenCase) throws IOException {
        Path plain = brokenCase.resolve(PolicyFile.DEFAULT_PATH);
        if (Files.exists(plain)) {
            return Files.readAllBytes(plain);
        }
        return Base64.getMimeDecoder().decode(Files.readString(brokenCase.resolve(PolicyFile.DEFAULT_PATH + ".base64"))
                .strip());
    }

    /**
     * The repository's {@code fixtures}: {@code -Dlbguard.fixtures} as the build sets it, else the first
     * {@code fixtures} directory from the working directory up, so the test also runs from an IDE.
     */
    private static Path fixtures() {
        String configured = System.getProperty("lbguard.fixtures");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("fixtures"))) {
                return dir.resolve("fixtures");
            }
        }
        throw new IllegalStateException("no fixtures directory above " + Path.of("").toAbsolutePath());
    }

    private static Invariant invariant(String name, String listener, Request request, Expectation expect,
                                       Severity severity) {
        return new Invariant(name, listener, request, expect, severity, SourceRef.of("test", 1, 1));
    }

    private static PolicyFile read(String yaml) throws PolicyFileException {
        return PolicyFileReader.read(PATH, yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The problems of a file that must be refused, each as {@code line:column: message}. */
    private static List<String> problems(String yaml) {
        PolicyFileException e = catchThrowableOfType(PolicyFileException.class, () -> read(yaml));
        assertThat(e).as("refused:\n%s", yaml).isNotNull();
        return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
    }
}
