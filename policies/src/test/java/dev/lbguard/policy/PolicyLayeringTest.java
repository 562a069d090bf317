package dev.lbguard.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Policies read the model and the diffs only (STYLE.md "Layout"); rules are final classes that never print. */
class PolicyLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lbguard.policy");

    @Test
    void policyNeverSeesASourceOrJgit() {
        noClasses().that().resideInAPackage("dev.lbguard.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.source..", "org.eclipse.jgit..")
                .check(CLASSES);
    }

    @Test
    void rulesAreFinalAndPolicyNeverPrints() {
        classes().that().resideInAPackage("dev.lbguard.policy.rules").and().implement(PolicyRule.class)
                .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .check(CLASSES);
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CLASSES);
    }
}
