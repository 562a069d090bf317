package dev.lbguard.source.ansible;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ansible filters that load-balancer playbooks use and Jinjava lacks ({@code to_json}, {@code ternary},
 * {@code combine}, {@code dict2items}, {@code flatten}, {@code mandatory}); Jinjava already has
 * {@code default}, {@code lower}, {@code upper}, {@code join}, {@code int}, {@code string}, {@code replace},
 * {@code trim}, {@code bool} and {@code regex_replace}.
 */
final class AnsibleFilters {
    private AnsibleFilters() {
    }

    static void register(Context global) {
        global.registerFilter(alias("to_json", global.getFilter("tojson")));
        global.registerFilter(alias("to_nice_json", global.getFilter("tojson")));
        global.registerFilter(alias("to_yaml", global.getFilter("toyaml")));
        global.registerFilter(alias("to_nice_yaml", global.getFilter("toyaml")));
        global.registerFilter(objectFilter("ternary", (var, args) ->
                truthy(var) ? arg(args, 0) : arg(args, 1)));
        global.registerFilter(objectFilter("combine", AnsibleFilters::combine));
        global.registerFilter(objectFilter("dict2items", (var, args) -> dict2items(var)));
        global.registerFilter(objectFilter("flatten", (var, args) -> flatten(var, new ArrayList<>())));
        global.registerFilter(objectFilter("mandatory", (var, args) -> {
            if (var == null) {
                throw new IllegalArgumentException("mandatory variable not defined");
            }
            return var;
        }));
    }

    /** Ansible's truthiness: false, 0, "", empty collections, and the YAML 1.1 false words are false. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            return !(t.isEmpty() || t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")
                    || t.equals("n"));
        }
        if (v instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private interface ObjectFilter {
        Object apply(Object var, Object[] args);
    }

    private static Object arg(Object[] args, int i) {
        return i < args.length ? args[i] : "";
    }

    private static Filter objectFilter(String name, ObjectFilter f) {
        return new Filter() {
            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return f.apply(var, args);
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                return f.apply(var, args);
            }

            @Override
            public String getName() {
                return name;
            }
        };
    }

    private static Filter alias(String name, Filter target) {
        return new Filter() {
            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return target.filter(var, interpreter, args);
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                return target.filter(var, interpreter, args, kwargs);
            }

            @Override
            public String getName() {
                return name;
            }
        };
    }

    private static Object combine(Object var, Object[] args) {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (var instanceof Map<?, ?> m) {
            out.putAll(m);
        }
        for (Object a : args) {
            if (a instanceof Map<?, ?> m) {
                out.putAll(m);
            }
        }
        return out;
    }

    private static Object dict2items(Object var) {
        List<Object> out = new ArrayList<>();
        if (var instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", k);
                item.put("value", v);
                out.add(item);
            });
        }
        return out;
    }

    private static List<Object> flatten(Object var, List<Object> out) {
        if (var instanceof Iterable<?> it) {
            for (Object o : it) {
                if (o instanceof Iterable<?>) {
                    flatten(o, out);
                } else {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
