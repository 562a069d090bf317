package dev.lbguard.source;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.haproxy.HaproxySource;
import dev.lbguard.source.terraform.RootModuleFinder;
import dev.lbguard.source.terraform.TerraformInputs;
import dev.lbguard.source.terraform.TerraformSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration roots of a tree, whatever defines them: Terraform root modules and directories of HAProxy
 * configs. Finds them, tells which kind a directory is, and reads them into one snapshot.
 */
public final class Configurations {
    /** What defines the load balancers of a root. */
    public enum Kind { TERRAFORM, HAPROXY }

    private static final Pattern HAPROXY_SECTION = Pattern.compile("(?m)^\\s*(frontend|listen|backend)\\s+\\S");

    private Configurations() {
    }

    /** Every root of the tree: Terraform root modules with load-balancer resources, then HAProxy config dirs. */
    public static List<String> find(SourceTree tree) {
        TreeSet<String> roots = new TreeSet<>(RootModuleFinder.find(tree));
        findHaproxy(tree, "", roots);
        return List.copyOf(roots);
    }

    private static void findHaproxy(SourceTree tree, String dir, TreeSet<String> out) {
        if (kindOf(tree, dir).filter(k -> k == Kind.HAPROXY).isPresent()) {
            out.add(dir);
        }
        for (String sub : tree.directories(dir)) {
            if (!sub.startsWith(".")) {
                findHaproxy(tree, SourceTree.join(dir, sub), out);
            }
        }
    }

    /** Terraform when the directory holds {@code .tf} files, HAProxy when it holds an HAProxy config. */
    public static Optional<Kind> kindOf(SourceTree tree, String dir) {
        List<String> files = tree.files(dir);
        if (files.stream().anyMatch(f -> f.endsWith(".tf"))) {
            return Optional.of(Kind.TERRAFORM);
        }
        for (String f : files) {
            if (f.endsWith(".cfg") && isHaproxyConfig(tree, SourceTree.join(dir, f))) {
                return Optional.of(Kind.HAPROXY);
            }
        }
        return Optional.empty();
    }

    private static boolean isHaproxyConfig(SourceTree tree, String path) {
        try {
            return HAPROXY_SECTION.matcher(new String(tree.read(path), StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the roots into one snapshot; a directory that is no known kind is an error diagnostic. */
    public static RoutingSnapshot read(SourceTree tree, List<String> dirs, TerraformInputs inputs,
                                       SnapshotOrigin origin) {
        List<RoutingSnapshot> parts = new ArrayList<>();
        List<String> terraform = new ArrayList<>();
        for (String dir : dirs) {
            Optional<Kind> kind = kindOf(tree, dir);
            if (kind.isEmpty()) {
                parts.add(RoutingSnapshot.of(origin, List.of(), List.of(), List.of(Diagnostic.error("no-configuration",
                        "no Terraform files and no HAProxy config in " + (dir.isEmpty() ? "." : dir)
                                + "; give --dir a Terraform root module or a directory with haproxy.cfg",
                        new SourceRef(dir.isEmpty() ? "." : dir, 0, 0, tree.revision())))));
            } else if (kind.get() == Kind.TERRAFORM) {
                terraform.add(dir);
            } else {
                parts.add(new HaproxySource().read(tree, dir, origin));
            }
        }
        if (!terraform.isEmpty()) {
            parts.add(new TerraformSource().read(tree, terraform, inputs, origin));
        }
        return SnapshotMerger.merge(origin, parts);
    }
}
