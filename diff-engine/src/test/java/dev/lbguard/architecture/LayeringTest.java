package dev.lbguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pipeline's imports flow one way (ARCHITECTURE.md, STYLE.md "Layout"). */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lbguard");

    @Test
    void modelUsesOnlyTheJdkAndDiagnostics() {
        classes().that().resideInAPackage("dev.lbguard.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.lbguard.model..",
                        "dev.lbguard.diagnostic..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void sourcesNeverImportDiffsOrTheEvaluator() {
        noClasses().that().resideInAPackage("dev.lbguard.source..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.diff..", "dev.lbguard.route..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void diffsAndTheEvaluatorNeverImportSources() {
        noClasses().that().resideInAnyPackage("dev.lbguard.diff..", "dev.lbguard.route..")
                .should().dependOnClassesThat().resideInAPackage("dev.lbguard.source..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theHclParserKnowsNothingOfTerraform() {
        noClasses().that().resideInAPackage("dev.lbguard.source.hcl..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.source.terraform..",
                        "dev.lbguard.source.git..", "org.eclipse.jgit..", "java.net..", "java.nio.file..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void onlyTheCliPrints() {
        noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
