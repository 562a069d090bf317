package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.TerraformInputs.CommandLineVar;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformVariablesTest {
    @TempDir
    Path dir;

    private static final String MAIN = """
            variable "name" {
              default = "default"
            }
            resource "aws_lb" "x" {
              name = var.name
            }
            """;

    private Value nameWith(boolean env, boolean tfvars, boolean auto, boolean varFile, boolean var) {
        TfFixture f = new TfFixture(dir).file("main.tf", MAIN);
        if (tfvars) {
            f.file("terraform.tfvars", "name = \"tfvars\"\n");
        }
        if (auto) {
            f.file("a.auto.tfvars", "name = \"auto-a\"\n");
            f.file("b.auto.tfvars.json", "{\"name\": \"auto-b\"}");
        }
        List<CommandLineVar> cli = new ArrayList<>();
        if (varFile) {
            cli.add(new CommandLineVar.VarFile("prod.tfvars", "name = \"var-file\"\n"));
        }
        if (var) {
            cli.add(new CommandLineVar.Var("name", "var"));
        }
        TerraformEvaluation e = f.evaluate("", new TerraformInputs(
                env ? Map.of("name", "env", "unrelated", "x") : Map.of(), cli));
        // The winning value, when it is not in the repository, is named as such; nothing else is reported.
        String outside = var ? "--var name" : varFile ? "--var-file prod.tfvars" : auto || tfvars ? ""
                : env ? "the environment (TF_VAR_name)" : "";
        if (outside.isEmpty()) {
            assertClean(e);
        } else {
            single(e, "main.tf:1:", "warning: variable name: value from " + outside + ", not from the repository");
        }
        return attr(e, "aws_lb.x", "name");
    }

    @Test
    void precedenceIsDefaultEnvTfvarsAutoVarFileVar() {
        assertThat(nameWith(false, false, false, false, false)).isEqualTo(str("default"));
        assertThat(nameWith(true, false, false, false, false)).isEqualTo(str("env"));
        assertThat(nameWith(true, true, false, false, false)).isEqualTo(str("tfvars"));
        assertThat(nameWith(true, true, true, false, false)).isEqualTo(str("auto-b"));
        assertThat(nameWith(true, true, true, true, false)).isEqualTo(str("var-file"));
        assertThat(nameWith(true, true, true, true, true)).isEqualTo(str("var"));
    }

    @Test
    void varIsLaterThanVarFileOnlyWhenGivenLater() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", MAIN).evaluate("", new TerraformInputs(Map.of(),
                List.of(new CommandLineVar.Var("name", "var"),
                        new CommandLineVar.VarFile("prod.tfvars", "name = \"var-file\"\n"))));
        assertThat(attr(e, "aws_lb.x", "name")).isEqualTo(str("var-file"));
    }

    @Test
    void typesConvertAndOptionalAttributesTakeDefaults() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "port" {
                  type = number
                }
                variable "rules" {
                  type = map(object({
                    priority = number
                    hosts    = optional(list(string), ["*.example.com"])
                    weight   = optional(number)
                  }))
                }
                variable "tags" {
                  type     = map(string)
                  default  = null
                  nullable = false
                }
                resource "aws_lb_listener_rule" "r" {
                  for_each = var.rules
                  priority = each.value.priority
                  port     = var.port
                  hosts    = each.value.hosts
                  weight   = each.value.weight
                }
                """).evaluate("", new TerraformInputs(
                Map.of("port", "8080", "rules", "{ api = { priority = \"10\" } }"), List.of()));
        assertThat(rendered(e)).filteredOn(d -> !d.contains("tf-variable-from-command-line")).singleElement()
                .asString().contains("main.tf:11:", "variable tags has no value");
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "priority")).isEqualTo(num(10));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "port")).isEqualTo(num(8080));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "hosts")).isEqualTo(list(str("*.example.com")));
        assertThat(attr(e, "aws_lb_listener_rule.r[\"api\"]", "weight")).isEqualTo(Value.Values.NULL);
    }

    @Test
    void conversionFailureIsAnErrorAtTheValue() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "port" {
                  type = number
                }
                resource "aws_lb_listener" "l" {
                  port = var.port
                }
                """).file("terraform.tfvars", "\nport = \"eighty\"\n").evaluate();
        single(e, "terraform.tfvars:2:", "invalid value for variable port");
        assertThat(attr(e, "aws_lb_listener.l", "port")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void jsonTfvarsNumbersAreExactAndOneOutOfRangeIsAnErrorNamingTheFile() {
        String main = """
                variable "weight" {
                  type = number
                }
                resource "aws_lb_listener" "l" {
                  port = var.weight
                }
                """;
        TerraformEvaluation exact = new TfFixture(dir).file("main.tf", main)
                .file("terraform.tfvars.json", "{\"weight\": 12345678901234567890.000000000000000001}").evaluate();
        assertThat(attr(exact, "aws_lb_listener.l", "port"))
                .isEqualTo(new Value.Num(new java.math.BigDecimal("12345678901234567890.000000000000000001")));
        TerraformEvaluation huge = new TfFixture(dir).file("main.tf", main)
                .file("terraform.tfvars.json", "{\"weight\": 1e4000000000}").evaluate();
        assertThat(huge.diagnostics()).anySatisfy(d -> assertThat(d.toString())
                .contains("terraform.tfvars.json is not valid JSON: number 1e4000000000 is out of range"));
        assertThat(huge.complete()).isFalse();
    }

    @Test
    void missingRequiredVariableIsOneErrorAndUnknown() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb" "x" {
                  name = var.name
                  alt  = "${var.name}-alt"
                }
                variable "name" {
                }
                """).evaluate();
        single(e, "main.tf:5:", "error", "variable name has no value; supply it with --var name=VALUE");
        assertThat(attr(e, "aws_lb.x", "name")).isInstanceOf(Value.Unknown.class);
        assertThat(ValueJson.unevaluated(attr(e, "aws_lb.x", "alt"))).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("variable name has no value"));
    }

    @Test
    void undeclaredVariableInTfvarsIsAWarning() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", MAIN)
                .file("terraform.tfvars", "name = \"n\"\nnmae = \"typo\"\n").evaluate();
        assertThat(single(e, "terraform.tfvars:2:", "warning", "undeclared variable nmae").isError()).isFalse();
        assertThat(e.complete()).isTrue();
        assertThat(attr(e, "aws_lb.x", "name")).isEqualTo(str("n"));
    }

    @Test
    void nullGivenToNullableVariableStaysNull() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                variable "a" {
                  default = "d"
                }
                variable "b" {
                  default  = "d"
                  nullable = false
                }
                resource "aws_lb" "x" {
                  a = var.a
                  b = var.b
                }
                """).file("terraform.tfvars", "a = null\nb = null\n").evaluate();
        assertClean(e);
        assertThat(attr(e, "aws_lb.x", "a")).isEqualTo(Value.Values.NULL);
        assertThat(attr(e, "aws_lb.x", "b")).isEqualTo(str("d"));
    }
}
