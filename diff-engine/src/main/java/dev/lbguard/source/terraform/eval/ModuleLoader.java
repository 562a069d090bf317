package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.UnreadScope;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.BlockChunks;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.terraform.modules.JsonConfiguration;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.terraform.modules.Overrides;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code *.tf} and {@code *.tf.json} files of module directories into {@link ModuleConfig}s, each directory once. */
public final class ModuleLoader {
    private final EvalState state;
    private final Map<String, ModuleConfig> cache = new HashMap<>();
    // The files this evaluation parsed, by path and content id; and those the previous evaluation of the same root
    // module parsed (see Reuse), which an unchanged blob takes without the shared cache.
    private final Map<String, ParsedFiles.Parse> parsed = new HashMap<>();
    private Map<String, ParsedFiles.Parse> previous = Map.of();
    private Map<String, ParsedFiles.Parse> previousByPath;

    ModuleLoader(EvalState state) {
        this.state = state;
    }

    ModuleConfig load(String dir) {
        return cache.computeIfAbsent(dir, this::read);
    }

    /**
     * Loads the configuration of a called module: not a read of the tree by the value being computed, as whoever
     * takes a module instance over compares the declarations (see {@link InstanceTakeover}).
     */
    ModuleConfig loadCalled(String dir) {
        return state.watched.unwatched(() -> load(dir));
    }

    /** The files this evaluation parsed, by path and content id. */
    Map<String, ParsedFiles.Parse> parsed() {
        return parsed;
    }

    /** The characters of source of the files this evaluation parsed: what evaluating them again costs. */
    long parsedChars() {
        long n = 0;
        for (ParsedFiles.Parse p : parsed.values()) {
            n += p.chars();
        }
        return n;
    }

    /** The files the previous evaluation of the same root module parsed, to take unchanged blobs from. */
    void previous(Map<String, ParsedFiles.Parse> files) {
        previous = files;
        previousByPath = null;
    }

    /** The text of a file, or empty after an error diagnostic when it is unreadable, binary or not UTF-8. */
    Optional<String> readText(String path) {
        byte[] bytes;
        try {
            bytes = state.tree.read(path);
        } catch (IOException | RuntimeException e) {
            state.error("tf-unreadable-file", "cannot read " + path + ": " + e.getMessage(), state.fileRef(path),
                    UnreadScope.path(path));
            return Optional.empty();
        }
        for (byte b : bytes) {
            if (b == 0) {
                state.error("tf-unreadable-file", path + " is a binary file (it contains NUL bytes); not read",
                        state.fileRef(path), UnreadScope.path(path));
                return Optional.empty();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            state.error("tf-unreadable-file", path + " is not valid UTF-8; not read", state.fileRef(path),
                    UnreadScope.path(path));
            return Optional.empty();
        }
    }

    /**
     * Parses a file read by {@link #readText}, in Terraform's JSON syntax when its name ends {@code .tf.json}; a
     * syntax error becomes a diagnostic at its position.
     */
    public Optional<HclFile> parse(String path) {
        return parsed(path).flatMap(ParsedFiles.Parse::file);
    }

    /** The parse of a file, as {@link #parse}; empty after an error diagnostic when the file is unreadable. */
    private Optional<ParsedFiles.Parse> parsed(String path) {
        // A blob parsed before (an earlier revision, another root holding it) is not read or parsed again.
        Optional<String> id = state.tree.contentId(path);
        // The root module's own files come from its previous evaluation (see Reuse); the shared cache holds the
        // files of modules and other directories, which several root modules read and which change seldom. A root
        // module's files in it would only churn: each commit of a history parses new ones that are seldom read
        // again, and cached blobs that die late cost the collector (measured: a history of small roots ran 20%
        // slower with them cached).
        boolean shareable = !parent(path).equals(state.rootDir);
        Optional<ParsedFiles.Parse> known = id.flatMap(i -> Optional.ofNullable(previous.get(path + '\0' + i))
                .or(() -> shareable ? ParsedFiles.shared().get(path, i) : Optional.empty()));
        if (known.isPresent()) {
            parsed.put(path + '\0' + id.get(), known.get());
            return Optional.of(reported(path, known.get()));
        }
        Optional<String> text = readText(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        ParsedFiles.Parse parse;
        try {
            if (path.endsWith(".tf.json")) {
                parse = ParsedFiles.Parse.of(JsonConfiguration.parse(path, text.get()), List.of(),
                        text.get().length());
            } else {
                BlockChunks.Parsed p = BlockChunks.parse(path, text.get(), previousChunks(path));
                // Only a root module's files keep their pieces: the next revision's evaluation of the root takes
                // them; a module's files are shared by blob and parsed again seldom.
                parse = ParsedFiles.Parse.of(p.file(), shareable ? List.of() : p.chunks(), text.get().length());
            }
        } catch (HclSyntaxException e) {
            parse = ParsedFiles.Parse.failed(e, text.get().length());
        } catch (RuntimeException e) {
            state.error("hcl-syntax", "cannot parse " + path + ": " + e, state.fileRef(path), UnreadScope.path(path));
            return Optional.empty();
        }
        if (id.isPresent()) {
            if (shareable) {
                ParsedFiles.shared().put(path, id.get(), parse);
            }
            parsed.put(path + '\0' + id.get(), parse);
        }
        return Optional.of(reported(path, parse));
    }

    /** The pieces of the file's version the previous evaluation parsed, when it parsed one. */
    private List<BlockChunks.Chunk> previousChunks(String path) {
        if (previousByPath == null) {
            previousByPath = new HashMap<>();
            previous.forEach((key, parse) -> previousByPath.put(key.substring(0, key.indexOf('\0')), parse));
        }
        ParsedFiles.Parse before = previousByPath.get(path);
        return before == null ? List.of() : before.chunks();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The parse, after reporting its syntax error, if any, at its position. */
    private ParsedFiles.Parse reported(String path, ParsedFiles.Parse parse) {
        parse.error().ifPresent(e -> state.error("hcl-syntax", e.detail(), new dev.lbguard.diagnostic.SourceRef(path,
                Math.max(0, e.line()), Math.max(0, e.column()), state.tree.revision()), UnreadScope.path(path)));
        return parse;
    }

    private ModuleConfig read(String dir) {
        List<ParsedFiles.Parse> files = new ArrayList<>();
        List<ParsedFiles.Parse> overrides = new ArrayList<>();
        boolean any = false;
        for (String name : state.tree.files(dir)) {
            String path = SourceTree.join(dir, name);
            boolean json = name.endsWith(".tf.json");
            if (!json && !name.endsWith(".tf")) {
                continue;
            }
            any = true;
            String stem = name.substring(0, name.length() - (json ? 8 : 3));
            // Terraform reads .tf and .tf.json files of a directory alike, and merges their override files alike.
            parsed(path).filter(p -> p.file().isPresent())
                    .ifPresent(stem.equals("override") || stem.endsWith("_override") ? overrides::add : files::add);
        }
        if (!any) {
            state.error("tf-no-files", "no Terraform files in " + (dir.isEmpty() ? "." : dir), state.fileRef(dir));
        }
        return collect(dir, files, overrides, any);
    }

    private ModuleConfig collect(String dir, List<ParsedFiles.Parse> files, List<ParsedFiles.Parse> overrides,
                                 boolean hasFiles) {
        Map<String, Block> variables = new LinkedHashMap<>();
        Map<String, Attribute> locals = new LinkedHashMap<>();
        Map<String, Block> outputs = new LinkedHashMap<>();
        Map<String, Block> resources = new LinkedHashMap<>();
        Map<String, Block> data = new LinkedHashMap<>();
        Map<String, Block> modules = new LinkedHashMap<>();
        List<Block> moved = new ArrayList<>();
        for (ParsedFiles.Parse f : files) {
            List<Block> blocks = f.file().orElseThrow().body().blocks();
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                String key = f.keys().get(i);
                switch (b.type()) {
                    case "variable" -> declare(variables, b, key, 1, "variable");
                    case "output" -> declare(outputs, b, key, 1, "output");
                    case "module" -> declare(modules, b, key, 1, "module");
                    case "resource" -> declare(resources, b, key, 2, "resource");
                    case "data" -> declare(data, b, key, 2, "data source");
                    case "moved" -> moved.add(b);
                    case "locals" -> {
                        for (Attribute a : b.body().attributes()) {
                            if (locals.putIfAbsent(a.name(), a) != null) {
                                state.error("tf-duplicate", "duplicate local value " + a.name(),
                                        state.ref(a.range()));
                            }
                        }
                    }
                    default -> {
                        // terraform, provider, import, check, removed: nothing lbguard plans from them
                    }
                }
            }
        }
        // Terraform applies override files after all primary files, in lexical order.
        for (ParsedFiles.Parse f : overrides) {
            List<Block> blocks = f.file().orElseThrow().body().blocks();
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                String key = f.keys().get(i);
                switch (b.type()) {
                    case "variable" -> override(variables, b, key, "variable");
                    case "output" -> override(outputs, b, key, "output");
                    case "module" -> override(modules, b, key, "module");
                    case "resource" -> override(resources, b, key, "resource");
                    case "data" -> override(data, b, key, "data source");
                    case "locals" -> {
                        for (Attribute a : b.body().attributes()) {
                            if (locals.replace(a.name(), a) == null) {
                                state.error("tf-override", "override of local value " + a.name()
                                        + ", which no other file defines", state.ref(a.range()));
                            }
                        }
                    }
                    default -> {
                        // terraform and provider overrides change nothing lbguard plans
                    }
                }
            }
        }
        return new ModuleConfig(dir, variables, locals, outputs, resources, data, modules, moved, hasFiles);
    }

    private void override(Map<String, Block> in, Block b, String key, String what) {
        Block original = in.get(key);
        if (original == null) {
            state.error("tf-override", "override of " + what + " " + key + ", which no other file declares",
                    state.ref(b.range()));
            return;
        }
        in.put(key, Overrides.merge(original, b));
    }

    private void declare(Map<String, Block> into, Block b, String key, int labels, String what) {
        if (b.labels().size() != labels) {
            state.error("tf-block", what + " block needs " + labels + " label(s)", state.ref(b.range()));
            return;
        }
        if (into.putIfAbsent(key, b) != null) {
            state.error("tf-duplicate", "duplicate " + what + " " + key, state.ref(b.range()));
        }
    }
}
