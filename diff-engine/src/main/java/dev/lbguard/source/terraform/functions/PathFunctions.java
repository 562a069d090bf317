package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;

/**
 * {@code basename}, {@code dirname} and {@code pathexpand}: string functions on paths, with Go's
 * {@code path/filepath} rules on a Unix machine (where Terraform runs in CI). On Windows Terraform also splits at
 * {@code \} and keeps drive letters; lbguard does not.
 */
public final class PathFunctions {
    private PathFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("basename", 1, 1, args -> new Value.Str(base(Convert.string(args.get(0), "path"))));
        r.strict("dirname", 1, 1, args -> new Value.Str(dir(Convert.string(args.get(0), "path"))));
        r.strict("pathexpand", 1, 1, args -> {
            String path = Convert.string(args.get(0), "path");
            if (path.isEmpty() || path.charAt(0) != '~') {
                return new Value.Str(path);
            }
            if (path.length() > 1 && path.charAt(1) != '/' && path.charAt(1) != '\\') {
                throw new EvalException("cannot expand user-specific home dir");
            }
            return Value.Unknown.unevaluable("pathexpand(\"" + path + "\") depends on the home directory of the"
                    + " machine that runs terraform");
        });
    }

    /** Go's {@code filepath.Base}: the last element, trailing slashes ignored; {@code "."} for "". */
    static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = path.substring(0, end);
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.isEmpty() ? "/" : last;
    }

    /** Go's {@code filepath.Dir}: everything before the last slash, cleaned. */
    static String dir(String path) {
        return clean(path.substring(0, path.lastIndexOf('/') + 1));
    }

    /** Go's {@code filepath.Clean}: no repeated slashes, no {@code .}, {@code ..} resolved where it can be. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder();
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }
}
