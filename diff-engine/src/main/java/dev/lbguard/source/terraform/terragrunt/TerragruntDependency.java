package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TfValues;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.terraform.eval.Slot;
import dev.lbguard.source.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Terragrunt {@code dependency "name" { config_path, mock_outputs }} block: the outputs of another unit, which
 * Terragrunt reads from that unit's state at plan time and lbguard never fetches. An output given in
 * {@code mock_outputs} (used for {@code plan}) is that value, with a warning that the report holds for it; an
 * output without one is known only at plan time, and where it goes as a listener's ARN it names an external
 * listener by the unit it comes from and the output, as a remote state's output does.
 *
 * <p>An ARN in {@code mock_outputs} is never taken for a listener: a mock names nothing that exists, so such an
 * output is read as one without a mock.
 */
final class TerragruntDependency {
    private static final String PREFIX = "dependency.";

    private final TerragruntFile declaredIn;
    private final Block block;
    private final String name;
    private final Slot<Value> mocks = new Slot<>();
    private final Slot<String> configDir = new Slot<>();

    TerragruntDependency(TerragruntFile declaredIn, Block block) {
        this.declaredIn = declaredIn;
        this.block = block;
        this.name = block.labels().isEmpty() ? "" : block.labels().get(0);
    }

    String name() {
        return name;
    }

    /** The directory of the unit this dependency reads, from the repository's top ({@code config_path} as given when it leaves it). */
    String configDir() {
        EvalState state = declaredIn.state();
        return state.compute(configDir, "dependency." + name + ".config_path", state.ref(block.range()), () -> {
            Optional<Attribute> path = block.body().attribute("config_path");
            if (path.isEmpty()) {
                state.error("tg-dependency", "dependency " + name + " has no config_path", state.ref(block.range()));
                return "?";
            }
            Value v = declaredIn.evaluate(path.get().expression());
            Optional<String> text = TfValues.str(v);
            if (text.isEmpty()) {
                return "?";
            }
            return declaredIn.treePath(text.get(), declaredIn.config().dir()).orElse(text.get());
        }, () -> "?");
    }

    /** {@code dependency.NAME.outputs.OUTPUT}, as lbguard reads it. */
    Value output(String output, dev.lbguard.source.hcl.Range at) {
        EvalState state = declaredIn.state();
        if (bool("skip_outputs")) {
            return state.fail("tg-dependency", "dependency " + name + " sets skip_outputs, so it has no outputs to read ("
                    + output + ")", at);
        }
        Value.Unknown unread = Value.Unknown.reference(PREFIX + name + "[" + ResourceInstance.quote(configDir()) + "]",
                "outputs." + output);
        Value all = mocks();
        if (!(all instanceof Value.Obj o) || !o.fields().containsKey(output)) {
            return all instanceof Value.Unknown u && !u.isReference() ? u : unread;
        }
        Value mock = o.fields().get(output);
        if (TfValues.str(mock).filter(s -> s.startsWith("arn:")).isPresent()) {
            return unread;
        }
        state.warning("tg-mock-output", "dependency." + name + ".outputs." + output + " is the value of mock_outputs; "
                + "Terragrunt plans with it only while " + configDir() + " has no outputs, so this report holds "
                + "for that value", state.ref(block.body().attribute("mock_outputs").get().range()));
        return mock;
    }

    /** {@code dependency.NAME.outputs}: the mocks, each read as {@link #output} reads it. */
    Value outputs(dev.lbguard.source.hcl.Range at) {
        Value all = mocks();
        if (all instanceof Value.Obj o) {
            Map<String, Value> fields = new LinkedHashMap<>();
            o.fields().keySet().forEach(k -> fields.put(k, output(k, at)));
            return Value.Obj.object(fields);
        }
        return all instanceof Value.Unknown u && !u.isReference() ? u : Value.Unknown.reference(
                PREFIX + name + "[" + ResourceInstance.quote(configDir()) + "]", "outputs");
    }

    /** The mock outputs Terragrunt would plan with, or null when it uses none for {@code plan}. */
    private Value mocks() {
        EvalState state = declaredIn.state();
        return state.compute(mocks, "dependency." + name + ".mock_outputs", state.ref(block.range()), () -> {
            Optional<Attribute> mock = block.body().attribute("mock_outputs");
            if (mock.isEmpty()) {
                return Value.Values.NULL;
            }
            Optional<Attribute> allowed = block.body().attribute("mock_outputs_allowed_terraform_commands");
            if (allowed.isPresent()) {
                Value commands = declaredIn.evaluate(allowed.get().expression());
                if (commands instanceof Value.Seq seq && !seq.items().contains(new Value.Str("plan"))) {
                    return Value.Values.NULL;
                }
            }
            return declaredIn.evaluate(mock.get().expression());
        }, () -> Value.Values.NULL);
    }

    private boolean bool(String attribute) {
        Optional<Attribute> a = block.body().attribute(attribute);
        return a.isPresent() && declaredIn.evaluate(a.get().expression()) instanceof Value.Bool b && b.value();
    }

    /** The dependency blocks of a file, by name. */
    static Map<String, TerragruntDependency> of(TerragruntFile file) {
        Map<String, TerragruntDependency> out = new LinkedHashMap<>();
        List<Block> blocks = file.body().blocks("dependency");
        for (Block b : blocks) {
            TerragruntDependency d = new TerragruntDependency(file, b);
            out.put(d.name(), d);
        }
        return out;
    }
}
