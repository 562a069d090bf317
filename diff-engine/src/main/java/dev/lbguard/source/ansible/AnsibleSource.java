package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.SourceTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routing snapshot of an Ansible tree: its playbooks run (on paper) against its inventory, and the
 * load-balancer tasks they leave turned into the model. Reading never throws for bad input: malformed
 * YAML, unknown modules and values only known at run time become diagnostics and an incomplete snapshot.
 */
public final class AnsibleSource {
    private static final List<String> INVENTORIES = List.of("inventory", "inventory.ini", "inventory.yml",
            "inventory.yaml", "hosts", "hosts.ini", "hosts.yml", "hosts.yaml", "inventory/hosts",
            "inventory/hosts.ini", "inventory/hosts.yml", "inventory/hosts.yaml");
    private static final Pattern CFG_INVENTORY = Pattern.compile("(?m)^\\s*inventory\\s*=\\s*(\\S+)");

    /**
     * True when {@code dir} of {@code tree} looks like an Ansible tree: a playbook (a YAML file at the top
     * whose first item has {@code hosts} or {@code import_playbook}), an {@code ansible.cfg}, or a
     * {@code roles/} directory whose roles have {@code tasks/}.
     */
    public static boolean isAnsibleTree(SourceTree tree, String dir) {
        if (tree.isFile(SourceTree.join(dir, "ansible.cfg"))) {
            return true;
        }
        String roles = SourceTree.join(dir, "roles");
        if (tree.directories(roles).stream().anyMatch(r -> tree.isDirectory(roles + "/" + r + "/tasks"))) {
            return true;
        }
        return !playbooks(tree, dir, new ArrayList<>()).isEmpty();
    }

    /** Reads the tree's playbooks at {@code dir} with {@code options}. */
    public RoutingSnapshot read(SourceTree tree, String dir, AnsibleOptions options, SnapshotOrigin origin) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        AnsibleFiles files = new AnsibleFiles(tree, diagnostics);
        Jinja jinja = new Jinja();
        Inventory inventory = inventory(files, dir);
        AwsModules aws = new AwsModules(diagnostics);
        HaproxyTasks haproxy = new HaproxyTasks(files, diagnostics);
        PlayWalker.Sink sink = new PlayWalker.Sink() {
            @Override
            public boolean wants(String module, Y.Map rawArgs, SourceRef at) {
                if (AwsModules.handles(module) || haproxy.wants(module, rawArgs)) {
                    return true;
                }
                if (namesLoadBalancer(module)) {
                    diagnostics.add(Diagnostic.error("ansible-unsupported-lb-module", "module " + module
                            + " manages a load balancer, but lbguard does not read it; its routing is missing", at));
                }
                return false;
            }

            @Override
            public void task(TaskCall call) {
                if (AwsModules.handles(call.module())) {
                    aws.apply(call);
                } else {
                    haproxy.apply(call);
                }
            }
        };
        List<String> books = new ArrayList<>();
        if (options.playbook().isPresent()) {
            books.add(AnsibleFiles.normalise(SourceTree.join(dir, options.playbook().get())));
        } else {
            books.addAll(playbooks(tree, dir, diagnostics));
            if (books.isEmpty() && diagnostics.isEmpty()) {
                diagnostics.add(Diagnostic.error("ansible-no-playbook", "no playbook found in "
                        + (dir.isEmpty() ? "the tree's root" : dir) + "; give --playbook", SourceRef.file(dir)));
            }
        }
        Plays plays = new Plays(files, inventory, options, dir, jinja);
        for (String book : books) {
            plays.run(book, sink);
        }
        List<LoadBalancer> lbs = new ArrayList<>();
        List<TargetGroup> tgs = new ArrayList<>();
        aws.build(lbs, tgs);
        haproxy.build(lbs, tgs, origin);
        // The same included file run twice reports its problem twice; once is enough.
        return RoutingSnapshot.of(origin, lbs, tgs, new ArrayList<>(new LinkedHashSet<>(diagnostics)));
    }

    /** Modules not read here that still manage load balancing, so leaving them out would hide routing. */
    static boolean namesLoadBalancer(String module) {
        String name = TaskCall.shortName(module).toLowerCase(Locale.ROOT);
        if (name.endsWith("_info") || name.endsWith("_facts")) {
            return false;
        }
        for (String word : name.split("_")) {
            if (List.of("elb", "lb", "alb", "nlb", "elbv2", "haproxy", "loadbalancer", "bigip", "nginx", "traefik",
                    "envoy").contains(word)) {
                return true;
            }
        }
        return name.contains("load_balancer") || name.contains("loadbalancer");
    }

    /**
     * The playbooks at the top of the tree or, when there are none, in its {@code playbooks/} directory (a common
     * layout: a public tree kept them there, and lbguard called it incomplete for want of one).
     */
    private static List<String> playbooks(SourceTree tree, String dir, List<Diagnostic> diagnostics) {
        List<String> out = playbooksIn(tree, dir, diagnostics);
        String nested = SourceTree.join(dir, "playbooks");
        return out.isEmpty() && tree.isDirectory(nested) ? playbooksIn(tree, nested, diagnostics) : out;
    }

    private static List<String> playbooksIn(SourceTree tree, String dir, List<Diagnostic> diagnostics) {
        List<String> out = new ArrayList<>();
        for (String f : tree.files(dir)) {
            if (!(f.endsWith(".yml") || f.endsWith(".yaml")) || f.startsWith(".")) {
                continue;
            }
            String path = SourceTree.join(dir, f);
            try {
                Y y = YamlReader.read(tree.read(path));
                if (y instanceof Y.List l && !l.items().isEmpty() && (Y.field(l.items().get(0), "hosts").isPresent()
                        || Y.field(l.items().get(0), "import_playbook").isPresent()
                        || Y.field(l.items().get(0), "include").isPresent())) {
                    out.add(path);
                }
            } catch (YamlReader.YamlException e) {
                // A malformed file at the top may well be a playbook: report it rather than skip it silently.
                diagnostics.add(Diagnostic.error("ansible-yaml-syntax", "malformed YAML: " + e.getMessage(),
                        new SourceRef(path, e.line, e.column, tree.revision())));
            } catch (java.io.IOException e) {
                diagnostics.add(Diagnostic.error("ansible-unreadable-file", "cannot read " + path, SourceRef.file(path)));
            }
        }
        return out;
    }

    private static Inventory inventory(AnsibleFiles files, String dir) {
        List<String> candidates = new ArrayList<>();
        files.text(SourceTree.join(dir, "ansible.cfg")).ifPresent(cfg -> {
            Matcher m = CFG_INVENTORY.matcher(cfg);
            if (m.find()) {
                candidates.add(AnsibleFiles.normalise(SourceTree.join(dir, m.group(1).split(",")[0])));
            }
        });
        INVENTORIES.forEach(c -> candidates.add(SourceTree.join(dir, c)));
        Optional<String> found = files.firstFile(candidates);
        if (found.isEmpty()) {
            Inventory inv = Inventory.empty();
            inv.dir = dir;
            return inv;
        }
        String path = found.get();
        byte[] bytes = files.text(path).orElse("").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean yaml = path.endsWith(".yml") || path.endsWith(".yaml");
        if (yaml) {
            return files.yaml(path, SourceRef.file(path))
                    .map(y -> Inventory.yaml(path, y, files.tree.revision(), files.diagnostics))
                    .orElseGet(Inventory::empty);
        }
        return Inventory.ini(path, bytes, files.tree.revision());
    }
}
