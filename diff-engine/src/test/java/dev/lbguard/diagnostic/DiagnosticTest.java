package dev.lbguard.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticTest {
    @Test
    void rendersPathLineLevelMessageAndCode() {
        Diagnostic d = Diagnostic.error("hcl-syntax", "expected \"}\"", SourceRef.of("infra/lb.tf", 12, 3));
        assertThat(d.render()).isEqualTo("infra/lb.tf:12:3: error: expected \"}\" [hcl-syntax]");
        assertThat(d.isError()).isTrue();
    }

    @Test
    void leavesOutUnknownPositions() {
        assertThat(SourceRef.file("main.tf").toString()).isEqualTo("main.tf");
        assertThat(SourceRef.of("main.tf", 4, 0).toString()).isEqualTo("main.tf:4");
    }
}
