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

    @Test
    void anAliasBombIsAnErrorAtTheAliasThatCrossesTheLimit() {
        StringBuilder doc = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            doc.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlReader.read(doc.toString()
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(YamlReader.YamlException.class, e -> {
                    assertThat(e.getMessage()).contains("alias bomb").contains("1000000");
                    // a0..a5 expand to about 660,000 values, a6 alone to 5.4 million: the error is on its line.
                    assertThat(e.line).isEqualTo(7);
                });
    }

    @Test
    void sharedSettingsUnderTheLimitStillRead() throws Exception {
        Y y = YamlReader.read(("base: &base {port: 80, protocol: HTTP}\n"
                + "listeners: [*base, *base, {<<: *base, port: 443}]\n").getBytes(StandardCharsets.UTF_8));
        assertThat(Y.items(((Y.Map) y).entries().get("listeners"))).hasSize(3);
        assertThat(Y.toJava(y).toString()).contains("port=443");
    }
}
