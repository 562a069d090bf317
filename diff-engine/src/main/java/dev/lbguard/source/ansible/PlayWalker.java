package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.SourceTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks playbooks the way {@code ansible-playbook} would run them for one host: plays, roles (with their
 * defaults, vars and dependencies), blocks, task includes and imports, loops and {@code when}. Tasks whose
 * module a reader wants are handed over with the variables they see; nothing else is evaluated, so an
 * unresolvable {@code debug} message never makes a snapshot incomplete.
 */
final class PlayWalker {
    /** Decides which modules matter and receives their runs. */
    interface Sink {
        boolean wants(String module, Y.Map rawArgs, SourceRef at);

        void task(TaskCall call);
    }

    /** A {@code when} condition inherited from a block, include or role, with where it was written. */
    record Cond(Y expr, SourceRef at) {
    }

    /** Where the walker is: file, variables, inherited conditions, role. */
    record Ctx(String file, String taskDir, VarScope scope, List<Cond> whens, Optional<String> roleDir,
               String playbookDir, int depth) {
        Ctx with(VarScope s) {
            return new Ctx(file, taskDir, s, whens, roleDir, playbookDir, depth);
        }

        Ctx withWhens(List<Cond> more) {
            List<Cond> all = new ArrayList<>(whens);
            all.addAll(more);
            return new Ctx(file, taskDir, scope, all, roleDir, playbookDir, depth);
        }
    }

    private static final int MAX_DEPTH = 40;
    static final Set<String> KEYWORDS = Set.of("name", "when", "loop", "loop_control", "vars", "register", "tags",
            "become", "become_user", "become_method", "become_flags", "delegate_to", "delegate_facts", "run_once",
            "notify", "ignore_errors", "ignore_unreachable", "changed_when", "failed_when", "until", "retries",
            "delay", "environment", "no_log", "connection", "args", "check_mode", "diff", "any_errors_fatal",
            "throttle", "module_defaults", "collections", "debugger", "listen", "timeout", "async", "poll",
            "rescue", "always", "local_action", "port", "remote_user", "vars_files");

    private final AnsibleFiles files;
    private final Plays plays;
    private final Sink sink;
    private final List<Diagnostic> diagnostics;

    PlayWalker(AnsibleFiles files, Plays plays, Sink sink) {
        this.files = files;
        this.plays = plays;
        this.sink = sink;
        this.diagnostics = files.diagnostics;
    }

    /** Runs a task list. */
    void tasks(Y list, Ctx ctx) {
        if (ctx.depth() > MAX_DEPTH) {
            diagnostics.add(Diagnostic.error("ansible-include-depth", "includes nest deeper than " + MAX_DEPTH
                    + " levels; an include probably includes itself", files.at(ctx.file(), list.line())));
            return;
        }
        if (!(list instanceof Y.List) && !(list instanceof Y.Null)) {
            diagnostics.add(Diagnostic.error("ansible-not-a-task-list", ctx.file() + ": expected a list of tasks",
                    files.at(ctx.file(), list.line())));
            return;
        }
        for (Y t : Y.items(list)) {
            if (t instanceof Y.Map m) {
                task(m, ctx);
            } else {
                diagnostics.add(Diagnostic.error("ansible-not-a-task", "a task must be a mapping",
                        files.at(ctx.file(), t.line())));
            }
        }
    }

    private void task(Y.Map task, Ctx ctx) {
        SourceRef at = files.at(ctx.file(), task.line());
        String name = Y.text(task, "name").orElse("");
        List<Cond> whens = conditions(task, at);
        Ctx inner = ctx.with(ctx.scope().with(task.has("block") ? VarScope.Level.BLOCK_VARS : VarScope.Level.TASK_VARS,
                files.inline(Y.field(task, "vars"), ctx.file()))).withWhens(whens);
        Y.text(task, "register").ifPresent(r -> plays.registered.put(r, name.isEmpty() ? at.toString() : name));
        if (task.has("block")) {
            tasks(task.get("block").orElseThrow(), inner);
            Y.field(task, "always").ifPresent(a -> tasks(a, inner));
            return;
        }
        Optional<String> module = moduleOf(task);
        if (module.isEmpty()) {
            diagnostics.add(Diagnostic.warning("ansible-no-module", "task " + (name.isEmpty() ? "" : "'" + name + "' ")
                    + "names no module", at));
            return;
        }
        Y.Map args = args(task, module.get());
        String shortName = TaskCall.shortName(module.get());
        boolean include = switch (shortName) {
            case "include_tasks", "import_tasks", "include", "include_role", "import_role", "set_fact",
                    "include_vars" -> true;
            default -> false;
        };
        if (!include && !sink.wants(module.get(), args, at)) {
            return;
        }
        for (VarScope scope : plays.iterations(task, inner, at)) {
            Ctx run = inner.with(scope);
            if (!plays.holds(run, at)) {
                continue;
            }
            switch (shortName) {
                case "include_tasks", "import_tasks", "include" -> includeTasks(args, run, at);
                case "include_role", "import_role" -> plays.includeRole(args, run, at, this);
                case "set_fact", "include_vars" -> plays.setFacts(shortName, args, run, at);
                default -> sink.task(new TaskCall(module.get(), args, at, name, scope, searchDirs(run)));
            }
        }
    }

    private List<Cond> conditions(Y.Map node, SourceRef at) {
        List<Cond> out = new ArrayList<>();
        Y.field(node, "when").ifPresent(w -> Y.items(w).forEach(c -> out.add(new Cond(c, at.line() == c.line()
                ? at : files.at(at.path(), c.line())))));
        return out;
    }

    List<Cond> conditionsOf(Y.Map node, SourceRef at) {
        return conditions(node, at);
    }

    private void includeTasks(Y.Map args, Ctx ctx, SourceRef at) {
        Y fileNode = Y.field(args, "file").or(() -> Y.field(args, "_raw_params")).orElse(new Y.Null(at.line()));
        Y rendered = ctx.scope().render(fileNode, at.path(), at.revision(), diagnostics);
        Optional<String> file = Y.text(rendered);
        if (file.isEmpty()) {
            if (!(rendered instanceof Y.Unknown)) {
                diagnostics.add(Diagnostic.error("ansible-include-without-file", "include names no file", at));
            }
            return;
        }
        String path = AnsibleFiles.normalise(SourceTree.join(ctx.taskDir(), file.get()));
        if (!files.tree.isFile(path) && ctx.roleDir().isEmpty()) {
            path = AnsibleFiles.normalise(SourceTree.join(ctx.playbookDir(), file.get()));
        }
        String p = path;
        files.yaml(path, at).ifPresent(y -> tasks(y, new Ctx(p, Inventory.parent(p), ctx.scope(), ctx.whens(),
                ctx.roleDir(), ctx.playbookDir(), ctx.depth() + 1)));
    }

    private List<String> searchDirs(Ctx ctx) {
        List<String> out = new ArrayList<>();
        ctx.roleDir().ifPresent(r -> {
            out.add(r + "/templates");
            out.add(r + "/files");
        });
        out.add(ctx.taskDir() + "/templates");
        out.add(ctx.taskDir() + "/files");
        out.add(ctx.taskDir());
        out.add(SourceTree.join(ctx.playbookDir(), "templates"));
        out.add(SourceTree.join(ctx.playbookDir(), "files"));
        out.add(ctx.playbookDir());
        return out.stream().map(AnsibleFiles::normalise).distinct().toList();
    }

    static Optional<String> moduleOf(Y.Map task) {
        if (task.has("action") || task.has("local_action")) {
            Y a = task.get(task.has("action") ? "action" : "local_action").orElseThrow();
            if (a instanceof Y.Map m) {
                return Y.text(m, "module");
            }
            return Y.text(a).map(s -> KeyValues.split(s).get(0));
        }
        return task.entries().keySet().stream().filter(k -> !KEYWORDS.contains(k) && !k.startsWith("with_")
                && !k.equals("action")).findFirst();
    }

    /** The module arguments as a mapping, with free-form text split and {@code args:} merged in. */
    static Y.Map args(Y.Map task, String module) {
        Map<String, Y> out = new LinkedHashMap<>();
        Y raw = task.get(module).orElse(new Y.Null(task.line()));
        if (task.has("action") || task.has("local_action")) {
            raw = task.get(task.has("action") ? "action" : "local_action").orElseThrow();
            if (raw instanceof Y.Scalar s) {
                String text = s.text();
                int space = text.indexOf(' ');
                raw = new Y.Scalar(space < 0 ? "" : text.substring(space + 1), s.line());
            }
        }
        if (raw instanceof Y.Map m) {
            m.entries().forEach((k, v) -> {
                if (!k.equals("module")) {
                    out.put(k, v);
                }
            });
        } else if (raw instanceof Y.Scalar s) {
            out.putAll(KeyValues.parse(s.text(), s.line()).entries());
        }
        Y.entries(task.get("args").orElse(new Y.Null(0))).forEach(out::putIfAbsent);
        return new Y.Map(out, raw.line() == 0 ? task.line() : raw.line());
    }
}
