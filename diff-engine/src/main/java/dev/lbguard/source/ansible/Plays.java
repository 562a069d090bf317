package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.SourceTree;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plays and roles: builds each play's variables in Ansible's precedence order (role defaults, inventory and
 * {@code group_vars}, {@code host_vars}, play vars, {@code vars_files}, role vars, task vars, facts,
 * {@code --extra-vars}), expands loops and evaluates {@code when}.
 */
final class Plays {
    private static final int MAX_PLAYBOOK_DEPTH = 10;

    private final AnsibleFiles files;
    private final Inventory inventory;
    private final AnsibleOptions options;
    private final String dir;
    private final Jinja jinja;
    private final List<Diagnostic> diagnostics;
    private final PlayHosts playHosts;
    /** Variables that tasks register, known only at run time. */
    final Map<String, String> registered = new LinkedHashMap<>();
    /** Facts set by {@code set_fact} and {@code include_vars}; they outlive the play, as for a real host. */
    private final Map<String, VarScope.VarDef> facts = new LinkedHashMap<>();
    private PlayWalker walker;

    Plays(AnsibleFiles files, Inventory inventory, AnsibleOptions options, String dir, Jinja jinja) {
        this.files = files;
        this.inventory = inventory;
        this.options = options;
        this.dir = dir;
        this.jinja = jinja;
        this.diagnostics = files.diagnostics;
        this.playHosts = new PlayHosts(files, inventory, options, dir);
    }

    void run(String playbook, PlayWalker.Sink sink) {
        walker = new PlayWalker(files, this, sink);
        playbook(playbook, 0, files.at(playbook, 0));
    }

    private void playbook(String path, int depth, SourceRef from) {
        if (depth > MAX_PLAYBOOK_DEPTH) {
            diagnostics.add(Diagnostic.error("ansible-include-depth", "import_playbook nests too deep", from));
            return;
        }
        Optional<Y> doc = files.yaml(path, from);
        if (doc.isEmpty()) {
            return;
        }
        for (Y play : Y.items(doc.get())) {
            SourceRef at = files.at(path, play.line());
            // A play-level include is the import_playbook of Ansible before 2.4 (still found in public trees).
            Optional<String> imported = Y.text(play, "import_playbook")
                    .or(() -> Y.text(play, "ansible.builtin.import_playbook"))
                    .or(() -> play instanceof Y.Map m && !m.has("hosts") ? Y.text(play, "include")
                            .or(() -> Y.text(play, "ansible.builtin.include")) : Optional.empty());
            if (imported.isPresent()) {
                playbook(AnsibleFiles.normalise(SourceTree.join(Inventory.parent(path), imported.get())), depth + 1, at);
            } else if (play instanceof Y.Map m && !m.has("hosts")) {
                // Ansible refuses a play without hosts; skipping it would hide whatever it was meant to set up.
                diagnostics.add(Diagnostic.error("ansible-not-a-play", "an item of playbook " + path + " has neither "
                        + "hosts nor import_playbook (keys: " + String.join(", ", m.entries().keySet())
                        + "); Ansible refuses it", at));
            } else if (play instanceof Y.Map m) {
                play(m, path, at);
            } else {
                diagnostics.add(Diagnostic.error("ansible-not-a-play", "a play must be a mapping", at));
            }
        }
    }

    private void play(Y.Map play, String path, SourceRef at) {
        String pbDir = Inventory.parent(path);
        String hosts = Y.text(play, "hosts").orElse("all");
        VarScope scope = VarScope.empty(jinja, registered).with(VarScope.Level.MAGIC, magic(pbDir, hosts));
        scope = playHosts.hostScope(scope, hosts, pbDir);
        scope = scope.with(VarScope.Level.PLAY_VARS, files.inline(Y.field(play, "vars"), path));
        for (Y vf : Y.items(Y.field(play, "vars_files").orElse(new Y.Null(0)))) {
            scope = scope.with(VarScope.Level.VARS_FILES, varsFile(vf, scope, pbDir, path));
        }
        scope = scope.with(VarScope.Level.FACTS, facts).with(VarScope.Level.EXTRA_VARS, extraVars());
        PlayWalker.Ctx ctx = new PlayWalker.Ctx(path, pbDir, scope, List.of(), Optional.empty(), pbDir, 0);
        Y.field(play, "pre_tasks").ifPresent(t -> walker.tasks(t, ctx));
        for (Y r : Y.items(Y.field(play, "roles").orElse(new Y.Null(0)))) {
            SourceRef rat = files.at(path, r.line());
            if (r instanceof Y.Map rm) {
                Y.Map args = rm.has("role") || rm.has("name") ? rm : Y.emptyMap(r.line());
                Map<String, Y> params = new LinkedHashMap<>(rm.entries());
                List.of("role", "name", "when", "tags", "vars", "become").forEach(params::remove);
                PlayWalker.Ctx rctx = ctx.with(ctx.scope().with(VarScope.Level.TASK_VARS,
                        files.inline(Optional.of(new Y.Map(params, r.line())), path))
                        .with(VarScope.Level.TASK_VARS, files.inline(Y.field(rm, "vars"), path)))
                        .withWhens(walker.conditionsOf(rm, rat));
                role(Y.text(args, "role").or(() -> Y.text(args, "name")).orElse(""), "main", rctx, rat);
            } else {
                role(Y.text(r).orElse(""), "main", ctx, rat);
            }
        }
        Y.field(play, "tasks").ifPresent(t -> walker.tasks(t, ctx));
        Y.field(play, "post_tasks").ifPresent(t -> walker.tasks(t, ctx));
    }

    private Map<String, VarScope.VarDef> magic(String pbDir, String hosts) {
        Map<String, VarScope.VarDef> m = new LinkedHashMap<>();
        SourceRef none = SourceRef.file("(ansible)");
        // Templates start with {{ ansible_managed }} more often than not.
        m.put("ansible_managed", new VarScope.VarDef(new Y.Scalar("Ansible managed", 0), none));
        m.put("playbook_dir", new VarScope.VarDef(new Y.Scalar(pbDir.isEmpty() ? "." : pbDir, 0), none));
        m.put("inventory_hostname", new VarScope.VarDef(new Y.Scalar(playHosts.singleHost(hosts).orElse(hosts), 0),
                none));
        Map<String, Y> groups = new LinkedHashMap<>();
        inventory.hosts.keySet().forEach(g -> groups.put(g, new Y.List(
                inventory.hostsOf(g).stream().map(h -> (Y) new Y.Scalar(h, 0)).toList(), 0)));
        m.put("groups", new VarScope.VarDef(new Y.Map(groups, 0), none));
        m.put("group_names", new VarScope.VarDef(new Y.List(playHosts.groupsFor(hosts).stream()
                .map(g -> (Y) new Y.Scalar(g, 0)).toList(), 0), none));
        return m;
    }

    private Map<String, VarScope.VarDef> varsFile(Y entry, VarScope scope, String pbDir, String path) {
        // An entry may be a list: the first file that exists is used.
        for (Y candidate : Y.items(entry)) {
            Y rendered = scope.render(candidate, path, files.tree.revision(), diagnostics);
            Optional<String> name = Y.text(rendered);
            if (name.isEmpty()) {
                return Map.of();
            }
            String p = AnsibleFiles.normalise(SourceTree.join(pbDir, name.get()));
            if (files.tree.isFile(p) || !(entry instanceof Y.List)) {
                return files.vars(p, files.at(path, candidate.line()));
            }
        }
        diagnostics.add(Diagnostic.error("ansible-missing-file", "none of the vars_files alternatives exists",
                files.at(path, entry.line())));
        return Map.of();
    }

    private Map<String, VarScope.VarDef> extraVars() {
        Map<String, VarScope.VarDef> out = new LinkedHashMap<>();
        SourceRef cli = SourceRef.file("--extra-vars");
        options.extraVars().forEach((k, v) -> out.put(k, new VarScope.VarDef(new Y.Scalar(v, 0), cli)));
        return out;
    }

    /** The role directory for {@code name}, next to the playbook or at the tree's top. */
    private Optional<String> roleDir(String name, String pbDir) {
        for (String base : List.of(SourceTree.join(pbDir, "roles"), SourceTree.join(dir, "roles"), "roles")) {
            String d = AnsibleFiles.normalise(SourceTree.join(base, name));
            if (files.tree.isDirectory(d)) {
                return Optional.of(d);
            }
        }
        String direct = AnsibleFiles.normalise(SourceTree.join(pbDir, name));
        return files.tree.isDirectory(direct) && name.contains("/") ? Optional.of(direct) : Optional.empty();
    }

    void role(String name, String tasksFrom, PlayWalker.Ctx ctx, SourceRef at) {
        role(name, tasksFrom, "main", "main", ctx, at, new LinkedHashSet<>());
    }

    private void role(String name, String tasksFrom, String varsFrom, String defaultsFrom, PlayWalker.Ctx ctx,
                      SourceRef at, Set<String> chain) {
        Optional<String> found = roleDir(name, ctx.playbookDir());
        if (found.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-missing-role", "role '" + name + "' is not in the tree "
                    + "(roles/" + name + "); its tasks cannot be read", at));
            return;
        }
        String rd = found.get();
        if (!chain.add(rd) || ctx.depth() > 20) {
            diagnostics.add(Diagnostic.error("ansible-role-cycle", "role '" + name + "' depends on itself", at));
            return;
        }
        VarScope scope = ctx.scope();
        Optional<String> defaults = files.roleFile(rd, "defaults", defaultsFrom);
        if (defaults.isPresent()) {
            scope = scope.with(VarScope.Level.ROLE_DEFAULTS, files.vars(defaults.get(), at));
        }
        Optional<String> vars = files.roleFile(rd, "vars", varsFrom);
        if (vars.isPresent()) {
            scope = scope.with(VarScope.Level.ROLE_VARS, files.vars(vars.get(), at));
        }
        PlayWalker.Ctx base = new PlayWalker.Ctx(ctx.file(), rd + "/tasks", scope, ctx.whens(), Optional.of(rd),
                ctx.playbookDir(), ctx.depth() + 1);
        Optional<String> meta = files.roleFile(rd, "meta", "main");
        if (meta.isPresent()) {
            for (Y dep : Y.items(files.yaml(meta.get(), at).flatMap(m -> Y.field(m, "dependencies"))
                    .orElse(new Y.Null(0)))) {
                String depName = dep instanceof Y.Map ? Y.text(dep, "role").or(() -> Y.text(dep, "name")).orElse("")
                        : Y.text(dep).orElse("");
                PlayWalker.Ctx dctx = base.with(base.scope().with(VarScope.Level.TASK_VARS,
                        files.inline(Y.field(dep, "vars"), meta.get())));
                role(depName, "main", "main", "main", dctx, files.at(meta.get(), dep.line()), chain);
            }
        }
        Optional<String> tasks = files.roleFile(rd, "tasks", tasksFrom);
        if (tasks.isEmpty()) {
            if (!tasksFrom.equals("main")) {
                diagnostics.add(Diagnostic.error("ansible-missing-file", "role '" + name + "' has no tasks/" + tasksFrom
                        + ".yml", at));
            }
            return;
        }
        String tf = tasks.get();
        files.yaml(tf, at).ifPresent(y -> walker.tasks(y, new PlayWalker.Ctx(tf, Inventory.parent(tf), base.scope(),
                base.whens(), base.roleDir(), base.playbookDir(), base.depth())));
    }

    void includeRole(Y.Map args, PlayWalker.Ctx ctx, SourceRef at, PlayWalker w) {
        Y.Map r = (Y.Map) ctx.scope().render(args, at.path(), at.revision(), diagnostics);
        Optional<String> name = Y.text(r, "name");
        if (name.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-include-without-file", "include_role names no role", at));
            return;
        }
        role(name.get(), Y.text(r, "tasks_from").orElse("main"), Y.text(r, "vars_from").orElse("main"),
                Y.text(r, "defaults_from").orElse("main"), ctx, at, new LinkedHashSet<>());
    }

    /** {@code set_fact} and {@code include_vars}: variables rendered now and kept for the rest of the run. */
    void setFacts(String module, Y.Map args, PlayWalker.Ctx ctx, SourceRef at) {
        if (module.equals("include_vars")) {
            Y file = Y.field(args, "file").or(() -> Y.field(args, "_raw_params")).orElse(new Y.Null(at.line()));
            Y.text(ctx.scope().render(file, at.path(), at.revision(), diagnostics)).ifPresent(f -> {
                String base = ctx.roleDir().map(rd -> rd + "/vars").orElse(ctx.taskDir());
                String p = AnsibleFiles.normalise(SourceTree.join(base, f));
                if (!files.tree.isFile(p)) {
                    p = AnsibleFiles.normalise(SourceTree.join(ctx.taskDir(), f));
                }
                facts.putAll(files.vars(p, at));
            });
            return;
        }
        args.entries().forEach((k, v) -> {
            if (!k.equals("cacheable")) {
                Y value = ctx.scope().render(v, at.path(), at.revision(), diagnostics);
                // An unknown value stays unknown: whoever uses the fact gets the reason, not an empty string.
                facts.put(k, new VarScope.VarDef(value, files.at(at.path(), v.line())));
            }
        });
    }

    /** The scopes a task runs with: one per loop item, or the task's own scope when it has no loop. */
    List<VarScope> iterations(Y.Map task, PlayWalker.Ctx ctx, SourceRef at) {
        return Loops.iterations(task, ctx.scope(), at, files);
    }

    /** Whether every inherited and own {@code when} holds; an unknown condition skips the task, with an error. */
    boolean holds(PlayWalker.Ctx ctx, SourceRef at) {
        for (PlayWalker.Cond c : ctx.whens()) {
            Object expr = Y.scalar(c.expr()).orElse("");
            if (expr instanceof Boolean b) {
                if (!b) {
                    return false;
                }
                continue;
            }
            Jinja.Result v = ctx.scope().evaluate(expr.toString());
            if (v.failure().isPresent()) {
                diagnostics.add(Diagnostic.error("ansible-unknown-condition", "when: " + expr + " cannot be evaluated ("
                        + v.failure().get().message() + "); the task at line " + at.line() + " is left out", c.at()));
                return false;
            }
            if (!AnsibleFilters.truthy(v.value().orElse(""))) {
                return false;
            }
        }
        return true;
    }
}
