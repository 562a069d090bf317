package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.policy.Expectation;
import dev.lbguard.policy.Invariant;
import dev.lbguard.policy.PolicyFile;
import dev.lbguard.policy.Severity;
import dev.lbguard.policy.file.PolicyFileException;
import dev.lbguard.policy.file.PolicyFileReader;
import dev.lbguard.policy.file.PolicyFileWriter;
import dev.lbguard.route.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/schema/lbguard-policy-v1.schema.json}, the schema editors and CI use to check {@code lbguard.yml}
 * before lbguard runs: a valid draft 2020-12 schema that accepts what the reader accepts and rejects what a schema
 * can see of what the reader refuses. Each YAML file is read with Jackson's YAMLMapper into a tree and validated with
 * networknt's validator, as an editor's YAML language server would.
 *
 * <p>Where the two knowingly differ, the schema is the looser: JSON Schema's {@code integer} includes {@code 1.0},
 * so {@code version: 1.0} and {@code fixed_response: 404.0} pass the schema though the reader wants the digits
 * written; and what only the reader checks is listed in {@link #NOT_SCHEMA_DETECTABLE}.
 */
class PolicySchemaTest {
    private static final Path FIXTURES = fixtures();
    private static final Path SCHEMA = FIXTURES.resolveSibling("docs/schema/lbguard-policy-v1.schema.json");
    private static final Path BROKEN = FIXTURES.resolve("broken-policy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Where the schema reports each broken case it can see: instance location and a word of the message. */
    private static final Map<String, List<String>> SCHEMA_DETECTABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("unknown-top-level-key", List.of("$", "invariant")),
            Map.entry("unknown-expect-key", List.of("$.invariants[0].expect", "forwrd")),
            Map.entry("expect-two-kinds", List.of("$.invariants[0].expect", "at most 1")),
            Map.entry("missing-version", List.of("$", "version")),
            Map.entry("version-2", List.of("$.version", "constant")),
            Map.entry("version-quoted", List.of("$.version", "integer expected")),
            Map.entry("listener-without-port", List.of("$.invariants[0].listener", "pattern")),
            Map.entry("request-missing-host", List.of("$.invariants[0].request", "host")),
            Map.entry("fixed-response-not-status", List.of("$.invariants[0].expect.fixed_response", "599")),
            Map.entry("severity-typo", List.of("$.invariants[0].severity", "enumeration")),
            Map.entry("waiver-without-expires", List.of("$.waivers[0]", "expires")),
            Map.entry("bad-rule-id", List.of("$.rules", "LBG10")),
            Map.entry("rule-without-setting", List.of("$.rules.LBG013", "at least 1")),
            Map.entry("enabled-quoted", List.of("$.rules.LBG013.enabled", "boolean expected")),
            Map.entry("empty-file", List.of("$", "object expected"))));

    /** The broken cases only lbguard itself finds, and why a schema cannot. */
    private static final Map<String, String> NOT_SCHEMA_DETECTABLE = new TreeMap<>(Map.of(
            "duplicate-invariant-name", "uniqueItems compares whole items; no keyword makes one property unique",
            "bad-source-ip", "the schema checks that source_ip is text; whether it is one address is the reader's "
                    + "(format ipv4/ipv6 is an annotation in draft 2020-12, and would refuse zones the reader takes)",
            "waiver-bad-date", "'format: date' is an annotation in draft 2020-12, which networknt does not assert by "
                    + "default; the pattern checks YYYY-MM-DD only, not that month 13 does not exist",
            "duplicate-key", "a tree holds one value per key: the YAML parser keeps the last before a schema sees it",
            "anchor-and-alias", "a schema sees the values, not how the YAML wrote them",
            "unclosed-flow-mapping", "malformed YAML: there is no tree to validate",
            "not-utf8", "not text: there is no tree to validate"));

    private static JsonSchema schema;

    @Test
    void schemaIsValidDraft202012AndLoads() throws IOException {
        JsonNode node = JSON.readTree(SCHEMA.toFile());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(node)).as("meta-schema violations of %s", SCHEMA).isEmpty();
        assertThat(node.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema().validate(JSON.readTree("{\"version\": 1}"))).isEmpty();
    }

    /** A user reads the descriptions in an editor's hover: every key of the format has one. */
    @Test
    void everyKeyTellsWhatToWrite() throws IOException {
        JsonNode root = JSON.readTree(SCHEMA.toFile());
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(root, root, "", undescribed);
        assertThat(undescribed).as("properties without a description (own or of their $ref)").isEmpty();
        assertThat(root.path("description").asText()).isNotBlank();
    }

    @TestFactory
    Stream<DynamicTest> acceptsEveryPolicyInFixtures() throws IOException {
        List<Path> policies;
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            policies = files.filter(p -> p.getFileName().toString().equals(PolicyFile.DEFAULT_PATH))
                    .filter(p -> !p.startsWith(BROKEN)).sorted().toList();
        }
        if (policies.isEmpty()) {
            return Stream.of(dynamicTest("no lbguard.yml under fixtures", () -> Assumptions.abort(
                    "no lbguard.yml under fixtures/ outside broken-policy yet; validExampleIsAccepted covers the "
                            + "format")));
        }
        return policies.stream().map(p -> dynamicTest(FIXTURES.relativize(p).toString(),
                () -> assertAcceptedByBoth(Files.readAllBytes(p), FIXTURES.relativize(p).toString())));
    }

    static Stream<Arguments> validExamples() {
        return Stream.of(
                Arguments.of("the smallest policy", "version: 1\n"),
                Arguments.of("every field of the format", """
                        version: 1
                        fail_on: high
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
                            request: {host: shop.example.com, path: /legacy}
                            expect: {not_forward: shop-legacy}
                          - name: http goes to https
                            listener: 198.51.100.7:80
                            request: {host: shop.example.com}
                            expect: {redirect: "https://shop.example.com/*"}
                            severity: low
                          - name: unknown pages get 404
                            listener: shop-edge-prod:443
                            request: {host: shop.example.com, path: /no/such/page}
                            expect: {fixed_response: 404}
                        waivers:
                          - rule: LBG002
                            element: aws_lb_listener_rule.campaign
                            reason: "winter campaign, approved in #1234"
                            expires: 2027-01-31
                        rules:
                          LBG010: {severity: low}
                          LBG013: {enabled: false}
                          LBG004:
                            severity: info
                            enabled: true
                        """),
                Arguments.of("empty and null lists and mappings", """
                        version: 1
                        fail_on: never
                        invariants:
                        waivers: []
                        rules: {}
                        """),
                Arguments.of("numbers and booleans where text is expected", """
                        version: 1
                        fail_on: none
                        invariants:
                          - name: 404
                            listener: lb:443
                            request: {host: 1, path: 2, method: 3, headers: {X-Canary: 1, X-Flags: [true, 2.5]},
                                      query: {page: 2, debug: [true]}}
                            expect: {forward: 1234}
                        waivers:
                          - {rule: LBG002, element: 42, reason: 1234, expires: 2027-01-31}
                        """),
                Arguments.of("what PolicyFileWriter writes", PolicyFileWriter.write(List.of(
                        new Invariant("checkout reaches checkout", "shop-edge-prod:443",
                                Request.of("shop.example.com", "/checkout").withMethod("POST")
                                        .withHeader("X-Canary", "1").withQuery("tag", "a").withQuery("tag", "b")
                                        .withSourceIp("2001:db8::7"),
                                Expectation.forwardTo("shop-checkout"), Severity.CRITICAL,
                                SourceRef.of("test", 1, 1)),
                        new Invariant("maintenance", "shop-edge-prod:443", Request.of("shop.example.com", "/"),
                                Expectation.of(Expectation.Kind.FIXED_RESPONSE, "503"), Severity.HIGH,
                                SourceRef.of("test", 1, 1)),
                        new Invariant("old cart", "shop-edge-prod:80", Request.of("shop.example.com", "/cart"),
                                Expectation.of(Expectation.Kind.REDIRECT, "https://*/cart"), Severity.LOW,
                                SourceRef.of("test", 1, 1))), List.of("a header"), List.of("a note"))),
                Arguments.of("what PolicyFileWriter writes without invariants",
                        PolicyFileWriter.write(List.of(), List.of(), List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExampleIsAccepted(String what, String yaml) throws IOException {
        assertAcceptedByBoth(yaml.getBytes(StandardCharsets.UTF_8), what);
    }

    @TestFactory
    Stream<DynamicTest> rejectsTheBrokenPoliciesASchemaCanSee() throws IOException {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(BROKEN)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        Set<String> names = new TreeSet<>(cases.stream().map(c -> c.getFileName().toString()).toList());
        Set<String> listed = new TreeSet<>(SCHEMA_DETECTABLE.keySet());
        listed.addAll(NOT_SCHEMA_DETECTABLE.keySet());
        assertThat(SCHEMA_DETECTABLE.keySet()).as("a case is detectable or not, never both")
                .doesNotContainAnyElementsOf(NOT_SCHEMA_DETECTABLE.keySet());
        assertThat(listed).as("every case of %s is listed as schema-detectable or not, with the reason", BROKEN)
                .isEqualTo(names);
        return cases.stream().map(c -> {
            String name = c.getFileName().toString();
            return dynamicTest(name, () -> {
                String reason = NOT_SCHEMA_DETECTABLE.get(name);
                Assumptions.assumeTrue(reason == null, () -> "not schema-detectable: " + reason);
                List<String> expected = SCHEMA_DETECTABLE.get(name);
                Set<ValidationMessage> errors = schema().validate(tree(policyBytes(c)));
                assertThat(errors).as("schema errors of %s", name).anySatisfy(e -> {
                    assertThat(e.getInstanceLocation().toString()).isEqualTo(expected.get(0));
                    assertThat(e.getMessage()).containsIgnoringCase(expected.get(1));
                });
            });
        });
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(
                // Accepted by both: the reader takes a scalar's text.
                Arguments.of(invariant("{host: h, headers: {X-Canary: 1}}", "{forward: x}"), true),
                Arguments.of(invariant("{host: h, headers: {X-Flags: [true, 2]}, query: {n: [1, 2]}}",
                        "{forward: x}"), true),
                Arguments.of(invariant("{host: h, path: checkout, headers: ~, query: ~}", "{forward: 1234}"), true),
                Arguments.of(invariant("{host: h}", "{fixed_response: \"503\"}"), true),
                Arguments.of(invariant("{host: h, source_ip: \"2001:db8::1\"}", "{not_forward: x}"), true),
                Arguments.of("version: 1\nrules: {LBG013: {enabled: no}}\n", true),
                Arguments.of("version: 1\ninvariants: ~\nwaivers: ~\nrules: ~\n", true),
                // Refused by both.
                Arguments.of("version: 1\nfail_on: HIGH\n", false),
                Arguments.of("version: 1\nfail_on: ~\n", false),
                Arguments.of("version: 1\nrules: {LBG010: {severity: High}}\n", false),
                Arguments.of("version: 1\nrules: {LBG010: ~}\n", false),
                Arguments.of("version: 1\nrules: {LBG010: {enabled: true, note: x}}\n", false),
                Arguments.of("version: 1\ninvariants: [a]\n", false),
                Arguments.of("version: 1\ninvariants: {a: 1}\n", false),
                Arguments.of(invariant("{host: h}", "{fixed_response: 600}"), false),
                Arguments.of(invariant("{host: h}", "{fixed_response: 99}"), false),
                Arguments.of(invariant("{host: h}", "{forward: \"\"}"), false),
                Arguments.of(invariant("{host: h}", "{}"), false),
                Arguments.of(invariant("{host: h}", "{forward: [a, b]}"), false),
                Arguments.of(invariant("{host: \"\"}", "{forward: x}"), false),
                Arguments.of(invariant("{host: \"shop example\"}", "{forward: x}"), false),
                Arguments.of(invariant("{host: h, path: \"/a b\"}", "{forward: x}"), false),
                Arguments.of(invariant("{host: h, method: \"GE T\"}", "{forward: x}"), false),
                Arguments.of(invariant("{host: h, headers: {X-A: ~}}", "{forward: x}"), false),
                Arguments.of(invariant("{host: h, headers: {\"X A\": \"1\"}}", "{forward: x}"), false),
                Arguments.of(invariant("{host: h, headers: {X-A: {b: 1}}}", "{forward: x}"), false),
                Arguments.of(invariant("{host: h, source_ip: 1}", "{forward: x}"), false),
                Arguments.of(invariant("h", "{forward: x}"), false),
                Arguments.of("version: 1\ninvariants: [{name: a, listener: 443, request: {host: h}, "
                        + "expect: {forward: x}}]\n", false),
                Arguments.of("version: 1\nwaivers: [{rule: LBG002, element: x, reason: \"  \", "
                        + "expires: 2027-01-31}]\n", false),
                Arguments.of("version: 1\nwaivers: [{rule: lbg002, element: x, reason: r, expires: 2027-01-31}]\n",
                        false),
                Arguments.of("version: 1\nwaivers: [{rule: LBG002, element: x, reason: r, expires: 20270131}]\n",
                        false),
                Arguments.of("version: 1\nwaivers: [{rule: LBG002, element: x, reason: r, expires: 2027-1-31}]\n",
                        false),
                Arguments.of("- version: 1\n", false));
    }

    /** The schema is honest about what the reader takes: on these edge cases the two agree. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("edgeCases")
    void schemaAndReaderAgree(String yaml, boolean valid) throws IOException {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        assertThat(schema().validate(tree(bytes))).as("schema errors").matches(e -> e.isEmpty() == valid,
                valid ? "none" : "some");
        boolean readable;
        try {
            PolicyFileReader.read(PolicyFile.DEFAULT_PATH, bytes);
            readable = true;
        } catch (PolicyFileException e) {
            readable = false;
        }
        assertThat(readable).as("the reader accepts it").isEqualTo(valid);
    }

    private static String invariant(String request, String expect) {
        return "version: 1\ninvariants: [{name: a, listener: \"lb:443\", request: " + request + ", expect: " + expect
                + "}]\n";
    }

    private static void assertAcceptedByBoth(byte[] yaml, String what) throws IOException {
        assertThat(schema().validate(tree(yaml))).as("schema errors of %s", what).isEmpty();
        try {
            PolicyFileReader.read(PolicyFile.DEFAULT_PATH, yaml);
        } catch (PolicyFileException e) {
            fail("the reader refuses " + what + ", which the schema accepts:\n" + e.getMessage());
        }
    }

    /** The YAML as the tree a schema validates; an empty document is YAML's null. */
    private static JsonNode tree(byte[] yaml) throws IOException {
        JsonNode node = YAML.readTree(yaml);
        return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
    }

    private static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(JSON.readTree(SCHEMA.toFile()));
        }
        return schema;
    }

    private static void collectUndescribed(JsonNode root, JsonNode node, String at, List<String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndescribed(root, node.get(i), at + "/" + i, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals("properties")) {
                field.getValue().properties().forEach(p -> {
                    JsonNode ref = p.getValue().path("$ref");
                    JsonNode target = ref.isTextual() ? root.at(ref.asText().substring(1)) : p.getValue();
                    if (!p.getValue().has("description") && !target.has("description")) {
                        out.add(at + "/properties/" + p.getKey());
                    }
                });
            }
            collectUndescribed(root, field.getValue(), at + "/" + field.getKey(), out);
        }
    }

    private static byte[] policyBytes(Path brokenCase) throws IOException {
        Path plain = brokenCase.resolve(PolicyFile.DEFAULT_PATH);
        if (Files.exists(plain)) {
            return Files.readAllBytes(plain);
        }
        return Base64.getMimeDecoder().decode(Files.readString(brokenCase.resolve(PolicyFile.DEFAULT_PATH + ".base64"))
                .strip());
    }

    private static Path fixtures() {
        return Golden.FIXTURES;
    }
}
