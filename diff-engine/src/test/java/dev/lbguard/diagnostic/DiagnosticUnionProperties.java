package dev.lbguard.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Diagnostic#union} is the order-keeping union reports listed by scanning a list (quadratic in its size). */
class DiagnosticUnionProperties {

    @Property(tries = 300)
    void aUnionKeepsTheFirstListAsItIsAndAddsEachNewDiagnosticOnceInOrder(
            @ForAll("diagnostics") List<Diagnostic> first, @ForAll("diagnostics") List<Diagnostic> more) {
        List<Diagnostic> scanned = new ArrayList<>(first);
        for (Diagnostic d : more) {
            if (!scanned.contains(d)) {
                scanned.add(d);
            }
        }
        assertThat(Diagnostic.union(first, more)).isEqualTo(scanned);
    }

    @Provide
    Arbitrary<List<Diagnostic>> diagnostics() {
        // A small pool, so that lists share diagnostics and repeat them.
        Arbitrary<Diagnostic> one = Arbitraries.integers().between(0, 7).map(i -> (i % 2 == 0
                ? Diagnostic.error("e" + i % 3, "m", new SourceRef("f.tf", i, 1, "r"))
                : Diagnostic.warning("w" + i % 3, "m", new SourceRef("f.tf", i, 1, "r"))));
        return one.list().ofMaxSize(12);
    }
}
