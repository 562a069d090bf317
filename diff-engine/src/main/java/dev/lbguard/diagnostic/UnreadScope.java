package dev.lbguard.diagnostic;

import java.util.Objects;

/**
 * A part of a configuration that one revision could not read as a whole: the elements whose address lies under a
 * module call that could not be read ({@code module.alb}, {@code module.svc["a"].module.rules}), or those declared
 * in a file or directory that could not be read. In that revision they are unknown, not absent.
 */
public record UnreadScope(Kind kind, String prefix) {
    public enum Kind {
        /** Element addresses: the prefix itself, or the prefix followed by {@code .} or {@code [}. */
        ADDRESS,
        /** Source paths: the file itself, or files below the directory. */
        PATH
    }

    public UnreadScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prefix, "prefix");
    }

    public static UnreadScope address(String prefix) {
        return new UnreadScope(Kind.ADDRESS, prefix);
    }

    public static UnreadScope path(String prefix) {
        return new UnreadScope(Kind.PATH, prefix);
    }

    /** Whether an element with this address, declared at this path, lies in the scope. */
    public boolean covers(String address, String path) {
        return switch (kind) {
            case ADDRESS -> under(address, prefix, '.') || address.startsWith(prefix + "[");
            case PATH -> prefix.isEmpty() || under(path, prefix, '/');
        };
    }

    private static boolean under(String s, String prefix, char separator) {
        return s.equals(prefix) || s.startsWith(prefix + separator);
    }
}
