package dev.lbguard.diff;

import java.util.Objects;

/**
 * One attribute that differs, e.g. {@code priority} from {@code 10} to {@code 5}; {@link AttributeValue#ABSENT}
 * on the side that does not set it. Reports write the values, typed, as their format wants.
 */
public record AttributeChange(String path, AttributeValue before, AttributeValue after) {
    public AttributeChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
