package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables one task sees, kept by Ansible precedence level and templated lazily, when first used,
 * with cycle detection. Scopes are immutable: {@link #with} gives a new scope with one more layer.
 */
final class VarScope implements Jinja.Vars {
    /** Ansible's precedence levels for the cases lbguard supports, lowest first. */
    enum Level {
        MAGIC, ROLE_DEFAULTS, INVENTORY_GROUP, GROUP_VARS, INVENTORY_HOST, HOST_VARS, PLAY_VARS, VARS_FILES,
        ROLE_VARS, BLOCK_VARS, TASK_VARS, FACTS, LOOP, EXTRA_VARS
    }

    /** A variable as written, and where. */
    record VarDef(Y value, SourceRef source) {
    }

    /** Ansible substitutes this for {@code omit}; arguments equal to it are dropped. */
    static final String OMIT = "__omit_place_holder__lbguard";

    private final Jinja jinja;
    private final EnumMap<Level, List<Map<String, VarDef>>> layers;
    /** Names that tasks {@code register}: known only when the play runs, mapped to the registering task. */
    private final Map<String, String> registered;
    private final Map<String, Object> cache = new HashMap<>();
    private final Map<String, Jinja.Failure> failed = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();

    private VarScope(Jinja jinja, EnumMap<Level, List<Map<String, VarDef>>> layers, Map<String, String> registered) {
        this.jinja = jinja;
        this.layers = layers;
        this.registered = registered;
    }

    static VarScope empty(Jinja jinja, Map<String, String> registered) {
        return new VarScope(jinja, new EnumMap<>(Level.class), registered);
    }

    /** This scope plus {@code vars} at {@code level}, above what that level already holds. */
    VarScope with(Level level, Map<String, VarDef> vars) {
        if (vars.isEmpty()) {
            return this;
        }
        EnumMap<Level, List<Map<String, VarDef>>> copy = new EnumMap<>(Level.class);
        layers.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        // Facts are added as tasks run, so that level keeps the live map rather than a copy.
        copy.computeIfAbsent(level, k -> new ArrayList<>()).add(level == Level.FACTS ? vars
                : Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
        return new VarScope(jinja, copy, registered);
    }

    /** The definition Ansible would use for {@code name}. */
    Optional<VarDef> definition(String name) {
        Level[] levels = Level.values();
        for (int i = levels.length - 1; i >= 0; i--) {
            List<Map<String, VarDef>> maps = layers.getOrDefault(levels[i], List.of());
            for (int j = maps.size() - 1; j >= 0; j--) {
                VarDef d = maps.get(j).get(name);
                if (d != null) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Object lookup(String name, Jinja.RenderState state) {
        if (name.equals("omit")) {
            return OMIT;
        }
        if (cache.containsKey(name)) {
            return cache.get(name);
        }
        if (failed.containsKey(name)) {
            state.fail(failed.get(name));
            return null;
        }
        Optional<VarDef> def = definition(name);
        if (def.isEmpty()) {
            String task = registered.get(name);
            if (task != null) {
                state.fail(new Jinja.Failure("ansible-registered-variable", "'" + name + "' is registered by task '"
                        + task + "' when the play runs, so lbguard cannot know it", 0));
            }
            return null;
        }
        if (resolving.contains(name)) {
            Jinja.Failure f = new Jinja.Failure("ansible-recursive-variable", "variable '" + name
                    + "' refers to itself (" + String.join(" -> ", reversed()) + " -> " + name + ")", 0);
            state.fail(f);
            return null;
        }
        resolving.push(name);
        try {
            List<Jinja.Failure> inner = new ArrayList<>();
            Y value = render(def.get().value(), inner);
            if (!inner.isEmpty()) {
                Jinja.Failure first = inner.get(0);
                Jinja.Failure f = first.message().startsWith("variable '") ? first
                        : new Jinja.Failure(first.code(), "variable '" + name + "' (" + def.get().source() + "): "
                        + first.message(), 0);
                failed.put(name, f);
                state.fail(f);
                return null;
            }
            Object java = Y.toJava(value);
            cache.put(name, java);
            return java;
        } finally {
            resolving.pop();
        }
    }

    private List<String> reversed() {
        List<String> out = new ArrayList<>(resolving);
        Collections.reverse(out);
        return out;
    }

    /** Templates every string inside {@code node}; what fails becomes {@link Y.Unknown} and a failure. */
    Y render(Y node, List<Jinja.Failure> failures) {
        if (node instanceof Y.Map m) {
            Map<String, Y> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> {
                Y r = render(v, failures);
                if (!(r instanceof Y.Scalar s && OMIT.equals(s.value()))) {
                    out.put(k, r);
                }
            });
            return new Y.Map(out, m.line());
        }
        if (node instanceof Y.List l) {
            List<Y> out = new ArrayList<>();
            l.items().forEach(i -> out.add(render(i, failures)));
            return new Y.List(out, l.line());
        }
        if (node instanceof Y.Unknown u) {
            failures.add(new Jinja.Failure("ansible-unknown-value", u.reason(), u.line()));
            return node;
        }
        if (node instanceof Y.Scalar s && s.value() instanceof String str && Jinja.isTemplate(str)) {
            Jinja.Result r = jinja.render(str, this, true);
            if (r.failure().isPresent()) {
                Jinja.Failure f = r.failure().get();
                String message = f.code().startsWith("ansible-template") ? "cannot render '" + str.strip() + "': "
                        + f.message() : f.message();
                failures.add(new Jinja.Failure(f.code(), message, s.lineOf(f.line())));
                return new Y.Unknown(f.message(), s.line());
            }
            return literal(Y.fromJava(r.value().orElse(""), s.line()));
        }
        return node;
    }

    /**
     * Ansible turns a rendered string that reads as a list or a mapping into one, so a variable built with a
     * {@code for} loop can feed {@code Rules:}; lbguard does the same for flow YAML (which includes JSON).
     */
    private static Y literal(Y rendered) {
        if (rendered instanceof Y.Scalar s && s.value() instanceof String str) {
            String t = str.strip();
            if (t.startsWith("[") && t.endsWith("]") || t.startsWith("{") && t.endsWith("}")) {
                try {
                    Y parsed = YamlReader.read(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    if (parsed instanceof Y.Map || parsed instanceof Y.List) {
                        return relined(parsed, s.line());
                    }
                } catch (YamlReader.YamlException e) {
                    return rendered;
                }
            }
        }
        return rendered;
    }

    /** The nodes of a value parsed from a rendered string all sit on the line of the string. */
    private static Y relined(Y y, int line) {
        if (y instanceof Y.Map m) {
            Map<String, Y> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, relined(v, line)));
            return new Y.Map(out, line);
        }
        if (y instanceof Y.List l) {
            return new Y.List(l.items().stream().map(i -> relined(i, line)).toList(), line);
        }
        if (y instanceof Y.Scalar s) {
            return new Y.Scalar(s.value(), line);
        }
        return new Y.Null(line);
    }

    /** Renders {@code node} and reports what fails as error diagnostics in {@code path}. */
    Y render(Y node, String path, String revision, List<Diagnostic> diagnostics) {
        List<Jinja.Failure> failures = new ArrayList<>();
        Y out = render(node, failures);
        for (Jinja.Failure f : failures) {
            diagnostics.add(Diagnostic.error(f.code(), f.message(), new SourceRef(path, f.line(), 0, revision)));
        }
        return out;
    }

    /** Renders a whole template file's text, as the {@code template} module does. */
    Jinja.Result renderText(String template) {
        return jinja.render(template, this, false);
    }

    /** Evaluates a bare Jinja expression, as {@code when} holds them. */
    Jinja.Result evaluate(String expression) {
        String expr = expression.trim();
        if (expr.startsWith("{{") && expr.endsWith("}}")) {
            expr = expr.substring(2, expr.length() - 2);
        }
        return jinja.evaluate(expr, this);
    }
}
