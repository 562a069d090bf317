package dev.lbguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.model.Secrets;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void everyValueBeneathASecretNameIsHiddenAtAnyDepthAndTheOriginalIsLeftAlone() throws Exception {
        String text = """
                {"name":"web","client_secret":"s3cr3t","rules":[{"auth":{"token":42,"password":null,
                 "access_key":{"id":"AKIA"},"tokens_used":"x"}}],"secret_key":["a"]}""";
        JsonNode original = Json.MAPPER.readTree(text);
        JsonNode redacted = Redaction.redact(original, Secrets.NONE);
        assertThat(redacted.get("name").asText()).isEqualTo("web");
        assertThat(redacted.get("client_secret").asText()).isEqualTo(Redaction.HIDDEN);
        JsonNode auth = redacted.get("rules").get(0).get("auth");
        assertThat(auth.get("token").asText()).isEqualTo(Redaction.HIDDEN);
        assertThat(auth.get("password").isNull()).isTrue();
        assertThat(auth.get("access_key").get("id").asText()).isEqualTo(Redaction.HIDDEN);
        assertThat(auth.get("tokens_used").asText()).isEqualTo("x");
        assertThat(redacted.get("secret_key").get(0).asText()).isEqualTo(Redaction.HIDDEN);
        assertThat(original).isEqualTo(Json.MAPPER.readTree(text));
        assertThat(Json.MAPPER.writeValueAsString(redacted)).doesNotContain("s3cr3t", "AKIA", "42");
    }

    @Test
    void theSecretsPassedInAreHiddenWhereverTheyStandAndNoOthers() throws Exception {
        Secrets secrets = Secrets.of("S3cr3t-Origin\"x", "*.Hidden-Host.example");
        String text = "header x-origin = s3cr3t-origin\"x; json \"S3cr3t-Origin\\\"x\"; host a.hidden-host.example";
        assertThat(Redaction.text(text, secrets)).doesNotContainIgnoringCase("s3cr3t-origin")
                .doesNotContainIgnoringCase("hidden-host.example").contains(Redaction.HIDDEN);
        assertThat(Redaction.text(text, Secrets.NONE)).isEqualTo(text);
        assertThat(Redaction.holdsSensitive(text, secrets)).isTrue();
        assertThat(Redaction.holdsSensitive(text, Secrets.NONE)).isFalse();
        JsonNode doc = Json.MAPPER.readTree("""
                {"condition": "S3cr3t-Origin\\"x", "tokenEndpoint": "https://idp", "n": 1}""");
        JsonNode hidden = Redaction.hideSensitive(doc, secrets);
        assertThat(hidden.get("condition").asText()).isEqualTo(Redaction.HIDDEN);
        assertThat(hidden.get("tokenEndpoint").asText()).isEqualTo("https://idp");
        assertThat(Redaction.redact(doc, secrets).toString()).doesNotContain("S3cr3t");
        assertThat(Redaction.redact(doc, Secrets.NONE).get("condition").asText()).isEqualTo("S3cr3t-Origin\"x");
    }
}
