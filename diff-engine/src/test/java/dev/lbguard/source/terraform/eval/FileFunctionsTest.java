package dev.lbguard.source.terraform.eval;

import static dev.lbguard.source.terraform.TfFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.TfFixture;
import dev.lbguard.source.terraform.eval.FileFunctions;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFunctionsTest {
    @TempDir
    Path dir;

    @Test
    void fileFunctionsReadTheTreeRelativeToTheRootModule() throws Exception {
        TerraformEvaluation e = new TfFixture(dir)
                .file("env/prod/main.tf", """
                        module "svc" {
                          source = "../../modules/svc"
                        }
                        resource "aws_lb" "root" {
                          name   = file("./files/name.txt")
                          b64    = filebase64("${path.module}/files/name.txt")
                          md5    = filemd5("files/name.txt")
                          here   = fileexists("files/name.txt")
                          absent = fileexists("files/nope.txt")
                          shared = file("../../shared/motd.txt")
                          root   = path.root
                          set    = fileset(path.module, "**/*.txt")
                          glob   = fileset("files", "{name,other}.t?t")
                        }
                        """)
                .file("env/prod/files/name.txt", "edge")
                .file("env/prod/files/deep/x.txt", "x")
                .file("env/prod/files/other.json", "{}")
                .file("shared/motd.txt", "hello")
                .file("modules/svc/main.tf", """
                        resource "aws_lb" "child" {
                          name  = path.module
                          motd  = file("${path.module}/motd.txt")
                        }
                        """)
                .file("modules/svc/motd.txt", "from svc")
                .evaluate("env/prod", TerraformInputs.none());
        assertClean(e);
        assertThat(attr(e, "aws_lb.root", "name")).isEqualTo(str("edge"));
        assertThat(attr(e, "aws_lb.root", "b64")).isEqualTo(str("ZWRnZQ=="));
        assertThat(attr(e, "aws_lb.root", "md5")).isEqualTo(md5("edge"));
        assertThat(attr(e, "aws_lb.root", "here")).isEqualTo(new Value.Bool(true));
        assertThat(attr(e, "aws_lb.root", "absent")).isEqualTo(new Value.Bool(false));
        assertThat(attr(e, "aws_lb.root", "shared")).isEqualTo(str("hello"));
        assertThat(attr(e, "aws_lb.root", "root")).isEqualTo(str("."));
        assertThat(attr(e, "aws_lb.root", "set")).isEqualTo(Value.Values.set(java.util.List.of(
                str("files/deep/x.txt"), str("files/name.txt"))));
        assertThat(attr(e, "aws_lb.root", "glob")).isEqualTo(Value.Values.set(java.util.List.of(
                str("name.txt"))));
        // Terraform gives a child module's directory relative to the root module's.
        assertThat(attr(e, "module.svc.aws_lb.child", "name")).isEqualTo(str("../../modules/svc"));
        assertThat(attr(e, "module.svc.aws_lb.child", "motd")).isEqualTo(str("from svc"));
    }

    @Test
    void aPathLeavingTheTreeIsReportedEvenInsideTry() throws Exception {
        Path outside = Files.createTempFile("lbguard-outside", ".txt");
        try {
            TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                    resource "aws_lb" "x" {
                      name  = file("../secret.txt")
                      other = try(file("%s"), "fallback")
                    }
                    """.formatted(outside.toAbsolutePath())).evaluate();
            assertThat(rendered(e)).hasSize(2).allMatch(d -> d.contains("[tf-file-outside-tree]"));
            assertThat(rendered(e).get(0)).startsWith("main.tf:2:").contains("\"../secret.txt\" is outside");
            assertThat(rendered(e).get(1)).startsWith("main.tf:3:");
            assertThat(attr(e, "aws_lb.x", "name")).isInstanceOf(Value.Unknown.class);
            assertThat(attr(e, "aws_lb.x", "other")).isInstanceOf(Value.Unknown.class);
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aMissingFileNamesTheFileAtTheCallButTryCatchesIt() {
        TerraformEvaluation e = new TfFixture(dir).file("main.tf", """
                resource "aws_lb" "x" {
                  name  = "lb"
                  body  = templatefile("${path.module}/missing.tpl", {})
                  other = try(file("missing.txt"), "fallback")
                }
                """).evaluate();
        single(e, "main.tf:3:", "no file exists at \"./missing.tpl\"", "[tf-eval]");
        assertThat(attr(e, "aws_lb.x", "body")).isInstanceOf(Value.Unknown.class);
        assertThat(attr(e, "aws_lb.x", "other")).isEqualTo(str("fallback"));
    }

    @Test
    void templatefileSeesOnlyItsVars() {
        TerraformEvaluation e = new TfFixture(dir)
                .file("main.tf", """
                        locals {
                          secret = "no"
                        }
                        resource "aws_lb" "x" {
                          body = templatefile("t/page.tftpl", { title = "Hi", items = ["a", "b"] })
                          bad  = templatefile("t/leak.tftpl", { title = "Hi" })
                        }
                        """)
                .file("t/page.tftpl", """
                        <h1>${upper(title)}</h1>
                        %{ for i, item in items ~}
                          <li>${i}:${item}</li>
                        %{ endfor ~}
                        %{ if length(items) > 1 }many%{ else }few%{ endif }
                        """)
                .file("t/leak.tftpl", "${local.secret}")
                .evaluate();
        assertThat(attr(e, "aws_lb.x", "body")).isEqualTo(str("<h1>HI</h1>\n  <li>0:a</li>\n  <li>1:b</li>\nmany\n"));
        single(e, "t/leak.tftpl:1:", "vars map does not contain key \"local\"");
        assertThat(attr(e, "aws_lb.x", "bad")).isInstanceOf(Value.Unknown.class);
    }

    @Test
    void filesetGlobs() throws Exception {
        assertThat(Glob.compile("**/*.txt").matcher("a/b/c.txt").matches()).isTrue();
        assertThat(Glob.compile("**/*.txt").matcher("c.txt").matches()).isTrue();
        assertThat(Glob.compile("*.txt").matcher("a/c.txt").matches()).isFalse();
        assertThat(Glob.compile("./x/[!a]?.{md,txt}").matcher("x/bc.md").matches()).isTrue();
        assertThat(Glob.compile("x/[!a]?.{md,txt}").matcher("x/ac.md").matches()).isFalse();
    }

    private static Value md5(String s) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return str(java.util.HexFormat.of().formatHex(digest));
    }
}
