package dev.lbguard.source.terraform.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a module source is spelled: the forms terraform records in {@code modules.json} (the registry's shorthand
 * with its host, GitHub and Bitbucket shorthands as git URLs), and a git remote as host/path, so that a call, an
 * installed copy, a {@code --module-dir} copy and this repository's remote can be recognised as one.
 */
public final class ModuleSources {
    // namespace/name/provider, optionally //subdir: the public registry's shorthand, which terraform records
    // under its host name.
    private static final Pattern REGISTRY = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9][A-Za-z0-9_-]*/"
            + "[a-z0-9]+)(//.*)?");
    private static final Pattern GITHUB = Pattern.compile("(github\\.com|bitbucket\\.org)/([^/?]+)/([^/?]+?)"
            + "(\\.git)?((//[^?]*)?)(\\?.*)?");

    private ModuleSources() {
    }

    /**
     * A source address as terraform records it in {@code modules.json}: the public registry's shorthand with its
     * host, GitHub and Bitbucket shorthands as the git URLs they stand for.
     */
    static String normalize(String source) {
        String s = source.strip();
        if (REGISTRY.matcher(s).matches()) {
            return "registry.terraform.io/" + s;
        }
        Matcher gh = GITHUB.matcher(s);
        if (gh.matches()) {
            return "git::https://" + gh.group(1) + "/" + gh.group(2) + "/" + gh.group(3) + ".git" + gh.group(5)
                    + (gh.group(7) == null ? "" : gh.group(7));
        }
        return s;
    }


    /**
     * Whether {@code source} is a bare relative path ({@code modules/alb}): Terraform 0.11 read it as a directory
     * beside the calling module, and Terraform 0.12 and later refuse it ("use ./modules/alb"). Not a relative path
     * with its prefix, an absolute one, a URL or a forced getter ({@code git::}), a registry address (three parts,
     * four with a host), or a name starting with a host ({@code github.com/...}, {@code bucket.s3.amazonaws.com/...}).
     */
    public static boolean bareRelativePath(String source) {
        String s = source.strip();
        if (s.isEmpty() || s.startsWith("./") || s.startsWith("../") || s.startsWith("/") || s.contains("::")
                || s.contains("://") || s.contains("@") || s.contains("?")) {
            return false;
        }
        String path = s.contains("//") ? s.substring(0, s.indexOf("//")) : s;
        String[] parts = path.split("/");
        return !parts[0].contains(".") && !parts[0].contains(":") && !REGISTRY.matcher(s).matches()
                && !(parts.length == 4 && REGISTRY.matcher(path.substring(path.indexOf('/') + 1)).matches());
    }

    /** A source with its address normalized and its query ({@code ?ref=}, {@code ?version=}) kept. */
    static String canonical(String source) {
        String s = source.strip();
        s = s.startsWith("tfr:///") ? s.substring("tfr:///".length()) : s;
        int q = s.indexOf('?');
        return q < 0 ? normalize(s) : normalize(s.substring(0, q)) + s.substring(q);
    }


    static String withoutRef(String source) {
        int q = source.indexOf('?');
        return q < 0 ? source : source.substring(0, q);
    }


    /** A git remote URL as lower-case host/path: scheme, user, {@code .git} and SCP-style colons set aside. */
    static String canonicalUrl(String url) {
        String u = url.strip();
        if (u.startsWith("git::")) {
            u = u.substring(5);
        }
        Matcher scp = Pattern.compile("^(?:[^@/:]+@)?([^:/]+):(?!//)(.+)$").matcher(u);
        if (!u.contains("://") && scp.matches()) {
            u = scp.group(1) + "/" + scp.group(2);
        } else {
            u = u.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("^[^@/]+@", "");
        }
        u = u.replaceAll("/+$", "");
        if (u.endsWith(".git")) {
            u = u.substring(0, u.length() - 4);
        }
        // GitHub, GitLab and Bitbucket take owner and repository names in any case.
        return u.toLowerCase(java.util.Locale.ROOT);
    }

}
