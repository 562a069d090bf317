package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.resources.TfValues;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.terraform.eval.ModuleCalls;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Terragrunt configuration as Terragrunt reads it: a file ({@code terragrunt.hcl}, or one that
 * {@code read_terragrunt_config} reads) with its {@code include}s merged in. Gives the {@code terraform.source}
 * that says which module the unit applies, the {@code inputs} that become that module's variables, and the
 * {@code dependency} blocks. {@link TerragruntUnreadSettings} reports what it does that lbguard does not read.
 */
final class TerragruntConfig {
    /** How deep {@code read_terragrunt_config} may nest: a file that reads itself is a cycle, not a hang. */
    private static final int MAX_DEPTH = 8;

    /** One {@code include} block and the file it names. */
    static final class Include {
        private final String name;
        private final Block block;
        private final String strategy;
        private final boolean expose;
        private Optional<TerragruntFile> file = Optional.empty();

        Include(String name, Block block, String strategy, boolean expose) {
            this.name = name;
            this.block = block;
            this.strategy = strategy;
            this.expose = expose;
        }

        String name() {
            return name;
        }

        boolean expose() {
            return expose;
        }

        boolean merged() {
            return !strategy.equals("no_merge");
        }

        Optional<TerragruntFile> file() {
            return file;
        }
    }

    /** Where the unit's module comes from. */
    record Source(Kind kind, String text, String moduleDir, SourceRef at) {
        enum Kind {
            /** No {@code terraform.source}: Terraform runs in the unit's own directory. */
            NONE,
            /** A directory of this repository. */
            LOCAL,
            /** A git, registry, HTTP or bucket source lbguard cannot read. */
            REMOTE,
            /** A source that could not be evaluated. */
            UNKNOWN
        }
    }

    private final EvalState state;
    private final String dir;
    private final Map<String, String> environment;
    private final Map<String, TerragruntConfig> reads;
    private final int depth;
    private final TerragruntFile own;
    private final List<Include> includes = new ArrayList<>();
    private final Map<TerragruntFile, TerragruntInputs.Set> fileInputs = new HashMap<>();
    private Map<String, TerragruntDependency> dependencies;

    private TerragruntConfig(EvalState state, String path, HclFile file, Map<String, String> environment,
                             Map<String, TerragruntConfig> reads, int depth) {
        this.state = state;
        int slash = path.lastIndexOf('/');
        this.dir = slash < 0 ? "" : path.substring(0, slash);
        this.environment = environment;
        this.reads = reads;
        this.depth = depth;
        this.own = new TerragruntFile(this, path, file.body(), Optional.empty());
        for (Block b : file.body().blocks("include")) {
            includes.add(include(b));
        }
    }

    /**
     * The configuration in {@code path}, read in {@code state}; empty after a diagnostic when it cannot be read.
     * {@code environment} is what {@code get_env} may read.
     */
    static Optional<TerragruntConfig> read(EvalState state, String path, Map<String, String> environment) {
        return read(state, path, environment, new HashMap<>(), 0);
    }

    private static Optional<TerragruntConfig> read(EvalState state, String path, Map<String, String> environment,
                                                   Map<String, TerragruntConfig> reads, int depth) {
        return state.loader.parse(path).map(f -> new TerragruntConfig(state, path, f, environment, reads, depth));
    }

    EvalState state() {
        return state;
    }

    /** {@code get_terragrunt_dir()}: the directory of the configuration read, as a tree path. */
    String dir() {
        return dir;
    }

    String path() {
        return own.path();
    }

    Map<String, String> environment() {
        return environment;
    }

    List<Include> includes() {
        return includes;
    }

    Optional<Include> include(String name) {
        return includes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The files this configuration reads, itself first. */
    List<String> files() {
        List<String> out = new ArrayList<>();
        out.add(own.path());
        includes.forEach(i -> i.file().ifPresent(f -> out.add(f.path())));
        return out;
    }

    /** This file, then the files of the includes merged into it. */
    List<TerragruntFile> mergedFiles() {
        List<TerragruntFile> files = new ArrayList<>();
        files.add(own);
        includes.stream().filter(Include::merged).forEach(i -> i.file().ifPresent(files::add));
        return files;
    }

    private Include include(Block b) {
        String name = b.labels().isEmpty() ? "" : b.labels().get(0);
        String strategy = b.body().attribute("merge_strategy").map(a -> TfValues.str(own.evaluate(a.expression()))
                .orElse("shallow")).orElse("shallow");
        if (!Set.of("no_merge", "shallow", "deep").contains(strategy)) {
            state.error("tg-include", "merge_strategy must be no_merge, shallow or deep, not " + strategy,
                    state.ref(b.body().attribute("merge_strategy").get().range()));
            strategy = "shallow";
        }
        boolean expose = b.body().attribute("expose").map(a -> own.evaluate(a.expression()))
                .filter(v -> v instanceof Value.Bool bv && bv.value()).isPresent();
        Include include = new Include(name, b, strategy, expose);
        Optional<Attribute> pathAttribute = b.body().attribute("path");
        if (pathAttribute.isEmpty()) {
            state.error("tg-include", "include " + name + " has no path", state.ref(b.range()));
            return include;
        }
        Optional<String> given = TfValues.str(own.evaluate(pathAttribute.get().expression()));
        if (given.isEmpty()) {
            return include;
        }
        Optional<String> path = own.treePath(given.get(), dir);
        if (path.isEmpty() || !state.tree.isFile(path.get())) {
            state.error("tg-include", "include " + name + " names " + given.get() + ", which is not a file of the "
                    + "repository", state.ref(pathAttribute.get().range()));
            return include;
        }
        state.loader.parse(path.get()).ifPresent(f -> {
            include.file = Optional.of(new TerragruntFile(this, path.get(), f.body(), Optional.of(include)));
            for (Block nested : f.body().blocks("include")) {
                state.error("tg-include", path.get() + " is included and includes another file itself, which "
                        + "lbguard does not read", state.ref(nested.range()));
            }
        });
        return include;
    }

    /** The dependency blocks, the included files' first and then this file's, by name. */
    Map<String, TerragruntDependency> dependencies() {
        if (dependencies == null) {
            dependencies = new LinkedHashMap<>();
            includes.stream().filter(Include::merged).forEach(i -> i.file()
                    .ifPresent(f -> dependencies.putAll(TerragruntDependency.of(f))));
            dependencies.putAll(TerragruntDependency.of(own));
        }
        return dependencies;
    }

    /** The {@code inputs} of one file of this configuration, unmerged. */
    TerragruntInputs.Set inputsOf(TerragruntFile file) {
        return fileInputs.computeIfAbsent(file, TerragruntInputs.Set::of);
    }

    /** The inputs Terraform gets: the included files' merged as each include says, this file's over them. */
    TerragruntInputs.Set inputs() {
        TerragruntInputs.Set merged = TerragruntInputs.Set.EMPTY;
        boolean deep = false;
        for (Include i : includes) {
            if (i.merged() && i.file().isPresent()) {
                merged = TerragruntInputs.Set.merge(merged, inputsOf(i.file().get()), i.strategy.equals("deep"));
                deep |= i.strategy.equals("deep");
            }
        }
        return TerragruntInputs.Set.merge(merged, inputsOf(own), deep);
    }

    /** {@code read_terragrunt_config(path)}: the file's locals, inputs and source as an object. */
    Value readConfig(String path, dev.lbguard.source.hcl.Range at) {
        if (depth >= MAX_DEPTH) {
            return state.fail("tg-read-config", "read_terragrunt_config nests more than " + MAX_DEPTH + " deep at "
                    + path + " (a file that reads itself?)", at);
        }
        TerragruntConfig other = reads.get(path);
        if (other == null) {
            Optional<TerragruntConfig> read = read(state, path, environment, reads, depth + 1);
            if (read.isEmpty()) {
                return Value.Unknown.unevaluable(path + " could not be read");
            }
            other = read.get();
            reads.put(path, other);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("locals", other.own.localsObject());
        fields.put("inputs", other.inputs().all());
        Source source = other.source();
        if (source.kind() != Source.Kind.NONE) {
            fields.put("terraform", Value.Obj.object(Map.of("source", new Value.Str(source.text()))));
        }
        return Value.Obj.object(fields);
    }

    /** {@code terraform { source = ... }}: this file's, else that of the last merged include that sets one. */
    Source source() {
        List<TerragruntFile> files = new ArrayList<>();
        files.add(own);
        for (int i = includes.size() - 1; i >= 0; i--) {
            Include inc = includes.get(i);
            if (inc.merged()) {
                inc.file().ifPresent(files::add);
            }
        }
        for (TerragruntFile f : files) {
            for (Block t : f.body().blocks("terraform")) {
                Optional<Attribute> a = t.body().attribute("source");
                if (a.isPresent()) {
                    return source(f, a.get());
                }
            }
        }
        return new Source(Source.Kind.NONE, "", dir, state.fileRef(own.path()));
    }

    private Source source(TerragruntFile file, Attribute a) {
        SourceRef at = state.ref(a.range());
        Value v = file.evaluate(a.expression());
        Optional<String> text = TfValues.str(v);
        if (text.isEmpty()) {
            return new Source(Source.Kind.UNKNOWN, TfValues.display(v).orElse("?"), "", at);
        }
        String s = text.get();
        if (isRemote(s)) {
            return new Source(Source.Kind.REMOTE, s, "", at);
        }
        String path = s.replaceFirst("\\?.*$", "");
        int sub = path.indexOf("//", 1);
        String base = sub < 0 ? path : path.substring(0, sub);
        String inner = sub < 0 ? "" : path.substring(sub + 2);
        Optional<String> module = file.treePath(base, dir).flatMap(b -> ModuleCalls.join(b, inner));
        if (module.isEmpty()) {
            return new Source(Source.Kind.REMOTE, s, "", at);
        }
        return new Source(Source.Kind.LOCAL, s, module.get(), at);
    }

    /** A source go-getter fetches (git, a registry, HTTP, a bucket) rather than copies from a local directory. */
    static boolean isRemote(String source) {
        return source.contains("::") || source.matches("^[a-z][a-z0-9+.-]*://.*")
                || source.matches("^(github\\.com|bitbucket\\.org|gitlab\\.com)[:/].*")
                // SCP-style git, as go-getter reads it: git@github.com:acme/modules.git//alb?ref=v1
                || source.matches("^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:.*")
                || source.matches("^[a-z0-9-]+(\\.[a-z0-9-]+)+/.*") && !source.startsWith(".");
    }
}
