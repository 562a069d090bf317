package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.SourceTree;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.hcl.Range;
import dev.lbguard.source.terraform.functions.EncodingFunctions;
import dev.lbguard.source.terraform.functions.Functions;
import dev.lbguard.source.terraform.functions.PathFunctions;
import dev.lbguard.source.terraform.functions.TfFunction;
import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The functions that read files ({@code file}, {@code templatefile}, {@code fileexists}, {@code fileset},
 * {@code filebase64} and the file hashes). They read the snapshot's {@link SourceTree}, never the machine's
 * disk, so a git revision evaluates as it was committed. As in Terraform, a relative path is relative to the
 * root module's directory (where {@code terraform plan} runs), which is why modules write
 * {@code "${path.module}/x"}. A path that leaves the tree names a file lbguard cannot see: that is reported
 * even inside {@code try()}, because Terraform would have read it.
 */
public final class FileFunctions {
    /** The functions this class implements; {@code Functions} keeps tree-less stand-ins for their names. */
    public static final Set<String> NAMES = Functions.FILE_FUNCTIONS;

    private final ExprEvaluator evaluator;
    private final EvalState state;
    private final Range call;
    private final Scope scope;

    public FileFunctions(ExprEvaluator evaluator, Range call, Scope scope) {
        this.evaluator = evaluator;
        this.state = evaluator.state();
        this.call = call;
        this.scope = scope;
    }

    /** The function {@code name} (one of {@link #NAMES}) bound to this call site. */
    public TfFunction function(String name) {
        Functions.Registry r = new Functions.Registry();
        r.strict("file", 1, 1, args -> {
            Optional<byte[]> bytes = read(args.get(0));
            return bytes.isEmpty() ? outside() : new Value.Str(utf8(bytes.get(), args.get(0)));
        });
        r.strict("filebase64", 1, 1, args -> read(args.get(0))
                .map(b -> (Value) new Value.Str(Base64.getEncoder().encodeToString(b))).orElseGet(this::outside));
        r.strict("fileexists", 1, 1, args -> exists(args.get(0)));
        r.strict("fileset", 2, 2, args -> fileset(args.get(0), args.get(1)));
        // Lenient: an unknown among the vars makes only the parts of the template that use it unknown.
        r.lenient("templatefile", 2, 2, this::templatefile);
        hash(r, "filemd5", "MD5", false);
        hash(r, "filesha1", "SHA-1", false);
        hash(r, "filesha256", "SHA-256", false);
        hash(r, "filesha512", "SHA-512", false);
        hash(r, "filebase64sha256", "SHA-256", true);
        hash(r, "filebase64sha512", "SHA-512", true);
        return r.get(name).orElseThrow(() -> new IllegalArgumentException("not a file function: " + name));
    }

    private void hash(Functions.Registry r, String name, String algorithm, boolean base64) {
        r.strict(name, 1, 1, args -> readOpened(args.get(0)).map(b -> {
            byte[] digest = EncodingFunctions.digest(algorithm, b);
            return (Value) new Value.Str(base64 ? Base64.getEncoder().encodeToString(digest)
                    : HexFormat.of().formatHex(digest));
        }).orElseGet(this::outside));
    }

    /**
     * The tree path a path argument names, resolved as Terraform does: home-relative and absolute paths are
     * taken as they are, others are joined to the root module's directory and cleaned. Empty when the result is
     * not in the tree.
     */
    private Optional<String> resolve(String given) {
        boolean absolute = given.startsWith("/") || given.startsWith("\\") || given.startsWith("~")
                || given.matches("^[A-Za-z]:.*");
        return absolute ? Optional.empty() : ModuleCalls.join(state.rootDir, given.replace('\\', '/'));
    }

    private Optional<String> resolveOrReport(Value path) throws EvalException {
        String given = Convert.string(path, "path");
        Optional<String> resolved = resolve(given);
        if (resolved.isEmpty()) {
            state.error("tf-file-outside-tree", "\"" + given + "\" is outside the configuration's tree; lbguard "
                    + "reads files only from the tree it evaluates, so this function's value is not evaluated",
                    state.ref(call));
        }
        return resolved;
    }

    /** The unknown standing for the result of a function whose path left the tree (already reported). */
    private Value outside() {
        return Value.Unknown.unevaluable("a file function names a path outside the configuration's tree");
    }

    private Optional<byte[]> read(Value path) throws EvalException {
        Optional<String> resolved = resolveOrReport(path);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        String given = Convert.string(path, "path");
        if (!state.tree.isFile(resolved.get())) {
            throw new EvalException("Invalid value for \"path\" parameter: no file exists at \"" + given
                    + "\"; this function works only with files that are distributed as part of the configuration"
                    + " source code, so if this file will be created by a resource in this configuration you must"
                    + " instead obtain this result from an attribute of that resource.");
        }
        try {
            return Optional.of(state.tree.read(resolved.get()));
        } catch (IOException e) {
            throw new EvalException("failed to read file \"" + given + "\": " + e.getMessage());
        }
    }

    /** As {@link #read}, but a file that is not there fails as the hash functions' own {@code os.Open} does. */
    private Optional<byte[]> readOpened(Value path) throws EvalException {
        String given = Convert.string(path, "path");
        Optional<String> resolved = resolve(given);
        if (resolved.isPresent() && !state.tree.isFile(resolved.get())) {
            String shown = PathFunctions.clean(given);
            throw new EvalException(state.tree.isDirectory(resolved.get()) ? "read " + shown + ": is a directory"
                    : "open " + shown + ": no such file or directory");
        }
        return read(path);
    }

    private static String utf8(byte[] bytes, Value path) throws EvalException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new EvalException("contents of \"" + Convert.string(path, "path") + "\" are not valid UTF-8; use"
                    + " the filebase64 function to obtain the Base64 encoded contents or the other file functions"
                    + " (e.g. filemd5, filesha256) to obtain file hashing results instead");
        }
    }

    private Value exists(Value path) throws EvalException {
        Optional<String> resolved = resolveOrReport(path);
        if (resolved.isEmpty()) {
            return outside();
        }
        if (state.tree.isDirectory(resolved.get())) {
            throw new EvalException("\"" + Convert.string(path, "path") + "\" is a directory, not a file");
        }
        return new Value.Bool(state.tree.isFile(resolved.get()));
    }

    private Value fileset(Value path, Value pattern) throws EvalException {
        Optional<String> base = resolveOrReport(path);
        if (base.isEmpty()) {
            return outside();
        }
        Pattern glob = Glob.compile(Convert.string(pattern, "pattern"));
        List<String> files = new ArrayList<>();
        walk(base.get(), "", files);
        List<Value> matches = new ArrayList<>();
        for (String f : files) {
            if (glob.matcher(f).matches()) {
                matches.add(new Value.Str(f));
            }
        }
        return Value.Values.set(matches);
    }

    /** Every regular file under {@code dir}, as paths relative to the directory the walk started from. */
    private void walk(String dir, String prefix, List<String> out) {
        for (String name : state.tree.files(dir)) {
            out.add(prefix + name);
        }
        for (String name : state.tree.directories(dir)) {
            walk(SourceTree.join(dir, name), prefix + name + "/", out);
        }
    }

    private Value templatefile(List<Value> args) throws EvalException {
        if (!Convert.isWhollyKnown(args.get(0))) {
            return Convert.unknownOf(args.get(0));
        }
        if (scope.refs() == TEMPLATE_REFS) {
            throw new EvalException("cannot recursively call templatefile from inside another template function");
        }
        Optional<byte[]> bytes = read(args.get(0));
        if (bytes.isEmpty()) {
            return outside();
        }
        Value vars = args.get(1);
        if (vars instanceof Value.Unknown u) {
            return ValueOps.derived(u);
        }
        if (!(vars instanceof Value.Obj obj)) {
            throw new EvalException("Invalid value for \"vars\" parameter: invalid vars value: must be a map.");
        }
        for (String name : obj.fields().keySet()) {
            if (!name.matches("[\\p{L}_][\\p{L}\\p{N}_-]*")) {
                throw new EvalException("invalid template variable name \"" + name + "\": must start with a letter,"
                        + " followed by zero or more letters, digits, and underscores");
            }
        }
        String path = resolve(Convert.string(args.get(0), "path")).orElseThrow();
        Expression.Template template;
        try {
            template = HclParser.parseTemplate(path, utf8(bytes.get(), args.get(0)));
        } catch (HclSyntaxException e) {
            throw new EvalException("failed to parse template: " + path + ":" + e.line() + "," + e.column() + ": "
                    + e.detail());
        }
        // Only the vars are in scope, as in Terraform: no var., local. or resource references.
        Scope inner = new Scope(TEMPLATE_REFS, obj.fields(), List.of());
        return evaluator.eval(template, inner);
    }

    /** The references of a template file: none, every name must come from the vars argument. */
    private static final Refs TEMPLATE_REFS = new Refs() {
        @Override
        public Resolved resolve(Expression.Variable root, List<Step> steps, ExprEvaluator evaluator, Scope scope)
                throws EvalException {
            Range r = root.range();
            throw new EvalException("vars map does not contain key \"" + root.name() + "\", referenced at "
                    + r.file() + ":" + r.startLine() + "," + r.startColumn() + "-" + r.endColumn());
        }

        @Override
        public boolean allowsFunctions() {
            return true;
        }
    };
}
