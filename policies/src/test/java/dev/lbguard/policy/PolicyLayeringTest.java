package dev.lbguard.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policies read the model and the diffs only; rules are final classes; nothing here prints (that analyses never
 * know the CLI is checked in {@code cli}, where the CLI is on the class path) (ARCHITECTURE.md, "Packages"). Each rule is also run against a deliberate violation in the test sources
 * and must find it.
 */
class PolicyLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lbguard.policy", "dev.lbguard.analysis");

    static final ArchRule POLICY_NEVER_READS = noClasses().that().resideInAPackage("dev.lbguard.policy..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.source..", "dev.lbguard.analysis..",
                    "org.eclipse.jgit..");

    static final ArchRule RULES_ARE_FINAL = classes().that().resideInAPackage("dev.lbguard.policy.rules..")
            .and().implement(PolicyRule.class)
            .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);

    static final ArchRule NOTHING_PRINTS = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");

    @Test
    void policyNeverSeesASourceOrJgit() {
        POLICY_NEVER_READS.check(CLASSES);
    }

    @Test
    void rulesAreFinal() {
        RULES_ARE_FINAL.check(CLASSES);
    }

    @Test
    void nothingHerePrints() {
        NOTHING_PRINTS.check(CLASSES);
    }

    @Test
    void everyRuleFindsItsDeliberateViolation() {
        JavaClasses violations = new ClassFileImporter().importPackages("dev.lbguard.policy.rules.violation");
        for (ArchRule rule : List.of(POLICY_NEVER_READS, RULES_ARE_FINAL, NOTHING_PRINTS)) {
            assertThat(rule.evaluate(violations).hasViolation()).as(rule.getDescription()).isTrue();
        }
        assertThat(CLASSES.containPackage("dev.lbguard.policy.rules")).isTrue();
        assertThat(CLASSES.containPackage("dev.lbguard.analysis")).isTrue();
    }
}
