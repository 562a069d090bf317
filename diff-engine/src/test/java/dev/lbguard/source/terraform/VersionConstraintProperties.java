package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.terraform.modules.VersionConstraint;
import dev.lbguard.source.terraform.modules.VersionConstraint.Version;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link VersionConstraint} against a reference written from Terraform's rules selection by selection, over every
 * release of a small grid: a constraint admits exactly the releases that meet all its selections, and admits some
 * release before a bound exactly when one in the grid does. The grid is large enough to hold the least release any
 * generated constraint admits (boundaries go to 4, and at most four exclusions step past one).
 */
class VersionConstraintProperties {
    private static final int GRID = 9;

    /** One selection: operator, and the version parts written (1 to 3 of them). */
    record Selection(String op, List<Integer> parts) {
        String text() {
            return op + " " + String.join(".", parts.stream().map(String::valueOf).toList());
        }

        private Version boundary() {
            return Version.of(parts.get(0), parts.size() > 1 ? parts.get(1) : 0, parts.size() > 2 ? parts.get(2) : 0);
        }

        /** Terraform's meaning, read off its documentation and go-versions, independently of the class tested. */
        boolean meets(Version v) {
            Version b = boundary();
            int c = v.compareTo(b);
            return switch (op) {
                case "=" -> c == 0;
                case "!=" -> c != 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> c >= 0 && (parts.size() == 3
                        ? v.major() == b.major() && v.minor() == b.minor()
                        : v.major() == b.major());
            };
        }
    }

    @Provide
    Arbitrary<List<Selection>> constraints() {
        Arbitrary<Selection> selection = Combinators.combine(
                Arbitraries.of("=", "!=", ">", ">=", "<", "<=", "~>"),
                Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(3))
                .as(Selection::new);
        return selection.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Version> versions() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 5)).as((a, b, c) -> Version.of(a, b, c));
    }

    @Property
    void admitsExactlyTheReleasesThatMeetEverySelection(@ForAll("constraints") List<Selection> selections) {
        VersionConstraint c = VersionConstraint.parse(String.join(", ", selections.stream().map(Selection::text)
                .toList()));
        for (Version v : grid()) {
            assertThat(c.admits(v)).as("%s admits %s", c, v)
                    .isEqualTo(selections.stream().allMatch(s -> s.meets(v)));
        }
    }

    @Property
    void admitsSomeVersionBeforeABoundExactlyWhenOneInTheGridIs(@ForAll("constraints") List<Selection> selections,
                                                                 @ForAll("versions") Version bound) {
        VersionConstraint c = VersionConstraint.parse(String.join(",", selections.stream().map(Selection::text)
                .toList()));
        boolean reference = grid().stream().anyMatch(v -> v.compareTo(bound) < 0
                && selections.stream().allMatch(s -> s.meets(v)));
        assertThat(c.admitsSomeVersionBefore(bound)).as("%s before %s", c, bound).isEqualTo(reference);
    }

    private static List<Version> grid() {
        List<Version> out = new ArrayList<>();
        for (int major = 0; major < GRID; major++) {
            for (int minor = 0; minor < GRID; minor++) {
                for (int patch = 0; patch < GRID; patch++) {
                    out.add(Version.of(major, minor, patch));
                }
            }
        }
        return out;
    }
}
