package dev.lbguard.source.ansible;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 as Ansible uses it, on Jinjava: templates render to strings, a string that is one {@code {{ expr }}}
 * keeps the expression's type (Ansible's native rendering, so {@code loop: "{{ services }}"} is a list), and
 * anything undefined fails instead of rendering as an empty string. Variables are looked up lazily through
 * {@link Vars}, so a variable is only templated when used, as in Ansible.
 */
final class Jinja {
    /** Variables as Ansible sees them at one task; {@code lookup} answers null for an undefined name. */
    interface Vars {
        /** The templated value of {@code name}, or null when undefined; problems go to {@code state}. */
        Object lookup(String name, RenderState state);
    }

    /** What went wrong in one render; the first failure is the one reported. */
    static final class RenderState {
        final List<Failure> failures = new ArrayList<>();
        /** Undefined names and the template line they were met on. */
        final java.util.Map<String, Integer> undefined = new java.util.TreeMap<>();

        void fail(Failure f) {
            failures.add(f);
        }
    }

    /**
     * A reason a value cannot be known.
     *
     * @param line the line inside the template, 0 when it is the value's own line
     */
    record Failure(String code, String message, int line) {
    }

    /** A rendered value, or why it could not be rendered. */
    record Result(Optional<Object> value, Optional<Failure> failure) {
        static Result ok(Object v) {
            return new Result(Optional.of(v), Optional.empty());
        }

        static Result failed(Failure f) {
            return new Result(Optional.empty(), Optional.of(f));
        }
    }

    private static final Pattern SINGLE = Pattern.compile("^\\s*\\{\\{(.*)}}\\s*$", Pattern.DOTALL);
    private static final Pattern GUARDED = Pattern.compile(
            "([A-Za-z_]\\w*)(?:\\s*(?:\\.\\w+|\\[[^\\]]*]))*\\s*(?:\\|\\s*(?:default|d)\\b|is\\s+(?:not\\s+)?(?:defined|undefined|none)\\b)");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_]\\w*");
    /** The lookup plugins run on the controller at run time; the current render's state records them. */
    private static final ThreadLocal<Deque<RenderState>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);

    private final Jinjava jinjava;

    Jinja() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxRenderDepth(20)
                .build();
        jinjava = new Jinjava(config);
        Context global = jinjava.getGlobalContext();
        for (String name : List.of("lookup", "query", "q")) {
            global.registerFunction(new ELFunctionDefinition("", name, Jinja.class, "lookup" + name.length(),
                    Object[].class));
        }
        // Jinjava's range() stops at 1000 items without a word (range(1500)|length is 1000); Python's has no such
        // limit. lbguard's keeps Python's meaning and refuses, with a reason, what it will not build.
        global.registerFunction(new ELFunctionDefinition("", "range", Jinja.class, "range", Object.class,
                Object[].class));
        AnsibleFilters.register(global);
    }

    /** The most items {@code range()} builds; beyond, the template fails with that reason. */
    static final int RANGE_LIMIT = 100_000;

    /** Python's {@code range(stop)}, {@code range(start, stop[, step])}. */
    public static List<Long> range(Object first, Object... rest) {
        long start = 0;
        long stop;
        long step = 1;
        if (rest.length == 0) {
            stop = integer(first);
        } else {
            start = integer(first);
            stop = integer(rest[0]);
            step = rest.length > 1 ? integer(rest[1]) : 1;
        }
        if (step == 0) {
            return fail("range() arg 3 must not be zero");
        }
        long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                : (start > stop ? (start - stop - step - 1) / -step : 0);
        if (count > RANGE_LIMIT) {
            return fail("range() of " + count + " items is more than lbguard builds (" + RANGE_LIMIT + ")");
        }
        List<Long> out = new ArrayList<>((int) count);
        for (long i = 0, v = start; i < count; i++, v += step) {
            out.add(v);
        }
        return out;
    }

    private static long integer(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            fail("range() takes integers, not " + o);
            return 0;
        }
    }

    private static List<Long> fail(String reason) {
        Deque<RenderState> states = CURRENT.get();
        if (!states.isEmpty()) {
            states.peek().fail(new Failure("ansible-template-error", reason, 0));
        }
        return List.of();
    }

    /** Ansible's lookup(), query() and q(): never known before the play runs. */
    static Object lookup6(Object... args) {
        return runtimeOnly("lookup", args);
    }

    static Object lookup5(Object... args) {
        return runtimeOnly("query", args);
    }

    static Object lookup1(Object... args) {
        return runtimeOnly("q", args);
    }

    private static Object runtimeOnly(String fn, Object[] args) {
        StringBuilder call = new StringBuilder(fn).append('(');
        for (int i = 0; i < args.length; i++) {
            call.append(i == 0 ? "" : ", ").append('\'').append(args[i]).append('\'');
        }
        call.append(')');
        Deque<RenderState> states = CURRENT.get();
        if (!states.isEmpty()) {
            states.peek().fail(new Failure("ansible-lookup", call + " is evaluated on the controller when the play "
                    + "runs, so lbguard cannot know its value", 0));
        }
        return null;
    }

    /** True when {@code s} contains Jinja syntax and so needs rendering. */
    static boolean isTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    /**
     * Renders {@code template}. With {@code nativeTypes}, a lone {@code {{ expr }}} gives the expression's
     * value (a list, a number...) rather than its text, as Ansible does for variables and module arguments.
     */
    Result render(String template, Vars vars, boolean nativeTypes) {
        Matcher single = SINGLE.matcher(template);
        if (nativeTypes && single.matches() && !single.group(1).contains("{{") && !single.group(1).contains("}}")) {
            return run(template, vars, interp -> interp.resolveELExpression(single.group(1).trim(), 1));
        }
        return run(template, vars, interp -> interp.render(template));
    }

    /** Evaluates a bare expression, as in {@code when:} or a {@code loop:} without braces. */
    Result evaluate(String expression, Vars vars) {
        return run(expression, vars, interp -> interp.resolveELExpression(expression.trim(), 1));
    }

    private interface Step {
        Object apply(JinjavaInterpreter interp);
    }

    private Result run(String source, Vars vars, Step step) {
        RenderState state = new RenderState();
        Set<String> guarded = new HashSet<>();
        Matcher g = GUARDED.matcher(source);
        while (g.find()) {
            guarded.add(g.group(1));
        }
        Set<String> mentioned = new HashSet<>();
        Matcher id = IDENT.matcher(source);
        while (id.find()) {
            mentioned.add(id.group());
        }
        LazyContext context = new LazyContext(jinjava.getGlobalContext(), vars, state, mentioned);
        JinjavaInterpreter interp = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
        JinjavaInterpreter.pushCurrent(interp);
        CURRENT.get().push(state);
        Object out;
        try {
            out = step.apply(interp);
        } catch (UnknownTokenException e) {
            if (!state.failures.isEmpty()) {
                return Result.failed(state.failures.get(0));
            }
            return Result.failed(undefinedFailure(state, guarded).orElse(new Failure("ansible-undefined-variable",
                    "'" + e.getMessage() + "' is undefined", 0)));
        } catch (RuntimeException e) {
            // Jinjava reports most problems as errors, but some template mistakes surface as exceptions.
            return Result.failed(new Failure("ansible-template-error", String.valueOf(e.getMessage()), 0));
        } finally {
            CURRENT.get().pop();
            JinjavaInterpreter.popCurrent();
        }
        // A syntax error explains everything after it, so it is reported before what it made undefined.
        for (TemplateError e : interp.getErrors()) {
            if (e.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR) {
                return Result.failed(new Failure("ansible-template-syntax", e.getMessage(), Math.max(0, e.getLineno())));
            }
        }
        if (!state.failures.isEmpty()) {
            return Result.failed(state.failures.get(0));
        }
        Optional<Failure> undefined = undefinedFailure(state, guarded);
        if (undefined.isPresent()) {
            return Result.failed(undefined.get());
        }
        for (TemplateError e : interp.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL || e.getReason() == TemplateError.ErrorReason.UNKNOWN) {
                return Result.failed(new Failure("ansible-template-error", e.getMessage(), Math.max(0, e.getLineno())));
            }
        }
        return Result.ok(out == null ? "" : out);
    }

    private static Optional<Failure> undefinedFailure(RenderState state, Set<String> guarded) {
        return state.undefined.entrySet().stream().filter(e -> !guarded.contains(e.getKey())).findFirst()
                .map(e -> new Failure("ansible-undefined-variable", undefinedMessage(e.getKey()), e.getValue()));
    }

    private static String undefinedMessage(String name) {
        if (name.startsWith("ansible_") || name.equals("hostvars") || name.equals("facts")) {
            return "'" + name + "' is a fact gathered from the host when the play runs, so lbguard cannot know it";
        }
        return "'" + name + "' is undefined";
    }

    /** A Jinjava context that asks {@link Vars} for names it does not hold, and notes the undefined ones. */
    private static final class LazyContext extends Context {
        private final transient Vars vars;
        private final transient RenderState state;
        private final transient Set<String> mentioned;

        LazyContext(Context parent, Vars vars, RenderState state, Set<String> mentioned) {
            super(parent);
            this.vars = vars;
            this.state = state;
            this.mentioned = mentioned;
        }

        @Override
        public Object get(Object key) {
            Object v = super.get(key);
            if (v != null || !(key instanceof String name) || !mentioned.contains(name)) {
                return v;
            }
            Object resolved = vars.lookup(name, state);
            if (resolved == null) {
                JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
                state.undefined.putIfAbsent(name, current == null ? 0 : Math.max(0, current.getLineNumber()));
                return null;
            }
            // Cache in this render's scope: a name used twice is templated once.
            put(name, resolved);
            return resolved;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
