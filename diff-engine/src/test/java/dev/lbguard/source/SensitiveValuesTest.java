package dev.lbguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which values reports hide: secrets, and the literal runs of a secret pattern; never the common words. */
class SensitiveValuesTest {
    // The set is one per run; other tests in this JVM evaluated sensitive variables before.
    @BeforeEach
    @AfterEach
    void forget() {
        SensitiveValues.clear();
    }

    @Test
    void aSecretIsKeptButShortStringsAndTheVocabularyAreNot() {
        SensitiveValues.add("S3CR3T-origin");
        SensitiveValues.add("abcde");
        SensitiveValues.add("FORWARD");
        SensitiveValues.add("complete");
        assertThat(SensitiveValues.all()).containsExactly("S3CR3T-origin");
    }

    @Test
    void aSecretPatternHidesEachLiteralRunAsExamplesFillTheWildcardsIn() {
        SensitiveValues.add("AlphaSecret*OmegaTail?Z");
        assertThat(SensitiveValues.all()).containsExactly("AlphaSecret*OmegaTail?Z", "AlphaSecret", "OmegaTail");
    }
}
