package dev.lbguard.source.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** YAML as Ansible reads it, for what the fuzz campaign of issue 20 found. */
class YamlReaderTest {
    @Test
    void aVaultValueIsUnknownNeverItsCiphertext() throws Exception {
        Y y = YamlReader.read("""
                shop_domain: !vault |
                  $ANSIBLE_VAULT;1.1;AES256
                  62313365396662343061393464336163383764373764613633653634306231386433626436623361
                plain: shop.example.com
                """.getBytes(StandardCharsets.UTF_8));
        Y.Map map = (Y.Map) y;
        assertThat(map.entries().get("shop_domain")).isInstanceOfSatisfying(Y.Unknown.class, u -> {
            assertThat(u.reason()).contains("Ansible Vault");
            assertThat(u.line()).isEqualTo(1);
        });
        assertThat(map.entries().get("plain")).isEqualTo(new Y.Scalar("shop.example.com", 4));
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorAtTheirLineNotAReplacementCharacter() {
        byte[] bytes = "a: 1\nhost: shop\u00e9.example.com\n".getBytes(StandardCharsets.ISO_8859_1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlReader.read(bytes))
                .isInstanceOfSatisfying(YamlReader.YamlException.class, e -> {
                    assertThat(e.getMessage()).contains("not valid UTF-8");
                    assertThat(e.line).isEqualTo(2);
                });
    }
}
