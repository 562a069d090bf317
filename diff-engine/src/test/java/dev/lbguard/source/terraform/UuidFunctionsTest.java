package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.call;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.value.Value;
import org.junit.jupiter.api.Test;

class UuidFunctionsTest {

    @Test
    void documentedExamples() throws Exception {
        assertThat(call("uuidv5", s("dns"), s("www.terraform.io"))).isEqualTo(s("a5008fae-b28c-5ba5-96cd-82b4c53552d6"));
        assertThat(call("uuidv5", s("url"), s("https://www.terraform.io/")))
                .isEqualTo(s("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"));
        assertThat(call("uuidv5", s("oid"), s("1.3.6.1.4"))).isEqualTo(s("af9d40a5-7a36-5c07-b23a-851cd99fbfa5"));
        assertThat(call("uuidv5", s("x500"), s("CN=Example,C=GB")))
                .isEqualTo(s("84e09961-4aa4-57f8-95b7-03edb1073253"));
        assertThat(call("uuidv5", s("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), s("www.terraform.io")))
                .isEqualTo(s("a5008fae-b28c-5ba5-96cd-82b4c53552d6"));
    }

    @Test
    void namespacesInEveryFormGoogleUuidParses() throws Exception {
        Value dns = call("uuidv5", s("dns"), s("x"));
        assertThat(call("uuidv5", s("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"), s("x"))).isEqualTo(dns);
        assertThat(call("uuidv5", s("(6ba7b810-9dad-11d1-80b4-00c04fd430c8]"), s("x"))).isEqualTo(dns);
        assertThat(call("uuidv5", s("URN:UUID:6ba7b810-9dad-11d1-80b4-00c04fd430c8"), s("x"))).isEqualTo(dns);
        assertThat(call("uuidv5", s("6BA7B8109DAD11D180B400C04FD430C8"), s("x"))).isEqualTo(dns);
    }

    @Test
    void badNamespaces() {
        assertThatThrownBy(() -> call("uuidv5", s("foo"), s("x"))).hasMessage("Call to function \"uuidv5\" failed:"
                + " uuidv5() doesn't support namespace foo (invalid UUID length: 3)");
        assertThatThrownBy(() -> call("uuidv5", s("DNS"), s("x"))).hasMessageContaining("invalid UUID length: 3");
        assertThatThrownBy(() -> call("uuidv5", s("6ba7b810x9dad-11d1-80b4-00c04fd430c8"), s("x")))
                .hasMessageContaining("(invalid UUID format)");
        assertThatThrownBy(() -> call("uuidv5", s("xrn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"), s("x")))
                .hasMessageContaining("(invalid urn prefix: \"xrn:uuid:\")");
    }

    @Test
    void unknownNameIsUnknown() throws Exception {
        assertThat(call("uuidv5", s("dns"), ref("aws_lb.x", "dns_name"))).isEqualTo(ref("aws_lb.x", "dns_name"));
    }
}
