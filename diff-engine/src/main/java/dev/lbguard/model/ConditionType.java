package dev.lbguard.model;

import java.util.Optional;

/** The ALB rule condition types, in the order they are listed and sorted. */
public enum ConditionType {
    HOST_HEADER("host-header"),
    PATH_PATTERN("path-pattern"),
    HTTP_HEADER("http-header"),
    HTTP_REQUEST_METHOD("http-request-method"),
    QUERY_STRING("query-string"),
    SOURCE_IP("source-ip");

    private final String label;

    ConditionType(String label) {
        this.label = label;
    }

    /** The AWS field name, e.g. {@code host-header}. */
    public String label() {
        return label;
    }

    /** Accepts the AWS field name or the Terraform block name ({@code host-header} or {@code host_header}). */
    public static Optional<ConditionType> fromLabel(String name) {
        String n = name.replace('_', '-');
        for (ConditionType t : values()) {
            if (t.label.equalsIgnoreCase(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
