package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parsing is total: any input string ends in a tree or an {@link HclSyntaxException}, never a hang or a crash. */
class HclParserProperties {

    private static final String SAMPLE = load();

    /** HCL's own punctuation and keywords, so that random strings reach deep into the grammar. */
    private static final List<String> PIECES = List.of("{", "}", "[", "]", "(", ")", "\"", "${", "%{", "~}", "}",
            "<<EOT\n", "<<-EOT\n", "EOT\n", "\n", " ", "=", "==", "=>", ":", "?", ",", ".", "...", "*", "[*]", ".*",
            "!", "-", "+", "&&", "||", "#", "//", "/*", "*/", "\\", "\\u", "$${", "%%{", "a", "b", "for", "in", "if",
            "endif", "else", "endfor", "1", "0.5", "1e3", "true", "null", "x = ", "b \"l\" {", "\r\n", "\t", "é");

    private static String load() {
        try {
            return TerraformAlbFileTest.sample();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Parses within a time limit; the only exception allowed through is HclSyntaxException. */
    private static void parsesOrFailsCleanly(String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                HclParser.parse("fuzz.tf", text);
            } catch (HclSyntaxException e) {
                assertThat(e.line()).isPositive();
                assertThat(e.column()).isPositive();
                assertThat(e.detail()).isNotBlank();
            }
            try {
                HclParser.parseExpression("fuzz", text);
            } catch (HclSyntaxException e) {
                assertThat(e.line()).isPositive();
            }
        });
    }

    @Property(tries = 500)
    void arbitraryStrings(@ForAll String text) {
        parsesOrFailsCleanly(text);
    }

    @Property(tries = 1000)
    void stringsOfHclPieces(@ForAll("hclPieces") String text) {
        parsesOrFailsCleanly(text);
    }

    @Property(tries = 500)
    void mutationsOfAValidFile(@ForAll("mutations") String text) {
        parsesOrFailsCleanly(text);
    }

    @Provide
    Arbitrary<String> hclPieces() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    /** Deletes a span of the sample, then inserts a piece of HCL or a random string somewhere. */
    @Provide
    Arbitrary<String> mutations() {
        int n = SAMPLE.length();
        Arbitrary<Integer> at = Arbitraries.integers().between(0, n);
        Arbitrary<Integer> length = Arbitraries.integers().between(0, 40);
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().ofMaxLength(5));
        return Combinators.combine(at, length, at, insert).as((from, len, where, text) -> {
            String deleted = SAMPLE.substring(0, from) + SAMPLE.substring(Math.min(n, from + len));
            int i = Math.min(where, deleted.length());
            return deleted.substring(0, i) + text + deleted.substring(i);
        });
    }

    @Property(tries = 50)
    void theSampleParsesWithAnyLineEndingStyle(@ForAll boolean crlf) throws Exception {
        String text = crlf ? SAMPLE.replace("\n", "\r\n") : SAMPLE;
        assertThat(HclParser.parse("alb.tf", text).body().blocks()).hasSize(11);
    }
}
