package dev.lbguard.source.hcl;

/** {@code name = expression}. */
public record Attribute(String name, Expression expression, Range nameRange, Range range) implements Node {
}
