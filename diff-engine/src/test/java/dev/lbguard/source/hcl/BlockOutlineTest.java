package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Top-level blocks read from tokens: what a root-module scan needs, with comments, strings and heredocs skipped. */
class BlockOutlineTest {

    @Test
    void blocksWithTheirLabelsOwnAttributesAndNestedBlockTypes() {
        String text = """
                terraform {
                  backend "s3" {}
                  required_providers {
                    aws = { source = "hashicorp/aws" }
                  }
                }
                module web {
                  tags = {
                    source = "terraform"
                  }
                  source = "../common"
                  name   = "${var.env}-web"
                }
                module "computed" { source = "${path.module}/lb" }
                """;
        List<BlockOutline> blocks = BlockOutline.of(text).orElseThrow();
        assertThat(blocks).extracting(BlockOutline::type).containsExactly("terraform", "module", "module");
        assertThat(blocks.get(0).blocks()).containsExactly("backend", "required_providers");
        assertThat(blocks.get(0).attributes()).isEmpty();
        assertThat(blocks.get(1).labels()).containsExactly("web");
        assertThat(blocks.get(1).attributes()).containsEntry("source", Optional.of("../common"))
                .containsEntry("name", Optional.empty()).containsEntry("tags", Optional.empty());
        assertThat(blocks.get(2).attributes()).containsEntry("source", Optional.empty());
    }

    @Test
    void blocksInCommentsAndHeredocsAreNoBlocks() {
        String text = """
                /*
                module "old" {
                  source = "../old"
                }
                */
                # module "older" {
                locals {
                  readme = <<EOT
                module "example" {
                  source = "./example"
                }
                EOT
                }
                resource "aws_lb" "edge" {}
                """;
        List<BlockOutline> blocks = BlockOutline.of(text).orElseThrow();
        assertThat(blocks).extracting(BlockOutline::type).containsExactly("locals", "resource");
        assertThat(blocks.get(1).labels()).containsExactly("aws_lb", "edge");
    }

    @Test
    void strayClosersEndNothingAndTextThatDoesNotLexHasNoOutline() {
        assertThat(BlockOutline.of(") ]\nmodule \"m\" {\n  source = \"./m\"\n  ) \n}\n").orElseThrow())
                .extracting(BlockOutline::type).containsExactly("module");
        assertThat(BlockOutline.of("module \"m\" {\n  source = \"./m\n}\n")).isEmpty();
    }
}
