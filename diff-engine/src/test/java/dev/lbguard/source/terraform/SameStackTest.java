package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A root directory moved and edited in one commit is the same stack when its backend names the same state. */
class SameStackTest {
    private static final String LB = """
            resource "aws_lb" "edge" {
              name = "edge"
            }
            """;

    private static String backend(String settings) {
        return "terraform {\n  backend \"s3\" {\n" + settings + "\n  }\n}\n";
    }

    private static boolean same(String before, String after) {
        MemoryTree was = new MemoryTree(Map.of("envs/prod/main.tf", LB, "envs/prod/backend.tf", before));
        MemoryTree is = new MemoryTree(Map.of("live/prod/main.tf", LB + "# edited\n",
                "live/prod/backend.tf", after));
        return new SameStack(was, is).same("envs/prod", "live/prod");
    }

    @Test
    void theSameBucketAndKeyAreOneStackWhereverTheBlockIsWrittenAndHowever() {
        assertThat(same(backend("bucket = \"tf-state\"\nkey = \"prod/edge.tfstate\"\nregion = \"eu-west-1\""),
                backend("\n\n    key    = \"prod/edge.tfstate\"\n    bucket = \"tf-state\"\n"
                        + "    region = \"eu-west-1\""))).isTrue();
    }

    @Test
    void anotherKeyIsAnotherStateAndSoAnotherStack() {
        assertThat(same(backend("bucket = \"tf-state\"\nkey = \"prod/edge.tfstate\""),
                backend("bucket = \"tf-state\"\nkey = \"live/prod/edge.tfstate\""))).isFalse();
    }

    @Test
    void aBlockThatLeavesTheKeyToInitNamesNothing() {
        // Partial configuration: the key comes from terraform init -backend-config, per directory perhaps.
        assertThat(same(backend("bucket = \"tf-state\""), backend("bucket = \"tf-state\""))).isFalse();
        assertThat(same("terraform {\n  backend \"s3\" {}\n}\n", "terraform {\n  backend \"s3\" {}\n}\n")).isFalse();
    }

    @Test
    void localStateStaysInTheDirectoryAndAnUnknownBackendNamesNothing() {
        String local = "terraform {\n  backend \"local\" {\n    path = \"edge.tfstate\"\n  }\n}\n";
        assertThat(same(local, local)).isFalse();
        String other = "terraform {\n  backend \"etcdv3\" {\n    prefix = \"edge\"\n  }\n}\n";
        assertThat(same(other, other)).isFalse();
        assertThat(same("", "")).isFalse();
    }

    @Test
    void aCloudBlockNamesItsOrganizationAndWorkspaces() {
        String cloud = "terraform {\n  cloud {\n    organization = \"acme\"\n    workspaces {\n"
                + "      name = \"edge-prod\"\n    }\n  }\n}\n";
        assertThat(same(cloud, cloud)).isTrue();
        assertThat(same(cloud, cloud.replace("edge-prod", "edge-staging"))).isFalse();
        // The organization may come from TF_CLOUD_ORGANIZATION: not named here.
        String noOrganization = "terraform {\n  cloud {\n    workspaces {\n      name = \"edge-prod\"\n    }\n  }\n}\n";
        assertThat(same(noOrganization, noOrganization)).isFalse();
    }

    @Test
    void workspacesChosenByTagsOrPrefixNameNoOneState() {
        // Every environment's directory may hold this block, its workspace picked at run time (a review's catch:
        // qa retired and staging added in one commit read as qa moved).
        String tags = "terraform {\n  cloud {\n    organization = \"acme\"\n    workspaces {\n"
                + "      tags = [\"edge\"]\n    }\n  }\n}\n";
        assertThat(same(tags, tags)).isFalse();
        String prefix = "terraform {\n  backend \"remote\" {\n    organization = \"acme\"\n    workspaces {\n"
                + "      prefix = \"edge-\"\n    }\n  }\n}\n";
        assertThat(same(prefix, prefix)).isFalse();
        String named = prefix.replace("prefix = \"edge-\"", "name = \"edge-prod\"");
        assertThat(same(named, named)).isTrue();
    }

    @Test
    void aNullSettingIsUnset() {
        String nullKey = backend("bucket = \"tf-state\"\nkey = null");
        assertThat(same(nullKey, nullKey)).isFalse();
    }

    @Test
    void twoBackendBlocksOrAnUnreadableFileNameNothing() {
        String two = backend("bucket = \"a\"\nkey = \"k\"") + backend("bucket = \"a\"\nkey = \"k\"");
        assertThat(same(two, two)).isFalse();
        String broken = backend("bucket = \"a\"\nkey = \"k\"") + "resource {";
        assertThat(same(broken, broken)).isFalse();
        String variable = backend("bucket = var.bucket\nkey = \"k\"");
        assertThat(same(variable, variable)).isFalse();
    }

    @Test
    void theSameFilesAreOneStackWithoutABackend() {
        MemoryTree was = new MemoryTree(Map.of("envs/prod/main.tf", LB));
        MemoryTree is = new MemoryTree(Map.of("live/prod/main.tf", LB));
        assertThat(new SameStack(was, is).same("envs/prod", "live/prod")).isTrue();
    }
}
