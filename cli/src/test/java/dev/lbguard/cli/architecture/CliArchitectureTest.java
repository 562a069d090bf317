package dev.lbguard.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The CLI's layering (ARCHITECTURE.md, "cli"): commands parse options, run one analysis and render; reports read
 * results only; nothing but {@code Main} prints; no package of lbguard, in any module, takes part in a cycle. Each
 * rule is also run against a deliberate violation ({@link Violations}) and must find it, so that a renamed
 * package cannot turn a rule into a silent pass.
 */
class CliArchitectureTest {
    /** Main code of every module: not test classes, nor the diff-engine test jar (its deliberate violations). */
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
            .importPackages("dev.lbguard");

    static final ArchRule REPORTS_READ_RESULTS_NOT_SOURCES = noClasses()
            .that().resideInAPackage("dev.lbguard.cli.report..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.source..", "org.eclipse.jgit..")
            .because("a report renders results; reading configuration is a source's job (ARCHITECTURE.md)");

    /**
     * A command may build a {@link dev.lbguard.route.Request} from its flags (and read why one cannot be sent): the
     * request is vocabulary.
     */
    static final ArchRule COMMANDS_DO_NOT_DIFF = noClasses()
            .that().resideInAPackage("dev.lbguard.cli.command..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.lbguard.diff..")
                    .or(JavaClass.Predicates.resideInAPackage("dev.lbguard.route..")
                            .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(dev.lbguard.route.Request.class)))))
            .because("a command runs an analysis (dev.lbguard.analysis), which diffs and evaluates (ARCHITECTURE.md)");

    static final ArchRule ANALYSES_DO_NOT_KNOW_THE_CLI = noClasses()
            .that().resideInAPackage("dev.lbguard.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lbguard.cli..", "picocli..")
            .because("an analysis takes options and returns a result; the CLI is one caller (ARCHITECTURE.md)");

    static final ArchRule ONLY_MAIN_PRINTS = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.lbguard.cli.Main")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("output goes through the command line's writers, so tests and --output see all of it");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.lbguard.(**)").should().beFreeOfCycles()
            .because("each package depends on the ones before it in the pipeline (ARCHITECTURE.md)");

    @Test
    void reportsReadResultsNotSources() {
        REPORTS_READ_RESULTS_NOT_SOURCES.check(PRODUCT);
    }

    @Test
    void commandsRunAnalysesAndDoNotDiff() {
        COMMANDS_DO_NOT_DIFF.check(PRODUCT);
    }

    @Test
    void analysesDoNotKnowTheCli() {
        ANALYSES_DO_NOT_KNOW_THE_CLI.check(PRODUCT);
    }

    @Test
    void onlyMainPrints() {
        ONLY_MAIN_PRINTS.check(PRODUCT);
    }

    @Test
    void noPackageOfAnyModuleIsInACycle() {
        NO_PACKAGE_CYCLES.check(PRODUCT);
    }

    @Test
    void everyRuleFindsItsDeliberateViolation() {
        JavaClasses violations = new ClassFileImporter().importPackages("dev.lbguard.cli.architecture.violations",
                "dev.lbguard.cli.report.violation", "dev.lbguard.cli.command.violation", "dev.lbguard.analysis.violation");
        for (ArchRule rule : java.util.List.of(REPORTS_READ_RESULTS_NOT_SOURCES, COMMANDS_DO_NOT_DIFF,
                ANALYSES_DO_NOT_KNOW_THE_CLI, ONLY_MAIN_PRINTS, NO_PACKAGE_CYCLES)) {
            assertThat(rule.evaluate(violations).hasViolation()).as(rule.getDescription()).isTrue();
        }
        // The rules see the product at all: an import that found nothing would pass every rule.
        assertThat(PRODUCT.containPackage("dev.lbguard.cli.report")).isTrue();
        assertThat(PRODUCT.containPackage("dev.lbguard.cli.command")).isTrue();
        assertThat(PRODUCT.containPackage("dev.lbguard.analysis")).isTrue();
        assertThat(PRODUCT.containPackage("dev.lbguard.source.git")).isTrue();
    }
}
