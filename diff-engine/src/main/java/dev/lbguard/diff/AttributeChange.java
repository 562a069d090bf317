package dev.lbguard.diff;

import java.util.Objects;

/**
 * One attribute that differs, e.g. {@code priority} from {@code 10} to {@code 5}. Values are JSON literals
 * ({@code 10}, {@code "api"}, {@code ["a","b"]}, {@code null} when absent) so every report can print them typed.
 */
public record AttributeChange(String path, String beforeJson, String afterJson) {
    public AttributeChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(beforeJson, "beforeJson");
        Objects.requireNonNull(afterJson, "afterJson");
    }
}
