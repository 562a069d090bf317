package dev.lbguard.source.dispatch;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.source.SnapshotMerger;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.ansible.AnsibleOptions;
import dev.lbguard.source.ansible.AnsibleSource;
import dev.lbguard.source.haproxy.HaproxySource;
import dev.lbguard.source.terraform.RootModuleFinder;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.Reuse;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration roots of a tree, whatever defines them: Terraform root modules, Ansible trees and
 * directories of HAProxy configs. Finds them, tells which kind a directory is, and reads them into one snapshot.
 */
public final class Configurations {
    /** What defines the load balancers of a root. */
    public enum Kind { TERRAFORM, ANSIBLE, HAPROXY }

    /** What the user gave for each kind of source: Terraform variables, Ansible group and extra vars. */
    public record Inputs(TerraformInputs terraform, AnsibleOptions ansible) {
        public static Inputs none() {
            return new Inputs(TerraformInputs.none(), AnsibleOptions.defaults());
        }
    }

    private static final Pattern HAPROXY_SECTION = Pattern.compile("(?m)^\\s*(frontend|listen|backend)\\s+\\S");

    private Configurations() {
    }

    /** Every root of the tree: Terraform root modules with load-balancer resources, Ansible trees, HAProxy dirs. */
    public static List<String> find(SourceTree tree) {
        TreeSet<String> roots = new TreeSet<>(RootModuleFinder.find(tree));
        findOthers(tree, "", roots);
        return List.copyOf(roots);
    }

    /** The roots of the tree that are not Terraform root modules: Ansible trees and HAProxy dirs. */
    public static List<String> others(SourceTree tree) {
        TreeSet<String> roots = new TreeSet<>();
        findOthers(tree, "", roots);
        return List.copyOf(roots);
    }

    /**
     * Whether a changed file may make a directory an Ansible tree or an HAProxy dir, or stop it being one: what
     * {@link #kindOf} looks at is an {@code ansible.cfg}, playbooks, roles' tasks and {@code .cfg} files.
     */
    public static boolean mayChangeKind(String path) {
        return path.endsWith(".cfg") || path.endsWith(".yml") || path.endsWith(".yaml")
                || path.startsWith("roles/") || path.contains("/roles/");
    }

    private static void findOthers(SourceTree tree, String dir, TreeSet<String> out) {
        Optional<Kind> kind = kindOf(tree, dir);
        if (kind.isPresent() && kind.get() != Kind.TERRAFORM) {
            out.add(dir);
            if (kind.get() == Kind.ANSIBLE) {
                return; // its templates and roles belong to it
            }
        }
        for (String sub : tree.directories(dir)) {
            if (!sub.startsWith(".")) {
                findOthers(tree, SourceTree.join(dir, sub), out);
            }
        }
    }

    /** What a --dir that holds no configuration at {@code where} (two revisions, a window's ends) is told. */
    public static String noConfigurationAt(String dir, String where) {
        return "--dir " + (dir.isEmpty() ? "." : dir) + " holds no Terraform files, Ansible playbook or HAProxy config "
                + "at " + where;
    }

    /**
     * True when {@code dir} holds no configuration and nothing that looks like one lbguard no longer recognises
     * (an HAProxy config under another name, YAML of an Ansible tree): a --dir at a revision before its root was
     * created or after it was deleted, read as no load balancers there. Anything else stays an error.
     */
    public static boolean holdsNoConfiguration(SourceTree tree, String dir) {
        return kindOf(tree, dir).isEmpty() && tree.files(dir).stream().noneMatch(f -> f.endsWith(".cfg")
                || f.endsWith(".conf") || f.endsWith(".yml") || f.endsWith(".yaml") || f.endsWith(".hcl"));
    }

    /**
     * Terraform when the directory holds {@code .tf} or {@code .tf.json} files or a Terragrunt unit's
     * {@code terragrunt.hcl}, else Ansible when it is an Ansible tree (an
     * {@code ansible.cfg}, roles, or a playbook), else HAProxy when it holds an HAProxy config.
     */
    public static Optional<Kind> kindOf(SourceTree tree, String dir) {
        List<String> files = tree.files(dir);
        if (files.stream().anyMatch(f -> f.endsWith(".tf") || f.endsWith(".tf.json"))
                || files.contains(dev.lbguard.source.terraform.terragrunt.TerragruntUnits.CONFIG)) {
            return Optional.of(Kind.TERRAFORM);
        }
        if (AnsibleSource.isAnsibleTree(tree, dir)) {
            return Optional.of(Kind.ANSIBLE);
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
    public static RoutingSnapshot read(SourceTree tree, List<String> dirs, Inputs inputs, SnapshotOrigin origin) {
        return read(tree, dirs, inputs, origin, Optional.empty());
    }

    /** {@link #read}, Terraform root modules taking over what {@code reuse} kept of their previous evaluation. */
    public static RoutingSnapshot read(SourceTree tree, List<String> dirs, Inputs inputs, SnapshotOrigin origin,
                                       Optional<Reuse.Roots> reuse) {
        return SnapshotMerger.merge(origin, readRoots(tree, dirs, inputs, origin, reuse));
    }

    /**
     * {@link #read}, each root's snapshot apart (directory to snapshot, in the order given), for a comparison that
     * names roots apart by both of its sides (see {@link dev.lbguard.source.RootNames}).
     */
    public static Map<String, RoutingSnapshot> readRoots(SourceTree tree, List<String> dirs, Inputs inputs,
                                                         SnapshotOrigin origin, Optional<Reuse.Roots> reuse) {
        Map<String, RoutingSnapshot> parts = new LinkedHashMap<>();
        List<String> terraform = new ArrayList<>();
        for (String dir : dirs) {
            Optional<Kind> kind = kindOf(tree, dir);
            if (kind.isEmpty()) {
                parts.put(dir, RoutingSnapshot.of(origin, List.of(), List.of(), List.of(Diagnostic.error("no-configuration",
                        "no Terraform files, Ansible playbook or HAProxy config in " + (dir.isEmpty() ? "." : dir)
                                + "; give --dir a Terraform root module, an Ansible tree or a directory with haproxy.cfg",
                        new SourceRef(dir.isEmpty() ? "." : dir, 0, 0, tree.revision())))));
            } else if (kind.get() == Kind.TERRAFORM) {
                terraform.add(dir);
            } else if (kind.get() == Kind.ANSIBLE) {
                parts.put(dir, new AnsibleSource().read(tree, dir, inputs.ansible(), origin));
            } else {
                parts.put(dir, new HaproxySource().read(tree, dir, origin));
            }
        }
        if (!terraform.isEmpty()) {
            parts.putAll(new TerraformSource().readRoots(tree, terraform, inputs.terraform(), origin, reuse));
        }
        return parts;
    }
}
