package dev.lbguard.architecture;

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
 * The pipeline's imports flow one way inside {@code diff-engine} (ARCHITECTURE.md, "Packages"). Each rule is also
 * run against a deliberate violation in this module's test sources ({@code ..violation} packages) and must find
 * it, so that a renamed package cannot turn a rule into a silent pass.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lbguard");

    static final ArchRule MODEL_STANDS_ALONE = classes().that().resideInAPackage("dev.lbguard.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.lbguard.model..",
                    "dev.lbguard.diagnostic..");

    /**
     * A source may build a {@link dev.lbguard.route.Request}, the vocabulary of routing (a traffic log is requests),
     * and nothing else of the evaluator or the diffs.
     */
    static final ArchRule SOURCES_DO_NOT_DIFF = noClasses().that().resideInAPackage("dev.lbguard.source..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAPackage("dev.lbguard.diff..")
                    .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.lbguard.route..")
                            .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                    com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(
                                            dev.lbguard.route.Request.class)))));

    static final ArchRule DIFFS_DO_NOT_READ = noClasses()
            .that().resideInAnyPackage("dev.lbguard.diff..", "dev.lbguard.route..")
            .should().dependOnClassesThat().resideInAPackage("dev.lbguard.source..");

    static final ArchRule HCL_IS_SYNTAX_ONLY = noClasses().that().resideInAPackage("dev.lbguard.source.hcl..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.source.terraform..",
                    "dev.lbguard.source.value..", "dev.lbguard.source.git..", "org.eclipse.jgit..", "java.net..",
                    "java.nio.file..");

    static final ArchRule LIVE_DOES_NOT_EVALUATE_HCL = noClasses()
            .that().resideInAnyPackage("dev.lbguard.source.live..", "dev.lbguard.source.value..",
                    "dev.lbguard.source.resources..")
            .should().dependOnClassesThat().resideInAPackage("dev.lbguard.source.terraform..")
            .because("what runs is read from state and APIs; Terraform's evaluator is for configuration");

    static final ArchRule NOTHING_PRINTS = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("only the CLI prints, through the writers it was given");

    @Test
    void modelUsesOnlyTheJdkAndDiagnostics() {
        MODEL_STANDS_ALONE.check(CLASSES);
    }

    @Test
    void sourcesNeverImportDiffsOrTheEvaluator() {
        SOURCES_DO_NOT_DIFF.check(CLASSES);
    }

    @Test
    void diffsAndTheEvaluatorNeverImportSources() {
        DIFFS_DO_NOT_READ.check(CLASSES);
    }

    @Test
    void theHclParserKnowsNothingOfTerraform() {
        HCL_IS_SYNTAX_ONLY.check(CLASSES);
    }

    @Test
    void liveSourcesAndTheResourceModelNeverImportTerraformEvaluation() {
        LIVE_DOES_NOT_EVALUATE_HCL.check(CLASSES);
    }

    @Test
    void nothingHerePrints() {
        NOTHING_PRINTS.check(CLASSES);
    }

    @Test
    void everyRuleFindsItsDeliberateViolation() {
        JavaClasses violations = new ClassFileImporter().importPackages("dev.lbguard.model.violation",
                "dev.lbguard.source.violation", "dev.lbguard.diff.violation", "dev.lbguard.source.hcl.violation",
                "dev.lbguard.source.live.violation");
        for (ArchRule rule : List.of(MODEL_STANDS_ALONE, SOURCES_DO_NOT_DIFF, DIFFS_DO_NOT_READ, HCL_IS_SYNTAX_ONLY,
                LIVE_DOES_NOT_EVALUATE_HCL, NOTHING_PRINTS)) {
            assertThat(rule.evaluate(violations).hasViolation()).as(rule.getDescription()).isTrue();
        }
        for (String p : List.of("dev.lbguard.model", "dev.lbguard.source.hcl", "dev.lbguard.source.live",
                "dev.lbguard.source.terraform.eval", "dev.lbguard.diff", "dev.lbguard.route")) {
            assertThat(CLASSES.containPackage(p)).as("the rules see %s", p).isTrue();
        }
    }
}
