package dev.lbguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which values reports hide: secrets, and the literal runs of a secret pattern; never the common words. */
class SecretsTest {

    @Test
    void aSecretIsKeptButShortStringsAndTheVocabularyAreNot() {
        Secrets.Collector c = new Secrets.Collector();
        c.add("S3CR3T-origin");
        c.add("abcde");
        c.add("FORWARD");
        c.add("complete");
        assertThat(c.secrets().longestFirst()).containsExactly("S3CR3T-origin");
    }

    @Test
    void aSecretPatternHidesEachLiteralRunAsExamplesFillTheWildcardsIn() {
        assertThat(Secrets.of("AlphaSecret*OmegaTail?Z").longestFirst())
                .containsExactly("AlphaSecret*OmegaTail?Z", "AlphaSecret", "OmegaTail");
    }

    @Test
    void eachReadingCollectsItsOwnAndASnapshotCarriesThemThroughEveryRebuild() {
        Secrets.Collector one = new Secrets.Collector();
        one.add("first-secret");
        Secrets.Collector other = new Secrets.Collector();
        assertThat(other.secrets().isEmpty()).isTrue();
        SnapshotOrigin origin = SnapshotOrigin.other("test");
        RoutingSnapshot s = new RoutingSnapshot(origin, List.of(), List.of(), List.of()).withSecrets(one.secrets());
        assertThat(s.secrets().values()).containsExactly("first-secret");
        assertThat(Normalise.snapshot(s).secrets()).isEqualTo(s.secrets());
        assertThat(new RoutingSnapshot(origin, List.of(), List.of(), List.of()).secrets()).isEqualTo(Secrets.NONE);
        assertThat(Secrets.of(List.of(s, s.withSecrets(Secrets.of("second-secret")))).longestFirst())
                .containsExactly("second-secret", "first-secret");
    }
}
