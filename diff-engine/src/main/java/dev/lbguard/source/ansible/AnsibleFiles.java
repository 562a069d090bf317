package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the files of an Ansible tree as YAML nodes, once each, turning unreadable or malformed files into
 * one error diagnostic at the file and line.
 */
final class AnsibleFiles {
    private static final List<String> YAML_EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    final SourceTree tree;
    final List<Diagnostic> diagnostics;
    private final Map<String, Optional<Y>> cache = new HashMap<>();

    AnsibleFiles(SourceTree tree, List<Diagnostic> diagnostics) {
        this.tree = tree;
        this.diagnostics = diagnostics;
    }

    SourceRef at(String path, int line) {
        return new SourceRef(path, line, 0, tree.revision());
    }

    /** The parsed file, or empty (with a diagnostic) when it is missing or malformed. */
    Optional<Y> yaml(String path, SourceRef requestedAt) {
        if (cache.containsKey(path)) {
            return cache.get(path);
        }
        Optional<Y> out = Optional.empty();
        if (!tree.isFile(path)) {
            diagnostics.add(Diagnostic.error("ansible-missing-file", path + " does not exist in the tree", requestedAt));
        } else {
            try {
                out = Optional.of(YamlReader.read(tree.read(path)));
            } catch (YamlReader.YamlException e) {
                diagnostics.add(Diagnostic.error("ansible-yaml-syntax", "malformed YAML: " + e.getMessage(),
                        new SourceRef(path, e.line, e.column, tree.revision())));
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error("ansible-unreadable-file", "cannot read " + path + ": " + e.getMessage(),
                        requestedAt));
            }
        }
        cache.put(path, out);
        return out;
    }

    Optional<String> text(String path) {
        try {
            return Optional.of(new String(tree.read(path), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The top-level mapping of a variables file as definitions. */
    Map<String, VarScope.VarDef> vars(String path, SourceRef requestedAt) {
        Map<String, VarScope.VarDef> out = new LinkedHashMap<>();
        yaml(path, requestedAt).ifPresent(y -> {
            if (y instanceof Y.Scalar s && s.text().startsWith("$ANSIBLE_VAULT")) {
                // Its variables may override defaults lbguard would otherwise use: unknown, never skipped.
                diagnostics.add(Diagnostic.error("ansible-vault", path + " is encrypted with Ansible Vault and lbguard "
                        + "has no vault password, so the variables it sets are unknown", at(path, y.line())));
            } else if (!(y instanceof Y.Map) && !(y instanceof Y.Null)) {
                diagnostics.add(Diagnostic.error("ansible-vars-not-a-mapping", path + " must hold a mapping of variables",
                        at(path, y.line())));
            }
            Y.entries(y).forEach((k, v) -> out.put(k, new VarScope.VarDef(v, at(path, v.line()))));
        });
        return out;
    }

    /** Inline variables ({@code vars:} of a play, block or task) as definitions. */
    Map<String, VarScope.VarDef> inline(Optional<Y> vars, String path) {
        Map<String, VarScope.VarDef> out = new LinkedHashMap<>();
        vars.ifPresent(y -> Y.entries(y).forEach((k, v) -> out.put(k, new VarScope.VarDef(v, at(path, v.line())))));
        return out;
    }

    /**
     * The variables of {@code <dir>/<kind>/<name>}: a file with or without a YAML extension, or a directory
     * whose files are read in name order (later files win).
     */
    Map<String, VarScope.VarDef> namedVars(String dir, String kind, String name) {
        String base = SourceTree.join(SourceTree.join(dir, kind), name);
        Map<String, VarScope.VarDef> out = new LinkedHashMap<>();
        if (tree.isDirectory(base)) {
            for (String f : tree.files(base)) {
                if (f.endsWith(".yml") || f.endsWith(".yaml") || f.endsWith(".json") || !f.contains(".")) {
                    out.putAll(vars(SourceTree.join(base, f), at(base, 0)));
                }
            }
            return out;
        }
        for (String ext : YAML_EXTENSIONS) {
            if (tree.isFile(base + ext)) {
                out.putAll(vars(base + ext, at(base + ext, 0)));
                break;
            }
        }
        return out;
    }

    /** The first of {@code candidates} that is a file. */
    Optional<String> firstFile(List<String> candidates) {
        return candidates.stream().filter(tree::isFile).findFirst();
    }

    /** A role's {@code <sub>/<name>} file, trying the YAML extensions. */
    Optional<String> roleFile(String roleDir, String sub, String name) {
        List<String> c = new ArrayList<>();
        for (String ext : List.of(".yml", ".yaml", "")) {
            c.add(roleDir + "/" + sub + "/" + name + ext);
        }
        return firstFile(c);
    }

    /** Normalises {@code a/b/../c} and {@code ./x}; paths never leave the tree root. */
    static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }
}
