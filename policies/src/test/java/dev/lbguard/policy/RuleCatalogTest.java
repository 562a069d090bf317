package dev.lbguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.policy.rules.BuiltInRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
    private final List<PolicyRule> rules = BuiltInRules.standard().rules();

    /** The repository root: the nearest directory up from the module that holds {@code docs/}. */
    static Path repoRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with docs/").isNotNull();
        return p;
    }

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> ids = new HashSet<>();
        for (PolicyRule r : rules) {
            assertThat(r.info().id()).matches("LBG\\d{3}");
            assertThat(ids.add(r.info().id())).as("unique id %s", r.info().id()).isTrue();
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void rulesAreFinalClassesInTheRulesPackage() {
        for (PolicyRule r : rules) {
            assertThat(java.lang.reflect.Modifier.isFinal(r.getClass().getModifiers())).as(r.getClass().getName()).isTrue();
            assertThat(r.getClass().getPackageName()).isEqualTo("dev.lbguard.policy.rules");
        }
    }

    @Test
    void everyRuleHasTextsDocsAndFixtures() throws IOException {
        Path root = repoRoot();
        for (PolicyRule r : rules) {
            RuleInfo info = r.info();
            assertThat(info.title()).as(info.id()).isNotBlank().doesNotEndWith(".");
            assertThat(info.rationale()).as(info.id()).isNotBlank();
            assertThat(info.remediation()).as(info.id()).isNotBlank();
            assertThat(info.docsLink()).isEqualTo("docs/rules/" + info.id() + ".md");
            Path doc = root.resolve(info.docsLink());
            assertThat(doc).as("docs for %s", info.id()).isRegularFile();
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            assertThat(text).as(info.id()).contains(info.id()).contains(info.title())
                    .contains(info.severity().label());
            Path fixtures = RuleFixturesTest.fixtures().resolve(info.id());
            for (String kind : List.of("trigger", "clean")) {
                for (String side : List.of("base", "head")) {
                    assertThat(fixtures.resolve(kind).resolve(side).resolve("main.tf"))
                            .as("fixture %s %s %s", info.id(), kind, side).isRegularFile();
                }
            }
            assertThat(RuleFixturesTest.markers(fixtures.resolve("trigger"), info.id()))
                    .as("expect markers in %s trigger", info.id()).isNotEmpty();
        }
    }

    @Test
    void aCatalogRefusesADuplicateId() {
        PolicyRule one = rules.get(0);
        assertThatThrownBy(() -> new RuleCatalog(List.of(one, one))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void looksUpById() {
        assertThat(BuiltInRules.standard().rule("LBG001")).isPresent();
        assertThat(BuiltInRules.standard().rule("LBG999")).isEmpty();
    }
}
