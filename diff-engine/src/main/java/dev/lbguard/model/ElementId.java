package dev.lbguard.model;

import java.util.Objects;

/**
 * The stable, provider-neutral identity of a model element, such as the Terraform address
 * {@code module.edge.aws_lb_listener_rule.api["checkout"]}, an Ansible task path or an AWS name.
 */
public record ElementId(String value) implements Comparable<ElementId> {
    public ElementId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty element id");
        }
    }

    public static ElementId of(String value) {
        return new ElementId(value);
    }

    @Override
    public int compareTo(ElementId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
