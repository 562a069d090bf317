package dev.lbguard.source;

/**
 * The limits on input that a real configuration could in principle exceed, each raised by {@code --limit NAME=N}
 * and named with that flag in the error it gives. The other guards against hostile or runaway input (a file over
 * 50 MB, a number of 10,000 digits, a format width over Go's own limit, a YAML file whose aliases expand to a
 * million values, a Jinja {@code range()} of 100,000 items) are fixed: no configuration needs more, and each message
 * says what to write instead.
 *
 * @param instances the most instances one Terraform resource or module call expands to ({@code count}/{@code for_each})
 */
public record Limits(long instances) {
    public static final Limits DEFAULT = new Limits(10_000);
    public static final String INSTANCES = "instances";

    public Limits {
        if (instances < 1) {
            throw new IllegalArgumentException("a limit is above 0: " + instances);
        }
    }

    /** The hint an error gives when this limit stops a run. */
    public static String raise(String name) {
        return "raise it with --limit " + name + "=N";
    }

    /**
     * These limits with {@code NAME=N} applied, as {@code --limit} gives it.
     *
     * @throws IllegalArgumentException with a message for the user when the name or the number is not one
     */
    public Limits with(String assignment) {
        int eq = assignment.indexOf('=');
        String name = (eq < 0 ? assignment : assignment.substring(0, eq)).strip();
        if (!name.equals(INSTANCES)) {
            throw new IllegalArgumentException("--limit " + assignment + ": no limit is called '" + name
                    + "'; the one that can be raised is " + INSTANCES + " (the instances of one resource or module "
                    + "call), e.g. --limit " + INSTANCES + "=50000");
        }
        long n;
        try {
            n = Long.parseLong(assignment.substring(eq + 1).strip().replace("_", ""));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            n = -1;
        }
        if (eq < 0 || n < 1) {
            throw new IllegalArgumentException("--limit " + assignment + ": give a whole number above 0, e.g. --limit "
                    + INSTANCES + "=50000");
        }
        return new Limits(n);
    }
}
