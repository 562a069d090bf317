package dev.lbguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline} writes only under refs/lbguard/: no other ref, no index, no work-tree file changes. */
class BaselineTest {
    private static final Map<String, String> ENV = Map.of("LBGUARD_NOW", "2026-03-02T15:00:00Z",
            "GIT_COMMITTER_NAME", "On Call", "GIT_COMMITTER_EMAIL", "oncall@shop.test");

    @TempDir
    Path temp;

    @Test
    void marksKnownGoodUnderItsOwnNamespaceOnly() throws Exception {
        Path repo = temp.resolve("repo");
        RevCommit first;
        try (TestHistory h = TestHistory.init(repo)) {
            h.copy(Golden.FIXTURES.resolve("demo/history/01-initial/tree"), "");
            first = h.commit(TestHistory.who("Ada Lovelace", "2026-03-01T09:00:00Z"), "edge");
            h.write("README.md", "shop\n");
            h.commit(TestHistory.who("Bob Byte", "2026-03-01T10:00:00Z"), "readme");
            h.write("README.md", "uncommitted\n");
            Map<String, String> refsBefore = refs(h);
            byte[] indexBefore = Files.readAllBytes(repo.resolve(".git/index"));
            Map<String, String> filesBefore = files(repo);

            assertThat(CliRun.run(ENV, "baseline", "show", "--repo", repo.toString()).exitCode()).isEqualTo(2);
            CliRun mark = CliRun.run(ENV, "baseline", "mark", "HEAD~1", "--note", "verified", "--repo", repo.toString());
            assertThat(mark.exitCode()).as(mark.err()).isZero();
            assertThat(mark.out()).contains("On Call <oncall@shop.test>").contains("2026-03-02T15:00:00Z")
                    .contains("git push origin 'refs/lbguard/*:refs/lbguard/*'");

            Map<String, String> refsAfter = refs(h);
            Map<String, String> lbguard = new TreeMap<>(refsAfter);
            lbguard.keySet().removeIf(r -> !r.startsWith("refs/lbguard/"));
            refsAfter.keySet().removeIf(r -> r.startsWith("refs/lbguard/"));
            assertThat(refsAfter).isEqualTo(refsBefore);
            assertThat(lbguard).containsOnlyKeys("refs/lbguard/known-good", "refs/lbguard/marks/1772463600-"
                    + first.name().substring(0, 12));
            assertThat(Files.readAllBytes(repo.resolve(".git/index"))).isEqualTo(indexBefore);
            assertThat(files(repo)).isEqualTo(filesBefore);

            JsonNode shown = new ObjectMapper().readTree(CliRun.run(ENV, "baseline", "show", "--format", "json",
                    "--repo", repo.toString()).out());
            Golden.validate(shown.toString());
            assertThat(shown.get("knownGood").get("commit").asText()).isEqualTo(first.name());
            assertThat(shown.get("knownGood").get("markedBy").asText()).isEqualTo("On Call");
            assertThat(shown.get("knownGood").get("note").asText()).isEqualTo("verified");

            CliRun.run(Map.of("LBGUARD_NOW", "2026-03-02T16:00:00Z"), "baseline", "mark", "--repo", repo.toString());
            CliRun list = CliRun.run(ENV, "baseline", "list", "--repo", repo.toString());
            assertThat(list.out().lines().toList()).hasSize(2);
            assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("* ");
        }
    }

    private static Map<String, String> refs(TestHistory h) throws Exception {
        Map<String, String> refs = new TreeMap<>();
        for (Ref r : h.git.getRepository().getRefDatabase().getRefs()) {
            refs.put(r.getName(), r.getObjectId().name());
        }
        refs.put("HEAD", h.git.getRepository().exactRef("HEAD").getTarget().getName());
        return refs;
    }

    private static Map<String, String> files(Path repo) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(repo)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !repo.relativize(p).startsWith(".git")).toList()) {
                files.put(repo.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
