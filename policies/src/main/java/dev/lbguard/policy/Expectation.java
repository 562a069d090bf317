package dev.lbguard.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * What an invariant expects of the request it names: exactly one of the four forms of {@code expect}.
 *
 * @param value a target group (its name, or its Terraform address or ARN), a redirect URL pattern ({@code *} any
 *              run of characters, {@code ?} one), or a status code
 */
public record Expectation(Kind kind, String value) {
    /** The keys of {@code expect}, as the file spells them. */
    public enum Kind {
        FORWARD, NOT_FORWARD, REDIRECT, FIXED_RESPONSE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Expectation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** E.g. {@code forward shop-checkout}, {@code not_forward legacy}, {@code fixed_response 404}. */
    public String describe() {
        return kind.key() + " " + value;
    }
}
