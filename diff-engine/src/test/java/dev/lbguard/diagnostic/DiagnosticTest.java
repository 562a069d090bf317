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

    @Test
    void fileNamesAndMessagesCannotDriveTheTerminalOrForgeALine() {
        SourceRef at = new SourceRef("stacks/\u001b]8;;http://x\u0007evil\nmain.tf:1:1: error: fake", 3, 1, "");
        Diagnostic d = Diagnostic.error("hcl-syntax", "cannot read \u001b[31mred\u009b\r", at);
        String line = d.render();
        assertThat(line).doesNotContain("\u001b", "\u0007", "\n", "\r", "\u009b");
        assertThat(line).startsWith("stacks/\\x1b]8;;http://x\\x07evil\\nmain.tf:1:1: error: fake:3:1: error: ")
                .contains("cannot read \\x1b[31mred\\x9b\\r");
        assertThat(Printable.escape("plain/main.tf")).isSameAs("plain/main.tf");
    }
}
