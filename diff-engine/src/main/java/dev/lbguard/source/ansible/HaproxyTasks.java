package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.haproxy.HaproxyConfigReader;
import dev.lbguard.source.haproxy.HaproxyOverlay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HAProxy configurations an Ansible tree deploys: a {@code template} task whose {@code dest} ends in
 * {@code haproxy.cfg} (its {@code .j2} source rendered with the task's variables), a {@code copy} of a
 * committed {@code haproxy.cfg}, and {@code community.general.haproxy} runtime changes on top.
 */
final class HaproxyTasks {
    /**
     * A configuration as the play leaves it on the host.
     *
     * @param dest where the play writes it
     * @param text the rendered configuration
     * @param source the template or file it was rendered from, line 0
     * @param task the task that writes it
     */
    record RenderedConfig(String dest, String text, SourceRef source, SourceRef task) {
    }

    /** A {@code community.general.haproxy} change: state (enabled, disabled, drain), backend, server, weight. */
    record RuntimeChange(String state, Optional<String> backend, String host, Optional<String> weight, SourceRef task) {
    }

    private final AnsibleFiles files;
    private final List<Diagnostic> diagnostics;
    private final Map<String, RenderedConfig> configs = new LinkedHashMap<>();
    private final List<RuntimeChange> changes = new ArrayList<>();

    HaproxyTasks(AnsibleFiles files, List<Diagnostic> diagnostics) {
        this.files = files;
        this.diagnostics = diagnostics;
    }

    boolean wants(String module, Y.Map rawArgs) {
        String name = TaskCall.shortName(module);
        if (name.equals("haproxy")) {
            return true;
        }
        if (!name.equals("template") && !name.equals("copy")) {
            return false;
        }
        // Only a destination that may be an HAProxy config is worth rendering.
        String dest = Y.text(rawArgs, "dest").orElse("");
        return dest.contains("haproxy") || Jinja.isTemplate(dest);
    }

    void apply(TaskCall call) {
        SourceRef at = call.source();
        if (call.shortName().equals("haproxy")) {
            Y.Map args = (Y.Map) call.scope().render(call.args(), at.path(), at.revision(), diagnostics);
            Optional<String> host = Y.text(args, "host");
            if (host.isEmpty()) {
                diagnostics.add(Diagnostic.error("ansible-haproxy-change", "haproxy: the server (host) cannot be known",
                        at));
                return;
            }
            changes.add(new RuntimeChange(Y.text(args, "state").orElse("enabled").toLowerCase(Locale.ROOT),
                    Y.text(args, "backend"), host.get(), Y.text(args, "weight"), at));
            return;
        }
        Y dest = call.scope().render(Y.field(call.args(), "dest").orElse(new Y.Null(at.line())), at.path(),
                at.revision(), diagnostics);
        Optional<String> destPath = Y.text(dest);
        if (destPath.isEmpty() || !destPath.get().endsWith("haproxy.cfg")) {
            return;
        }
        Optional<String> content = Y.field(call.args(), "content").flatMap(Y::text);
        if (call.shortName().equals("copy") && content.isPresent()) {
            Y rendered = call.scope().render(Y.field(call.args(), "content").orElseThrow(), at.path(), at.revision(),
                    diagnostics);
            Y.text(rendered).ifPresent(t -> configs.put(destPath.get(), new RenderedConfig(destPath.get(), t, at, at)));
            return;
        }
        Y src = call.scope().render(Y.field(call.args(), "src").orElse(new Y.Null(at.line())), at.path(),
                at.revision(), diagnostics);
        Optional<String> srcPath = Y.text(src).flatMap(s -> find(s, call.searchDirs()));
        if (srcPath.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-missing-file", call.shortName() + " source "
                    + Y.text(src).orElse("(none)") + " is not in the tree; the HAProxy config it writes is unknown", at));
            return;
        }
        Optional<String> text = files.text(srcPath.get());
        if (text.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-unreadable-file", "cannot read " + srcPath.get(), at));
            return;
        }
        String out = text.get();
        if (call.shortName().equals("template")) {
            Jinja.Result r = call.scope().renderText(text.get());
            if (r.failure().isPresent()) {
                Jinja.Failure f = r.failure().get();
                diagnostics.add(Diagnostic.error(f.code(), "template " + srcPath.get() + " for " + destPath.get() + ": "
                        + f.message(), files.at(srcPath.get(), f.line() == 0 ? 0 : f.line())));
                return;
            }
            out = String.valueOf(r.value().orElse(""));
        }
        configs.put(destPath.get(), new RenderedConfig(destPath.get(), out, files.at(srcPath.get(), 0), at));
    }

    private Optional<String> find(String src, List<String> dirs) {
        if (files.tree.isFile(AnsibleFiles.normalise(src))) {
            return Optional.of(AnsibleFiles.normalise(src));
        }
        return dirs.stream().map(d -> AnsibleFiles.normalise(SourceTree.join(d, src))).filter(files.tree::isFile)
                .findFirst();
    }

    /** The rendered configurations, by destination, in the order the play writes them. */
    List<RenderedConfig> configs() {
        return new ArrayList<>(configs.values());
    }

    List<RuntimeChange> changes() {
        return List.copyOf(changes);
    }

    /**
     * Reads each rendered configuration with the HAProxy reader, then applies the playbook's runtime changes.
     * Diagnostics of a rendered template point at the template file; lines inside loops are approximate.
     */
    void build(List<LoadBalancer> lbs, List<TargetGroup> tgs, SnapshotOrigin origin) {
        if (configs.isEmpty()) {
            changes.forEach(c -> diagnostics.add(Diagnostic.error("ansible-haproxy-change", "haproxy: the play changes "
                    + "server " + c.host() + " but deploys no HAProxy configuration lbguard can read", c.task())));
            return;
        }
        List<LoadBalancer> readLbs = new ArrayList<>();
        Map<String, TargetGroup> readTgs = new LinkedHashMap<>();
        for (RenderedConfig c : configs.values()) {
            RoutingSnapshot one = new HaproxyConfigReader().read(c.source().path(), c.text(), c.source().revision(),
                    origin);
            readLbs.addAll(one.loadBalancers());
            one.targetGroups().forEach(t -> readTgs.putIfAbsent(t.id().value(), t));
            diagnostics.addAll(one.diagnostics());
        }
        RoutingSnapshot merged = RoutingSnapshot.of(origin, readLbs, readTgs.values(), List.of());
        for (RuntimeChange c : changes) {
            merged = overlay(merged, c);
        }
        lbs.addAll(merged.loadBalancers());
        tgs.addAll(merged.targetGroups());
    }

    private RoutingSnapshot overlay(RoutingSnapshot s, RuntimeChange c) {
        Optional<HaproxyOverlay.ServerState> state = switch (c.state()) {
            case "enabled" -> Optional.of(HaproxyOverlay.ServerState.ENABLED);
            case "disabled" -> Optional.of(HaproxyOverlay.ServerState.DISABLED);
            case "drain" -> Optional.of(HaproxyOverlay.ServerState.DRAIN);
            default -> Optional.empty();
        };
        if (state.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-haproxy-change", "haproxy: unknown state '" + c.state()
                    + "' (enabled, disabled or drain)", c.task()));
            return s;
        }
        Optional<HaproxyOverlay.Weight> weight;
        try {
            weight = c.weight().map(HaproxyOverlay.Weight::parse);
        } catch (IllegalArgumentException e) {
            diagnostics.add(Diagnostic.error("ansible-haproxy-change", "haproxy: weight '" + c.weight().orElse("")
                    + "' is not 0-256 or N%", c.task()));
            return s;
        }
        if (!HaproxyOverlay.hasServer(s, c.backend(), c.host())) {
            diagnostics.add(Diagnostic.warning("ansible-haproxy-unknown-server", "haproxy: server " + c.host()
                    + c.backend().map(b -> " in backend " + b).orElse("") + " is not in the deployed configuration",
                    c.task()));
            return s;
        }
        return HaproxyOverlay.apply(s, c.backend(), c.host(), state, weight);
    }
}
