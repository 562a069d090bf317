package dev.lbguard.source.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.DiskTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory that holds no configuration is read as no load balancers only where nothing in it looks like one
 * lbguard no longer recognises: a renamed HAProxy config or an Ansible tree's YAML stays an error.
 */
class ConfigurationsTest {
    @TempDir
    Path dir;

    @Test
    void onlyADirectoryOfNothingConfigurationLikeHoldsNoConfiguration() throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/README.md"), "# Edge\n");
        Files.createDirectories(dir.resolve("lb"));
        Files.writeString(dir.resolve("lb/haproxy.conf"), "# renamed\n");
        Files.createDirectories(dir.resolve("tf"));
        Files.writeString(dir.resolve("tf/main.tf"), "resource \"aws_lb\" \"a\" {}\n");
        DiskTree tree = new DiskTree(dir);
        assertThat(Configurations.holdsNoConfiguration(tree, "docs")).isTrue();
        assertThat(Configurations.holdsNoConfiguration(tree, "lb")).isFalse();
        assertThat(Configurations.holdsNoConfiguration(tree, "tf")).isFalse();
        assertThat(Configurations.holdsNoConfiguration(tree, "nowhere")).isTrue();
    }
}
