package dev.lbguard.cli.architecture.violations.a;

/** A deliberate violation for {@code CliArchitectureTest}: prints, and is in a cycle with {@code b}. */
public final class Printer {
    public static void print() {
        System.out.println(new dev.lbguard.cli.architecture.violations.b.Cycle());
    }
}
