package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Terraform's built-in function library, by name. {@code try} and {@code can} are not here because they need their
 * arguments unevaluated; the expression evaluator implements them.
 */
public final class Functions {
    /** The most elements a function builds (setproduct of three range(1000) would be a billion). */
    static final int MAX_ELEMENTS = 1_000_000;

    /**
     * The functions that read the configuration's files: the evaluator binds them to its tree (see
     * {@code eval.FileFunctions}); the library keeps tree-less stand-ins for their names.
     */
    public static final Set<String> FILE_FUNCTIONS = Set.of("file", "filebase64", "fileexists", "fileset",
            "templatefile", "filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256",
            "filebase64sha512");

    private static final Map<String, TfFunction> ALL = build();

    private Functions() {
    }

    public static Optional<TfFunction> lookup(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(ALL.keySet()));
    }

    private static Map<String, TfFunction> build() {
        Registry r = new Registry();
        StringFunctions.register(r);
        FormatFunctions.register(r);
        RegexFunctions.register(r);
        CollectionFunctions.register(r);
        SequenceFunctions.register(r);
        SetFunctions.register(r);
        NumericFunctions.register(r);
        EncodingFunctions.register(r);
        NetworkFunctions.register(r);
        TypeFunctions.register(r);
        PathFunctions.register(r);
        TimeFunctions.register(r);
        CsvFunctions.register(r);
        YamlFunctions.register(r);
        TextEncodingFunctions.register(r);
        UuidFunctions.register(r);
        return Collections.unmodifiableMap(r.functions);
    }

    /** Collects the functions of each theme, with Terraform's arity checks and message framing. */
    public static final class Registry {
        static final int VARIADIC = Integer.MAX_VALUE;
        private final Map<String, TfFunction> functions = new TreeMap<>();

        /** A function that handles unknown arguments itself (collection builders keep unknown elements). */
        public void lenient(String name, int min, int max, TfFunction impl) {
            functions.put(name, framed(name, min, max, impl));
        }

        /** A function whose result is unknown as soon as any argument is not wholly known. */
        public void strict(String name, int min, int max, TfFunction impl) {
            functions.put(name, framed(name, min, max, args -> Convert.allWhollyKnown(args) ? impl.call(args)
                    : Convert.unknownOf(args)));
        }

        /** The function registered as {@code name}. */
        public Optional<TfFunction> get(String name) {
            return Optional.ofNullable(functions.get(name));
        }

        private static TfFunction framed(String name, int min, int max, TfFunction impl) {
            return args -> {
                if (args.size() < min) {
                    throw new EvalException("Not enough function arguments: Function \"" + name + "\" expects "
                            + (min == max ? "" : "at least ") + min + " argument(s).");
                }
                if (args.size() > max) {
                    throw new EvalException("Too many function arguments: Function \"" + name + "\" expects "
                            + (min == max ? "only " : "at most ") + max + " argument(s).");
                }
                try {
                    return impl.call(List.copyOf(args));
                } catch (EvalException e) {
                    String framing = e.getMessage().startsWith("Invalid value for") ? "Invalid function argument: "
                            : "Call to function \"" + name + "\" failed: ";
                    throw new EvalException(framing + e.getMessage());
                }
            };
        }
    }
}
