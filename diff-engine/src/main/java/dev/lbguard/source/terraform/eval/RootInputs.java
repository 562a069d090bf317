package dev.lbguard.source.terraform.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.terraform.modules.ModuleConfig;
import dev.lbguard.source.value.JsonNumbers;
import dev.lbguard.source.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values given to the root module's variables, in Terraform's precedence (later wins): {@code TF_VAR_*},
 * {@code terraform.tfvars}, {@code terraform.tfvars.json}, {@code *.auto.tfvars(.json)} in lexical order,
 * then {@code --var-file} and {@code --var} in command-line order; and the workspace the root module is read in.
 */
public final class RootInputs implements Variables.Source {
    /** Variables' numbers are exact decimals in Terraform, as in lbguard: not doubles. */
    private static final ObjectMapper TFVARS_JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final EvalState state;
    private final ModuleConfig root;
    private final Map<String, Variables.Given> given = new HashMap<>();
    // Where a value that is not in the repository came from (the environment, --var, a var file outside git),
    // so that reports say which of their answers hold only for the values given.
    private final Map<String, String> outside = new HashMap<>();
    private String reading = "";

    public RootInputs(EvalState state, ModuleConfig root, TerraformInputs inputs) {
        this.state = state;
        this.root = root;
        state.workspace(inputs.workspace().forRootModule(root.dir()), inputs.workspace().origin(root.dir()));
        inputs.environment().forEach((name, raw) -> {
            // Terraform ignores TF_VAR_ values of undeclared variables without a word.
            if (root.variables().containsKey(name)) {
                reading = "the environment (TF_VAR_" + name + ")";
                raw(name, raw, state.fileRef("TF_VAR_" + name));
            }
        });
        reading = "";
        for (String file : autoFiles()) {
            String path = SourceTree.join(root.dir(), file);
            if (file.endsWith(".json")) {
                state.loader.readText(path).ifPresent(text -> json(path, text));
            } else {
                state.loader.parse(path).ifPresent(this::hcl);
            }
        }
        for (TerraformInputs.CommandLineVar v : inputs.commandLine()) {
            if (v instanceof TerraformInputs.CommandLineVar.VarFile f) {
                reading = "--var-file " + fileName(f.path());
                varFile(f);
            } else if (v instanceof TerraformInputs.CommandLineVar.TrackedVarFile t) {
                reading = state.tree.revision().isEmpty() ? "--var-file " + fileName(t.path()) : "";
                trackedVarFile(t);
            } else if (v instanceof TerraformInputs.CommandLineVar.Var var) {
                reading = "--var " + var.name();
                SourceRef at = state.fileRef("--var " + var.name());
                String meant = root.variables().containsKey(var.name()) ? ""
                        : dev.lbguard.diagnostic.Spelling.closest(var.name(), List.copyOf(root.variables().keySet()));
                if (!meant.isEmpty()) {
                    // A misspelt name the root then does without: Terraform refuses it, and so does lbguard.
                    state.error("tf-variable-undeclared", "--var sets variable " + var.name() + ", which the root "
                            + "module does not declare; did you mean " + meant + "?", at);
                } else if (!root.variables().containsKey(var.name()) && var.everyRoot()) {
                    // Terraform, run in one root at a time, would refuse it here; but lbguard gave it to every root
                    // it reads, and this root reads no such variable, so no request moves by it.
                    state.warning("tf-variable-undeclared", "--var sets variable " + var.name() + ", which root "
                            + "module " + (root.dir().isEmpty() ? "." : root.dir()) + " does not declare: not used "
                            + "here (without --dir every root read gets each --var; name the root with --dir to "
                            + "have Terraform's check)", at);
                } else if (!root.variables().containsKey(var.name())) {
                    state.error("tf-variable-undeclared", "--var sets variable " + var.name()
                            + ", which the root module does not declare", at);
                } else {
                    raw(var.name(), var.value(), at);
                }
            }
        }
    }

    private List<String> autoFiles() {
        List<String> files = state.tree.files(root.dir());
        List<String> out = new ArrayList<>();
        for (String fixed : List.of("terraform.tfvars", "terraform.tfvars.json")) {
            if (files.contains(fixed)) {
                out.add(fixed);
            }
        }
        files.stream().filter(f -> f.endsWith(".auto.tfvars") || f.endsWith(".auto.tfvars.json"))
                .sorted().forEach(out::add);
        return out;
    }

    /** A committed var file as the revision being read has it; files on disk as the caller read it. */
    private void trackedVarFile(TerraformInputs.CommandLineVar.TrackedVarFile t) {
        if (state.tree.revision().isEmpty()) {
            varFile(new TerraformInputs.CommandLineVar.VarFile(t.path(), t.content()));
        } else if (!state.tree.isFile(t.repositoryPath())) {
            state.error("tf-var-file-missing", "--var-file " + t.path() + " does not exist at revision "
                    + state.tree.revision() + " (it is " + t.repositoryPath() + " in the repository)",
                    state.fileRef(t.repositoryPath()));
        } else {
            otherModulesVarFile(t);
            state.loader.readText(t.repositoryPath()).ifPresent(text ->
                    varFile(new TerraformInputs.CommandLineVar.VarFile(t.repositoryPath(), text)));
        }
    }

    /**
     * A var file kept in another module's directory ({@code envs/prod/prod.tfvars} while reading {@code envs/dev})
     * is most likely that root's: {@code --var-file} gives it to every root read, which Terraform, run in one root
     * at a time, never does. A warning names it; one beside the root, above it or in a directory of no module is
     * taken as meant for all.
     */
    private void otherModulesVarFile(TerraformInputs.CommandLineVar.TrackedVarFile t) {
        String path = t.repositoryPath();
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        boolean aboveOrHere = dir.isEmpty() || root.dir().equals(dir) || root.dir().startsWith(dir + "/");
        // Only a warning hangs on this look: what the directory holds is not something the root reads.
        if (!aboveOrHere && state.tree.unrecorded().files(dir).stream()
                .anyMatch(f -> f.endsWith(".tf") || f.endsWith(".tf.json"))) {
            state.warning("tf-var-file-other-module", "--var-file " + t.path() + " lies in the directory of another "
                    + "module (" + dir + ") and is read for the root module " + (root.dir().isEmpty() ? "." : root.dir())
                    + " too, as --var-file gives it to every root read; give --dir to read a root with its own var "
                    + "file", state.fileRef(path));
        }
    }

    private void varFile(TerraformInputs.CommandLineVar.VarFile f) {
        if (f.path().endsWith(".json")) {
            json(f.path(), f.content());
            return;
        }
        try {
            hcl(HclParser.parse(f.path(), f.content()));
        } catch (HclSyntaxException e) {
            state.error("hcl-syntax", e.detail(), new SourceRef(f.path(), Math.max(0, e.line()),
                    Math.max(0, e.column()), ""));
        }
    }

    private void hcl(HclFile file) {
        for (Block b : file.body().blocks()) {
            state.error("tf-tfvars", "a variables file holds only name = value assignments, not blocks",
                    state.ref(b.range()));
        }
        for (Attribute a : file.body().attributes()) {
            SourceRef at = state.ref(a.nameRange());
            if (declared(a.name(), at)) {
                put(a.name(), new Variables.Given(Variables.constant(state, a.expression()), at));
            }
        }
    }

    private void json(String path, String text) {
        JsonNode node;
        try {
            node = JsonNumbers.readTree(TFVARS_JSON, text);
        } catch (IOException e) {
            state.error("tf-tfvars", path + " is not valid JSON: " + e.getMessage(), state.fileRef(path));
            return;
        }
        if (node == null || !node.isObject()) {
            state.error("tf-tfvars", path + " must hold a JSON object", state.fileRef(path));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SourceRef at = state.fileRef(path);
            if (declared(e.getKey(), at)) {
                put(e.getKey(), new Variables.Given(fromJson(e.getValue()), at));
            }
        }
    }

    private boolean declared(String name, SourceRef at) {
        if (root.variables().containsKey(name)) {
            return true;
        }
        // Terraform warns about these too: a likely typo, but no reason to stop.
        state.warning("tf-variable-undeclared", "value for undeclared variable " + name, at);
        return false;
    }

    private void raw(String name, String raw, SourceRef at) {
        Block decl = root.variables().get(name);
        if (Variables.literalMode(decl)) {
            put(name, new Variables.Given(new Value.Str(raw), at));
            return;
        }
        try {
            put(name, new Variables.Given(
                    Variables.constant(state, HclParser.parseExpression(at.path(), raw)), at));
        } catch (HclSyntaxException e) {
            String message = "the value for variable " + name + " is not a valid HCL expression: " + e.detail();
            state.error("tf-variable-type", message, at);
            put(name, new Variables.Given(Value.Unknown.unevaluable(message), at));
        }
    }

    /** The name of a var file, as reports name it: where it lies on this machine says nothing to a reader. */
    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A value given later wins, and with it where it came from. */
    private void put(String name, Variables.Given value) {
        given.put(name, value);
        if (reading.isEmpty()) {
            outside.remove(name);
        } else {
            outside.put(name, reading);
        }
    }

    static Value fromJson(JsonNode n) {
        if (n.isTextual()) {
            return new Value.Str(n.textValue());
        } else if (n.isNumber()) {
            return new Value.Num(n.decimalValue());
        } else if (n.isBoolean()) {
            return new Value.Bool(n.booleanValue());
        } else if (n.isArray()) {
            List<Value> items = new ArrayList<>();
            n.forEach(i -> items.add(fromJson(i)));
            return Value.Values.tuple(items);
        } else if (n.isObject()) {
            Map<String, Value> fields = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> fields.put(e.getKey(), fromJson(e.getValue())));
            return Value.Obj.object(fields);
        }
        return Value.Values.NULL;
    }

    @Override
    public Optional<Variables.Given> given(String name) {
        String from = outside.get(name);
        if (from != null) {
            state.warning("tf-variable-from-command-line", "variable " + name + ": value from " + from
                    + ", not from the repository; this report holds for that value",
                    state.ref(root.variables().get(name).range()));
        }
        return Optional.ofNullable(given.get(name));
    }

    /** The one command-line flag that gives {@code name} a value, with a placeholder of its type. */
    static String flag(String name, Block declaration) {
        if (Variables.literalMode(declaration)) {
            return "--var " + name + "=VALUE";
        }
        String type = declaration.body().attribute("type").map(a -> a.expression() instanceof Expression.FunctionCall f
                ? f.name() : a.expression() instanceof Expression.Variable v ? v.name() : "").orElse("");
        String example = type.equals("list") || type.equals("set") || type.equals("tuple") ? "[...]" : "{...}";
        return "--var '" + name + "=" + example + "'";
    }

    @Override
    public Value.Unknown missing(String name, Block declaration) {
        String message = "variable " + name + " has no value; supply it with " + flag(name, declaration)
                + " (or in a --var-file)";
        state.error("tf-variable-missing", message, state.ref(declaration.range()));
        return Value.Unknown.missingVariable(name, message);
    }
}
