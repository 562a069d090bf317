package dev.lbguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void everyValueBeneathASecretNameIsHiddenAtAnyDepthAndTheOriginalIsLeftAlone() throws Exception {
        String text = """
                {"name":"web","client_secret":"s3cr3t","rules":[{"auth":{"token":42,"password":null,
                 "access_key":{"id":"AKIA"},"tokens_used":"x"}}],"secret_key":["a"]}""";
        JsonNode original = Json.MAPPER.readTree(text);
        JsonNode redacted = Redaction.redact(original);
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
}
