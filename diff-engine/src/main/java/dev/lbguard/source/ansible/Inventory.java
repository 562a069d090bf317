package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Ansible inventory (INI or YAML): groups, their hosts, children and inline variables. lbguard uses it to
 * know which groups a play's hosts (or the chosen {@code --ansible-group}) belong to, and so which
 * {@code group_vars} apply.
 */
final class Inventory {
    final Map<String, Set<String>> hosts = new LinkedHashMap<>();
    final Map<String, Set<String>> children = new LinkedHashMap<>();
    final Map<String, Map<String, VarScope.VarDef>> groupVars = new LinkedHashMap<>();
    final Map<String, Map<String, VarScope.VarDef>> hostVars = new LinkedHashMap<>();
    /** The directory holding the inventory, where its own group_vars and host_vars live. */
    String dir = "";

    static Inventory empty() {
        Inventory inv = new Inventory();
        inv.hosts.put("all", new LinkedHashSet<>());
        return inv;
    }

    boolean isGroup(String name) {
        return hosts.containsKey(name) || children.containsKey(name);
    }

    boolean isHost(String name) {
        return hostVars.containsKey(name) || hosts.values().stream().anyMatch(h -> h.contains(name));
    }

    /** Every group that contains {@code group}, nearest last... ordered so that parents come before children. */
    List<String> withAncestors(String group) {
        List<String> out = new ArrayList<>();
        addAncestors(group, out, new LinkedHashSet<>());
        return out;
    }

    private void addAncestors(String group, List<String> out, Set<String> seen) {
        if (!seen.add(group)) {
            return;
        }
        for (Map.Entry<String, Set<String>> e : children.entrySet()) {
            if (e.getValue().contains(group)) {
                addAncestors(e.getKey(), out, seen);
            }
        }
        if (!out.contains(group) && !group.equals("all")) {
            out.add(group);
        }
    }

    /** The groups a host belongs to directly. */
    List<String> groupsOf(String host) {
        List<String> out = new ArrayList<>();
        hosts.forEach((g, hs) -> {
            if (hs.contains(host) && !g.equals("all")) {
                out.add(g);
            }
        });
        return out;
    }

    /** All hosts of a group and its children. */
    Set<String> hostsOf(String group) {
        Set<String> out = new LinkedHashSet<>();
        collectHosts(group, out, new LinkedHashSet<>());
        return out;
    }

    private void collectHosts(String group, Set<String> out, Set<String> seen) {
        if (!seen.add(group)) {
            return;
        }
        out.addAll(hosts.getOrDefault(group, Set.of()));
        for (String c : children.getOrDefault(group, Set.of())) {
            collectHosts(c, out, seen);
        }
    }

    /** Parses an INI inventory. */
    static Inventory ini(String path, byte[] bytes, String revision) {
        Inventory inv = empty();
        inv.dir = parent(path);
        String section = "ungrouped";
        String kind = "hosts";
        int lineNo = 0;
        for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1);
                int colon = name.indexOf(':');
                section = colon < 0 ? name : name.substring(0, colon);
                kind = colon < 0 ? "hosts" : name.substring(colon + 1);
                inv.hosts.computeIfAbsent(section, k -> new LinkedHashSet<>());
                continue;
            }
            SourceRef at = new SourceRef(path, lineNo, 0, revision);
            switch (kind) {
                case "children" -> inv.children.computeIfAbsent(section, k -> new LinkedHashSet<>()).add(line);
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        inv.groupVars.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(
                                line.substring(0, eq).strip(), iniValue(line.substring(eq + 1).strip(), lineNo, at));
                    }
                }
                default -> {
                    List<String> words = KeyValues.split(line);
                    String host = words.get(0);
                    inv.hosts.computeIfAbsent(section, k -> new LinkedHashSet<>()).add(host);
                    Map<String, VarScope.VarDef> hv = inv.hostVars.computeIfAbsent(host, k -> new LinkedHashMap<>());
                    for (String w : words.subList(1, words.size())) {
                        int eq = w.indexOf('=');
                        if (eq > 0) {
                            hv.put(w.substring(0, eq), iniValue(w.substring(eq + 1), lineNo, at));
                        }
                    }
                }
            }
        }
        return inv;
    }

    private static VarScope.VarDef iniValue(String text, int line, SourceRef at) {
        String t = KeyValues.unquote(text);
        Y value;
        if (!t.equals(text)) {
            value = new Y.Scalar(t, line);
        } else if (t.matches("-?\\d+")) {
            value = new Y.Scalar(Long.parseLong(t), line);
        } else if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            value = new Y.Scalar(Boolean.parseBoolean(t), line);
        } else {
            value = new Y.Scalar(t, line);
        }
        return new VarScope.VarDef(value, at);
    }

    /** Parses a YAML inventory ({@code all: {hosts, vars, children}}). */
    static Inventory yaml(String path, Y root, String revision, List<Diagnostic> diagnostics) {
        Inventory inv = empty();
        inv.dir = parent(path);
        Y.entries(root).forEach((group, body) -> inv.yamlGroup(group, body, path, revision));
        return inv;
    }

    private void yamlGroup(String group, Y body, String path, String revision) {
        hosts.computeIfAbsent(group, k -> new LinkedHashSet<>());
        Y.entries(Y.field(body, "hosts").orElse(Y.emptyMap(0))).forEach((host, vars) -> {
            hosts.get(group).add(host);
            Map<String, VarScope.VarDef> hv = hostVars.computeIfAbsent(host, k -> new LinkedHashMap<>());
            Y.entries(vars).forEach((k, v) -> hv.put(k, new VarScope.VarDef(v, new SourceRef(path, v.line(), 0, revision))));
        });
        Y.entries(Y.field(body, "vars").orElse(Y.emptyMap(0))).forEach((k, v) ->
                groupVars.computeIfAbsent(group, g -> new LinkedHashMap<>())
                        .put(k, new VarScope.VarDef(v, new SourceRef(path, v.line(), 0, revision))));
        Y.entries(Y.field(body, "children").orElse(Y.emptyMap(0))).forEach((child, childBody) -> {
            children.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(child);
            yamlGroup(child, childBody, path, revision);
        });
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
