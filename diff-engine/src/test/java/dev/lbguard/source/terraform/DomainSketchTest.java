package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluates the sketch from the domain reference that Terraform applied to moto, and checks every configured
 * value against what Terraform then recorded in its state ({@code terraform show -json}).
 */
class DomainSketchTest {
    @TempDir
    Path dir;

    @Test
    void configuredValuesMatchTerraformsState() throws IOException {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", fixture("main.tf")).evaluate();
        assertClean(e);
        JsonNode state = new ObjectMapper().readTree(fixture("state-show.json"));
        List<String> addresses = new ArrayList<>();
        state.at("/values/root_module/resources").forEach(r -> addresses.add(r.get("address").asText()));
        assertThat(e.resources()).extracting(ResourceInstance::address).containsExactlyInAnyOrderElementsOf(addresses);
        for (JsonNode r : state.at("/values/root_module/resources")) {
            ResourceInstance mine = resource(e, r.get("address").asText());
            List<String> mismatches = new ArrayList<>();
            compare(mine.address(), mine.attributes(), r.get("values"), mismatches);
            assertThat(mismatches).as(mine.address()).isEmpty();
        }
        assertThat(attr(e, "aws_lb_listener_rule.api", "listener_arn")).isEqualTo(ref("aws_lb_listener.http", "arn"));
    }

    /** Lenient: state has more attributes (computed, absent blocks as []); unknowns match anything. */
    private static void compare(String path, Value mine, JsonNode theirs, List<String> out) {
        if (mine instanceof Value.Unknown) {
            return;
        }
        if (mine instanceof Value.Obj o) {
            for (Map.Entry<String, Value> f : o.fields().entrySet()) {
                JsonNode t = theirs.get(f.getKey());
                if (t == null) {
                    out.add(path + "." + f.getKey() + " missing in state");
                } else {
                    compare(path + "." + f.getKey(), f.getValue(), t, out);
                }
            }
        } else if (mine instanceof Value.Seq s) {
            if (!theirs.isArray() || theirs.size() != s.items().size()) {
                out.add(path + ": " + ValueJson.toJson(mine) + " vs " + theirs);
                return;
            }
            for (int i = 0; i < s.items().size(); i++) {
                compare(path + "[" + i + "]", s.items().get(i), theirs.get(i), out);
            }
        } else if (mine instanceof Value.Num n) {
            if (!theirs.isNumber() || theirs.decimalValue().compareTo(n.value()) != 0) {
                out.add(path + ": " + n.value() + " vs " + theirs);
            }
        } else if (!ValueJson.toJson(mine).equals(theirs)) {
            out.add(path + ": " + ValueJson.toJson(mine) + " vs " + theirs);
        }
    }

    /** DOMAIN.md's recorded run, kept once in {@code fixtures/live/domain} for every test that reads it. */
    static String fixture(String name) throws IOException {
        Path dir = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"), "live", "domain");
        return java.nio.file.Files.readString(dir.resolve(name.equals("main.tf") ? "tf-main.tf" : name),
                StandardCharsets.UTF_8);
    }
}
