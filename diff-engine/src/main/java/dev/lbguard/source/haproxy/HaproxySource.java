package dev.lbguard.source.haproxy;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing snapshot of the HAProxy configuration in a tree: one file, or every {@code *.cfg} file directly
 * inside a directory (each its own load balancer).
 */
public final class HaproxySource {
    private final HaproxyConfigReader reader = new HaproxyConfigReader();

    /** Reads {@code path} of {@code tree}: a config file, or a directory of them. */
    public RoutingSnapshot read(SourceTree tree, String path, SnapshotOrigin origin) {
        List<String> files = new ArrayList<>();
        if (tree.isDirectory(path)) {
            tree.files(path).stream().filter(f -> f.endsWith(".cfg")).forEach(f -> files.add(SourceTree.join(path, f)));
        } else {
            files.add(path);
        }
        List<LoadBalancer> lbs = new ArrayList<>();
        Map<String, TargetGroup> groups = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (files.isEmpty()) {
            diagnostics.add(Diagnostic.error("haproxy-no-config", "no HAProxy configuration (*.cfg) found",
                    new SourceRef(path, 0, 0, tree.revision())));
        }
        for (String f : files) {
            String content;
            try {
                content = new String(tree.read(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error("haproxy-read", "cannot read " + f + ": " + e.getMessage(),
                        new SourceRef(f, 0, 0, tree.revision())));
                continue;
            }
            RoutingSnapshot one = reader.read(f, content, tree.revision(), origin);
            lbs.addAll(one.loadBalancers());
            diagnostics.addAll(one.diagnostics());
            for (TargetGroup tg : one.targetGroups()) {
                if (groups.putIfAbsent(tg.id().value(), tg) != null) {
                    // Backends are named per HAProxy process; two files naming one backend cannot both be right.
                    diagnostics.add(Diagnostic.error("haproxy-duplicate", "backend " + tg.name()
                            + " is defined in more than one file", tg.source()));
                }
            }
        }
        return RoutingSnapshot.of(origin, lbs, groups.values(), diagnostics);
    }
}
