package dev.lbguard.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The limits that keep a hostile or runaway input from hanging a run or exhausting its memory, where a real
 * configuration could in principle need more: each is an error at its line naming the flag that raises it
 * ({@code --limit NAME=N}). The limits no configuration can need (a file over 50 MB, a number of 10,000 digits, a
 * format width over Go's own limit) are fixed.
 *
 * @param instances the most instances one Terraform resource or module call expands to ({@code count}/{@code for_each})
 * @param yamlValues the most values an Ansible YAML file expands to once its aliases are resolved
 * @param jinjaRange the most items a Jinja {@code range()} builds
 */
public record Limits(long instances, long yamlValues, long jinjaRange) {
    public static final Limits DEFAULT = new Limits(10_000, 1_000_000, 100_000);

    /** A limit by the name {@code --limit} takes. */
    public enum Name {
        INSTANCES, YAML_VALUES, JINJA_RANGE;

        /** The name as {@code --limit} takes it: {@code instances}, {@code yaml-values}, {@code jinja-range}. */
        public String flagName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The hint a message gives: how to raise this limit. */
        public String raise() {
            return "raise it with --limit " + flagName() + "=N";
        }

        public static String names() {
            return Arrays.stream(values()).map(Name::flagName).collect(Collectors.joining(", "));
        }
    }

    public Limits {
        if (instances < 1 || yamlValues < 1 || jinjaRange < 1) {
            throw new IllegalArgumentException("limits are positive: " + instances + ", " + yamlValues + ", "
                    + jinjaRange);
        }
    }

    /**
     * These limits with {@code NAME=N} applied, as {@code --limit} gives it.
     *
     * @throws IllegalArgumentException with a message for the user when the name or number is not one
     */
    public Limits with(String assignment) {
        int eq = assignment.indexOf('=');
        String name = eq < 0 ? assignment : assignment.substring(0, eq).strip();
        Name which = Arrays.stream(Name.values()).filter(n -> n.flagName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--limit " + assignment + ": no limit is called '"
                        + name + "'; the limits are " + Name.names() + " (NAME=N)"));
        long n;
        try {
            n = eq < 0 ? -1 : Long.parseLong(assignment.substring(eq + 1).strip().replace("_", ""));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw new IllegalArgumentException("--limit " + assignment + ": give a whole number above 0, e.g. --limit "
                    + which.flagName() + "=" + of(which) * 10);
        }
        return switch (which) {
            case INSTANCES -> new Limits(n, yamlValues, jinjaRange);
            case YAML_VALUES -> new Limits(instances, n, jinjaRange);
            case JINJA_RANGE -> new Limits(instances, yamlValues, n);
        };
    }

    /** The value of one limit. */
    public long of(Name name) {
        return switch (name) {
            case INSTANCES -> instances;
            case YAML_VALUES -> yamlValues;
            case JINJA_RANGE -> jinjaRange;
        };
    }
}
