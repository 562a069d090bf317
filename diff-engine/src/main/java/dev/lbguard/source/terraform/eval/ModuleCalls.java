package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.UnreadScope;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands {@code module} blocks into child {@link ModuleInstance}s, and resolves {@code module.X}: local sources from
 * the tree, remote ones from their installed copies ({@link InstalledModules}).
 */
public final class ModuleCalls {
    private static final Set<String> META = Set.of("source", "version", "providers", "count", "for_each",
            "depends_on");
    // Terraform has no limit, but a module that calls itself would otherwise never end.
    private static final int MAX_DEPTH = 32;

    /**
     * The instances of one module call keyed by instance key ({@code Null} for a call without count/for_each),
     * and the called module where it could be loaded.
     */
    record Result(Expansion.Mode mode, Map<Value, ModuleInstance> instances, Optional<Value.Unknown> failure,
                  Optional<ModuleConfig> child) {
        Result {
            instances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        }

        static Result failed(Value.Unknown why) {
            return new Result(Expansion.Mode.SINGLE, Map.of(), Optional.of(why), Optional.empty());
        }
    }

    private final ModuleInstance parent;
    private final EvalState state;

    ModuleCalls(ModuleInstance parent) {
        this.parent = parent;
        this.state = parent.state;
    }

    Result expand(String name, Block b) {
        String base = (parent.path.isEmpty() ? "" : parent.path + ".") + "module." + name;
        // What a call that cannot be read declares is unknown in this revision, not gone.
        UnreadScope unread = UnreadScope.address(base);
        Optional<Attribute> src = b.body().attribute("source");
        if (src.isEmpty()) {
            return Result.failed(state.fail("tf-module", "module " + name + " has no source", b.range(), unread));
        }
        Optional<String> source = literal(src.get().expression());
        if (source.isEmpty()) {
            return Result.failed(state.fail("tf-module", "the source of module " + name
                    + " must be a literal string", src.get().range(), unread));
        }
        String s = source.get();
        String key = parent.key.isEmpty() ? name : parent.key + "." + name;
        Optional<String> dir;
        if (s.startsWith("./") || s.startsWith("../")) {
            dir = join(parent.config.dir(), s);
            if (dir.isEmpty()) {
                return Result.failed(state.fail("tf-module", "the source of module " + name
                        + " leaves the repository: " + s, src.get().range(), unread));
            }
        } else if (ModuleSources.bareRelativePath(s)) {
            return Result.failed(state.fail("tf-module", "the source of module " + name + ", \"" + s + "\", is "
                    + "neither a relative path nor a registry address: Terraform 0.12 and later refuse it (0.11 read "
                    + "it as a directory beside this module); write \"./" + s.strip() + "\"", src.get().range(), unread));
        } else {
            Optional<Attribute> versionAttribute = b.body().attribute("version");
            Optional<String> version = versionAttribute.flatMap(a -> literal(a.expression()));
            if (versionAttribute.isPresent() && version.isEmpty()) {
                return Result.failed(state.fail("tf-module", "the version of module " + name
                        + " must be a literal string", versionAttribute.get().range(), unread));
            }
            InstalledModules.Resolution r = state.installed.resolve(key, s, version);
            if (r instanceof InstalledModules.Resolution.Unavailable u) {
                return Result.failed(state.fail("tf-remote-module", u.message(), b.range(), unread));
            }
            InstalledModules.Resolution.Found found = (InstalledModules.Resolution.Found) r;
            if (!state.tree.isDirectory(found.dir())) {
                return Result.failed(state.fail("tf-remote-module", "module " + key + " (" + s + ") is listed as "
                        + "installed in " + found.dir() + ", which does not exist: run terraform init in "
                        + (state.rootDir.isEmpty() ? "the root module" : state.rootDir), b.range(), unread));
            }
            if (found.outsideRepository()) {
                state.warning(dev.lbguard.diagnostic.Diagnostic.MODULE_COPY, "module " + key + " (" + s + ") is read from the copy "
                        + found.origin() + ", not from the repository; this report holds for that copy",
                        state.ref(src.get().range()));
            }
            dir = Optional.of(found.dir());
        }
        List<String> within = new ArrayList<>(parent.callers);
        within.add(parent.config.dir());
        if (within.contains(dir.get())) {
            List<String> loop = new ArrayList<>(within.subList(within.indexOf(dir.get()), within.size()));
            loop.add(dir.get());
            return Result.failed(state.fail("tf-module", "module " + name + " calls " + shown(dir.get())
                    + " from inside it (" + String.join(" -> ", loop.stream().map(ModuleCalls::shown).toList())
                    + "): Terraform builds every module call, count and for_each included, before it plans, so "
                    + "this tree has no end; break the loop", b.range(), unread));
        }
        if (parent.depth >= MAX_DEPTH) {
            return Result.failed(state.fail("tf-module", "modules nest more than " + MAX_DEPTH
                    + " deep; does module " + name + " call itself?", b.range(), unread));
        }
        ModuleConfig child = state.loader.loadCalled(dir.get());
        if (!child.hasFiles()) {
            return Result.failed(state.fail("tf-module", "module " + name + " reads " + dir.get()
                    + ", which holds no Terraform files", b.range(), unread));
        }
        for (Attribute a : b.body().attributes()) {
            if (!META.contains(a.name()) && !child.variables().containsKey(a.name())) {
                state.error("tf-module", "module " + name + " has no variable " + a.name(),
                        state.ref(a.nameRange()));
            }
        }
        Expansion expansion = Expansion.of(b, Scope.of(parent), state, base);
        if (expansion.failure().isPresent()) {
            return new Result(expansion.mode(), Map.of(), expansion.failure(), Optional.of(child));
        }
        Map<Value, ModuleInstance> instances = new LinkedHashMap<>();
        for (Expansion.Instance inst : expansion.instances()) {
            Scope scope = Scope.of(parent);
            for (Map.Entry<String, Value> n : inst.names().entrySet()) {
                scope = scope.with(n.getKey(), n.getValue());
            }
            instances.put(inst.key(), new ModuleInstance(state, child, base + inst.suffix(),
                    relative(state.rootDir, dir.get()), List.copyOf(within), key, inputs(name, b, scope)));
        }
        return new Result(expansion.mode(), instances, Optional.empty(), Optional.of(child));
    }

    private Variables.Source inputs(String name, Block b, Scope scope) {
        return new Variables.Source() {
            @Override
            public Optional<Variables.Given> given(String variable) {
                return b.body().attribute(variable).map(a -> new Variables.Given(
                        new ExprEvaluator(state).value(a.expression(), scope), state.ref(a.range())));
            }

            @Override
            public Value.Unknown missing(String variable, Block declaration) {
                return state.fail("tf-module", "module " + name + " does not set its required variable "
                        + variable, b.range());
            }
        };
    }

    /** Resolves {@code module.NAME...}, evaluating only the output named when the traversal names one. */
    static Refs.Resolved reference(Result r, String name, List<Refs.Step> steps, ExprEvaluator ev, Scope scope)
            throws EvalException {
        if (r.failure().isPresent()) {
            return new Refs.Resolved(r.failure().get(), 1);
        }
        if (r.mode() == Expansion.Mode.SINGLE) {
            ModuleInstance only = r.instances().values().iterator().next();
            Optional<String> out = ModuleInstance.attr(steps, 1);
            if (out.isPresent()) {
                return new Refs.Resolved(output(only, name, out.get(), steps.get(1)), 2);
            }
            return new Refs.Resolved(only.outputsObject(), 1);
        }
        Optional<String> out = ModuleInstance.attr(steps, 2);
        if (steps.size() > 2 && steps.get(1) instanceof Refs.Step.Key k && out.isPresent()) {
            Value key = ev.eval(k.key(), scope);
            if (key instanceof Value.Unknown u) {
                return new Refs.Resolved(ValueOps.derived(u), 3);
            }
            for (Map.Entry<Value, ModuleInstance> e : r.instances().entrySet()) {
                if (ValueOps.keyString(e.getKey(), "a module key").equals(ValueOps.keyString(key, "a module key"))) {
                    return new Refs.Resolved(output(e.getValue(), name, out.get(), steps.get(2)), 3);
                }
            }
        }
        List<Value> tuple = new ArrayList<>();
        Map<String, Value> map = new LinkedHashMap<>();
        for (Map.Entry<Value, ModuleInstance> e : r.instances().entrySet()) {
            Value outputs = e.getValue().outputsObject();
            tuple.add(outputs);
            map.put(ValueOps.keyString(e.getKey(), "a module key"), outputs);
        }
        return new Refs.Resolved(r.mode() == Expansion.Mode.COUNT ? Value.Values.tuple(tuple)
                : Value.Obj.object(map), 1);
    }

    private static Value output(ModuleInstance m, String call, String name, Refs.Step at) {
        if (!m.config.outputs().containsKey(name)) {
            return m.state.fail("tf-reference", "module " + call + " has no output " + name, at.range());
        }
        return m.output(name);
    }

    private static String shown(String dir) {
        return dir.isEmpty() ? "." : dir;
    }

    static Optional<String> literal(Expression e) {
        if (e instanceof Expression.Template t && t.parts().stream().allMatch(p -> p instanceof TemplatePart.Literal)) {
            StringBuilder s = new StringBuilder();
            t.parts().forEach(p -> s.append(((TemplatePart.Literal) p).text()));
            return Optional.of(s.toString());
        }
        return Optional.empty();
    }

    /** Joins a relative module source to a directory, or empty when it leaves the tree. */
    public static Optional<String> join(String dir, String relative) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (dir + "/" + relative).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    /** {@code to} relative to {@code from}, both tree paths: what Terraform's {@code path.module} gives. */
    public static String relative(String from, String to) {
        List<String> a = from.isEmpty() ? List.of() : List.of(from.split("/"));
        List<String> b = to.isEmpty() ? List.of() : List.of(to.split("/"));
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < a.size(); i++) {
            out.add("..");
        }
        out.addAll(b.subList(common, b.size()));
        return out.isEmpty() ? "." : String.join("/", out);
    }
}
