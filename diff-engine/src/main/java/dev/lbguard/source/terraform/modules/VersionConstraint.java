package dev.lbguard.source.terraform.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider version constraint as Terraform reads it ({@code "~> 2.70, != 2.71.0"}): comma-separated selections,
 * all of which a version must meet, with Terraform's operators {@code =} (or none), {@code !=}, {@code >},
 * {@code >=}, {@code <}, {@code <=} and {@code ~>}. Missing version parts are zero ({@code >= 3} is {@code >= 3.0.0});
 * {@code ~> X} and {@code ~> X.Y} allow any later minor release of X, {@code ~> X.Y.Z} any later patch of X.Y.
 * Terraform installs only releases unless a selection names a pre-release exactly, so the sets here are of releases
 * (and such a pre-release counts as its release's version).
 */
public final class VersionConstraint {
    private static final Pattern SELECTION = Pattern.compile(
            "\\s*(=|!=|>=|<=|>|<|~>)?\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?\\s*");

    /** One released version; a constraint's sets are of these, in their natural order. */
    public record Version(long major, long minor, long patch) implements Comparable<Version> {
        public static Version of(long major, long minor, long patch) {
            return new Version(major, minor, patch);
        }

        /** The next release after this one: nothing lies between (only pre-releases, which are not installed). */
        Version next() {
            return new Version(major, minor, patch + 1);
        }

        @Override
        public int compareTo(Version o) {
            int c = Long.compare(major, o.major);
            c = c != 0 ? c : Long.compare(minor, o.minor);
            return c != 0 ? c : Long.compare(patch, o.patch);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    /** The releases from {@code low} (included) to {@code high} (excluded; empty: no upper bound), but {@code not}. */
    private record Range(Version low, Optional<Version> high, List<Version> not) {
    }

    private final String text;
    private final Range range;

    private VersionConstraint(String text, Range range) {
        this.text = text;
        this.range = range;
    }

    /** No constraint: every release. */
    public static VersionConstraint any() {
        return new VersionConstraint("", new Range(Version.of(0, 0, 0), Optional.empty(), List.of()));
    }

    /** Reads a constraint; an invalid one is refused with what Terraform would say of it. */
    public static VersionConstraint parse(String text) {
        VersionConstraint c = any();
        for (String part : text.split(",", -1)) {
            Matcher m = SELECTION.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid version constraint \"" + text.strip() + "\": \""
                        + part.strip() + "\" is not an operator and a version such as \">= 3.0\"");
            }
            c = c.and(new VersionConstraint(part.strip(), selection(m)));
        }
        return new VersionConstraint(text.strip(), c.range);
    }

    private static Range selection(Matcher m) {
        String op = m.group(1) == null ? "=" : m.group(1);
        long major = Long.parseLong(m.group(2));
        long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        long patch = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
        Version v = Version.of(major, minor, patch);
        boolean prerelease = m.group(5) != null;
        Version zero = Version.of(0, 0, 0);
        // A pre-release of v lies just below v: the releases beyond it start at v, those below it end before v.
        return switch (op) {
            case "=" -> new Range(v, Optional.of(v.next()), List.of());
            case "!=" -> new Range(zero, Optional.empty(), prerelease ? List.of() : List.of(v));
            case ">" -> new Range(prerelease ? v : v.next(), Optional.empty(), List.of());
            case ">=" -> new Range(v, Optional.empty(), List.of());
            case "<" -> new Range(zero, Optional.of(v), List.of());
            case "<=" -> new Range(zero, Optional.of(prerelease ? v : v.next()), List.of());
            default -> new Range(v, Optional.of(m.group(4) == null ? Version.of(major + 1, 0, 0)
                    : Version.of(major, minor + 1, 0)), List.of());
        };
    }

    /** The versions both constraints admit, as a version must meet every constraint of every module. */
    public VersionConstraint and(VersionConstraint other) {
        Version low = range.low.compareTo(other.range.low) >= 0 ? range.low : other.range.low;
        Optional<Version> high = range.high.isEmpty() ? other.range.high : other.range.high.isEmpty() ? range.high
                : Optional.of(range.high.get().compareTo(other.range.high.get()) <= 0 ? range.high.get()
                : other.range.high.get());
        List<Version> not = new ArrayList<>(range.not);
        not.addAll(other.range.not);
        String joined = text.isEmpty() ? other.text : other.text.isEmpty() ? text : text + ", " + other.text;
        return new VersionConstraint(joined, new Range(low, high, List.copyOf(not)));
    }

    /** Whether {@code v} meets the constraint. */
    public boolean admits(Version v) {
        return v.compareTo(range.low) >= 0 && range.high.map(h -> v.compareTo(h) < 0).orElse(true)
                && !range.not.contains(v);
    }

    /**
     * Whether some release before {@code bound} meets the constraint. The first release at or after the lower bound
     * that no {@code !=} excludes is the least one admitted (a finite number of exclusions are stepped over one patch
     * release at a time); the answer is whether it comes before both the upper bound and {@code bound}.
     */
    public boolean admitsSomeVersionBefore(Version bound) {
        Version least = range.low;
        while (range.not.contains(least)) {
            least = least.next();
        }
        return least.compareTo(bound) < 0 && (range.high.isEmpty() || range.high.get().compareTo(least) > 0);
    }

    /** Whether some release meets the constraint at all: Terraform fails to install a provider otherwise. */
    public boolean admitsSomeVersion() {
        return admitsSomeVersionBefore(Version.of(Long.MAX_VALUE, 0, 0));
    }

    /** The constraint as written (selections joined with {@code ", "}); empty for {@link #any()}. */
    @Override
    public String toString() {
        return text;
    }
}
