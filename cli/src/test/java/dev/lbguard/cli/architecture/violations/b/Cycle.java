package dev.lbguard.cli.architecture.violations.b;

/** A deliberate violation for {@code CliArchitectureTest}: depends back on {@code a}. */
public final class Cycle {
    public static final String NAME = "cycle";

    void back() {
        dev.lbguard.cli.architecture.violations.a.Printer.print();
    }
}
