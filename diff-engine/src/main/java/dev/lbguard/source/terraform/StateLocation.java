package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Body;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.terraform.eval.Constants;
import dev.lbguard.source.terraform.modules.JsonConfiguration;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a root module keeps its state, when its {@code backend} (or {@code cloud}) block names that place whole:
 * two root directories that name the same place are one deployed stack, wherever its files are and whatever else
 * changed, since Terraform reads and writes the same state from either. Nothing is named when the block leaves a
 * setting that tells one state from another to {@code terraform init -backend-config} (a partial configuration,
 * common with Terragrunt and CI; a null setting is unset), when it chooses among workspaces by tags or prefix, when the
 * backend keeps state in the directory ({@code local}) or is one this
 * class does not know the settings of, and when the block is not literal or there is not exactly one. Both sides are
 * read in the same workspace (a state per workspace), and a setting written in the block is taken as the one used
 * ({@code -backend-config} could override it at init; a team that writes a setting and overrides it per directory
 * is not told apart).
 */
public final class StateLocation {
    /**
     * Backend types whose states lbguard tells apart, and the settings that name one state among others; {@code
     * workspaces.name} is the {@code name} of the one {@code workspaces} block: its {@code tags} or {@code prefix}
     * choose among many workspaces, the one used picked at run time, which names none.
     */
    private static final Map<String, List<String>> NAMING = Map.of(
            "s3", List.of("bucket", "key"),
            "gcs", List.of("bucket", "prefix"),
            "azurerm", List.of("storage_account_name", "container_name", "key"),
            "consul", List.of("path"),
            "http", List.of("address"),
            "remote", List.of("organization", "workspaces.name"),
            "cloud", List.of("organization", "workspaces.name"));

    private StateLocation() {
    }

    /**
     * The state location the root module in {@code dir} names: its backend's type and every setting of the block,
     * as literal values (compared by value, wherever in its files the block is written).
     */
    public static Optional<Value> of(SourceTree tree, String dir) {
        List<Block> blocks = new ArrayList<>();
        for (String name : tree.files(dir)) {
            if (!name.endsWith(".tf") && !name.endsWith(".tf.json")) {
                continue;
            }
            String path = SourceTree.join(dir, name);
            try {
                String text = new String(tree.read(path), StandardCharsets.UTF_8);
                HclFile file = name.endsWith(".tf") ? HclParser.parse(path, text) : JsonConfiguration.parse(path, text);
                for (Block terraform : file.body().blocks("terraform")) {
                    blocks.addAll(terraform.body().blocks("backend"));
                    blocks.addAll(terraform.body().blocks("cloud"));
                }
            } catch (IOException | HclSyntaxException | RuntimeException e) {
                return Optional.empty(); // what cannot be read names nothing
            }
        }
        if (blocks.size() != 1) {
            return Optional.empty();
        }
        Block b = blocks.get(0);
        String type = b.type().equals("cloud") ? "cloud" : b.labels().isEmpty() ? "" : b.labels().get(0);
        List<String> naming = NAMING.get(type);
        if (naming == null) {
            return Optional.empty();
        }
        try {
            Value.Obj settings = settings(b.body());
            if (!naming.stream().allMatch(n -> named(settings, n))) {
                return Optional.empty();
            }
            Map<String, Value> location = new TreeMap<>();
            location.put("type", new Value.Str(type));
            location.put("settings", settings);
            return Optional.of(Value.Obj.object(location));
        } catch (EvalException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code setting} ({@code block.attribute} for a nested block's) is set: null is unset, as for Terraform. */
    private static boolean named(Value.Obj settings, String setting) {
        int dot = setting.indexOf('.');
        if (dot < 0) {
            Value v = settings.fields().get(setting);
            return v != null && !(v instanceof Value.Null);
        }
        return settings.fields().get(setting.substring(0, dot)) instanceof Value.Seq blocks
                && blocks.items().size() == 1 && blocks.items().get(0) instanceof Value.Obj block
                && named(block, setting.substring(dot + 1));
    }

    /** A block's attributes by name, its nested blocks as lists of their own settings, in file order. */
    private static Value.Obj settings(Body body) throws EvalException {
        Map<String, Value> fields = new TreeMap<>();
        for (Attribute a : body.attributes()) {
            fields.put(a.name(), Constants.evaluate(a.expression()));
        }
        Map<String, List<Value>> nested = new TreeMap<>();
        for (Block n : body.blocks()) {
            nested.computeIfAbsent(n.type(), k -> new ArrayList<>()).add(settings(n.body()));
        }
        nested.forEach((type, list) -> fields.put(type, Value.Values.tuple(list)));
        return Value.Obj.object(fields);
    }
}
