package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes Terraform files into a temporary directory and evaluates them. */
public final class TfFixture {
    private final Path root;

    public TfFixture(Path root) {
        this.root = root;
    }

    public TfFixture file(String path, String content) {
        return bytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public TfFixture bytes(String path, byte[] content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TerraformEvaluation evaluate() {
        return evaluate("", TerraformInputs.none());
    }

    public TerraformEvaluation evaluate(String dir, TerraformInputs inputs) {
        return new TerraformEvaluator().evaluate(new DiskTree(root), dir, inputs);
    }

    public static ResourceInstance resource(TerraformEvaluation e, String address) {
        return e.resources().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + address + " in "
                        + e.resources().stream().map(ResourceInstance::address).toList() + "; " + rendered(e)));
    }

    public static Value attr(TerraformEvaluation e, String address, String attribute) {
        return resource(e, address).attributes().get(attribute);
    }

    public static List<String> rendered(TerraformEvaluation e) {
        return e.diagnostics().stream().map(Diagnostic::render).toList();
    }

    public static void assertClean(TerraformEvaluation e) {
        assertThat(rendered(e)).isEmpty();
    }

    /** Asserts exactly one diagnostic, rendered as {@code path:line...: level: message [code]}, containing all parts. */
    public static Diagnostic single(TerraformEvaluation e, String... parts) {
        assertThat(rendered(e)).hasSize(1);
        Diagnostic d = e.diagnostics().get(0);
        assertThat(d.render()).contains(parts);
        return d;
    }

    public static Value str(String s) {
        return new Value.Str(s);
    }

    public static Value num(long n) {
        return Value.Num.of(n);
    }

    public static Value tuple(Value... items) {
        return Value.Values.tuple(List.of(items));
    }

    public static Value list(Value... items) {
        return Value.Values.list(List.of(items));
    }

    public static Value obj(Object... kv) {
        Map<String, Value> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return Value.Obj.object(m);
    }

    public static Value ref(String address, String attribute) {
        return Value.Unknown.reference(address, attribute);
    }
}
