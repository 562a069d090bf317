package dev.lbguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON and SARIF list each problem once by what they print of it, revisions aside, and lose none that differ. */
class JsonOnceTest {

    @Test
    void theSameProblemAtTwoRevisionsIsListedOnce() {
        Diagnostic base = Diagnostic.error("hcl-syntax", "unexpected }", new SourceRef("a.tf", 1, 1, "base"));
        Diagnostic head = Diagnostic.error("hcl-syntax", "unexpected }", new SourceRef("a.tf", 1, 1, "head"));
        assertThat(Json.once(List.of(base, head))).containsExactly(base);
    }

    @Test
    void problemsThatTheTextReportWouldEscapeAlikeStayApart() {
        // A newline in one file's name and a backslash followed by n in the other's: the text report's line shows
        // both as a\nb.tf, JSON shows them apart.
        Diagnostic newline = Diagnostic.error("hcl-syntax", "unexpected }", new SourceRef("a\nb.tf", 1, 1, "r"));
        Diagnostic backslash = Diagnostic.error("hcl-syntax", "unexpected }", new SourceRef("a\\nb.tf", 1, 1, "r"));
        assertThat(newline.render()).isEqualTo(backslash.render());
        assertThat(Json.once(List.of(newline, backslash))).containsExactly(newline, backslash);
        Diagnostic tab = Diagnostic.warning("tf-eval", "value \"a\tb\"", new SourceRef("a.tf", 2, 1, "r"));
        Diagnostic escaped = Diagnostic.warning("tf-eval", "value \"a\\tb\"", new SourceRef("a.tf", 2, 1, "r"));
        assertThat(Json.once(List.of(tab, escaped))).containsExactly(tab, escaped);
    }
}
