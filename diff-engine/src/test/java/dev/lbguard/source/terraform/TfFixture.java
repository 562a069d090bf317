package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.source.DiskTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes Terraform files into a temporary directory and evaluates them. */
final class TfFixture {
    private final Path root;

    TfFixture(Path root) {
        this.root = root;
    }

    TfFixture file(String path, String content) {
        return bytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    TfFixture bytes(String path, byte[] content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TerraformEvaluation evaluate() {
        return evaluate("", TerraformInputs.none());
    }

    TerraformEvaluation evaluate(String dir, TerraformInputs inputs) {
        return new TerraformEvaluator().evaluate(new DiskTree(root), dir, inputs);
    }

    static ResourceInstance resource(TerraformEvaluation e, String address) {
        return e.resources().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + address + " in "
                        + e.resources().stream().map(ResourceInstance::address).toList() + "; " + rendered(e)));
    }

    static Value attr(TerraformEvaluation e, String address, String attribute) {
        return resource(e, address).attributes().get(attribute);
    }

    static List<String> rendered(TerraformEvaluation e) {
        return e.diagnostics().stream().map(Diagnostic::render).toList();
    }

    static void assertClean(TerraformEvaluation e) {
        assertThat(rendered(e)).isEmpty();
    }

    /** Asserts exactly one diagnostic, rendered as {@code path:line...: level: message [code]}, containing all parts. */
    static Diagnostic single(TerraformEvaluation e, String... parts) {
        assertThat(rendered(e)).hasSize(1);
        Diagnostic d = e.diagnostics().get(0);
        assertThat(d.render()).contains(parts);
        return d;
    }

    static Value str(String s) {
        return new Value.Str(s);
    }

    static Value num(long n) {
        return Value.Num.of(n);
    }

    static Value tuple(Value... items) {
        return Value.Values.tuple(List.of(items));
    }

    static Value list(Value... items) {
        return Value.Values.list(List.of(items));
    }

    static Value obj(Object... kv) {
        Map<String, Value> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return Value.Obj.object(m);
    }

    static Value ref(String address, String attribute) {
        return Value.Unknown.reference(address, attribute);
    }
}
