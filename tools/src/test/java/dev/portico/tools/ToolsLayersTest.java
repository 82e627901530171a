package dev.portico.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The emulated callers and the Lambda emulators stay independent of the code they test: they import nothing of
 * the function, so a bug there cannot hide behind the same bug here. Only the local load balancer hosts the
 * function's code.
 */
class ToolsLayersTest {
    private static final JavaClasses TOOLS = new ClassFileImporter().importPackages("dev.portico.tools");
    private static final String[] FUNCTION = {"dev.portico.errors..", "dev.portico.event..", "dev.portico.template..",
            "dev.portico.route..", "dev.portico.invocation..", "dev.portico.mapping..", "dev.portico.integration..",
            "dev.portico.gateway..", "dev.portico.config.."};

    @Test
    void callersImportNothingOfTheFunction() {
        noClasses().that().resideInAPackage("dev.portico.tools.callers..")
                .should().dependOnClassesThat().resideInAnyPackage(FUNCTION).check(TOOLS);
    }

    @Test
    void lambdaEmulatorsImportNothingOfTheFunction() {
        noClasses().that().resideInAPackage("dev.portico.tools.emulator..")
                .and(DescribedPredicate.describe("are not the local load balancer",
                        javaClass -> !javaClass.getName().startsWith("dev.portico.tools.emulator.LocalServer")))
                .should().dependOnClassesThat().resideInAnyPackage(FUNCTION).check(TOOLS);
    }
}
