package dev.portico;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the pipeline: each imports only the stages below it, and no two packages form a cycle.
 * The order, bottom first, is the README's "Where things live" table.
 */
class LayersTest {
    /** Layer name and the packages it holds, bottom first. */
    static final List<String[]> LAYERS = List.of(
            new String[] {"errors", "dev.portico.errors.."},
            new String[] {"event", "dev.portico.event.."},
            new String[] {"template", "dev.portico.template.."},
            new String[] {"route", "dev.portico.route"},
            new String[] {"route.openapi", "dev.portico.route.openapi.."},
            new String[] {"route.source", "dev.portico.route.source.."},
            new String[] {"invocation", "dev.portico.invocation.."},
            new String[] {"mapping", "dev.portico.mapping.."},
            new String[] {"integration", "dev.portico.integration.."},
            new String[] {"authorizer", "dev.portico.authorizer.."},
            new String[] {"apikey", "dev.portico.apikey.."},
            new String[] {"observability", "dev.portico.observability.."},
            new String[] {"gateway", "dev.portico.gateway.."},
            new String[] {"config", "dev.portico.config.."},
            new String[] {"handler", "dev.portico"});

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portico");

    /** Every layer may be used only by the layers above it. */
    static LayeredArchitecture pipelineOrder() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String[] layer : LAYERS) {
            layers = layers.layer(layer[0]).definedBy(layer[1]);
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(layer -> layer[0]).toArray(String[]::new);
            layers = layers.whereLayer(LAYERS.get(i)[0]).mayOnlyBeAccessedByLayers(above);
        }
        return layers.whereLayer(LAYERS.get(LAYERS.size() - 1)[0]).mayNotBeAccessedByAnyLayer();
    }

    @Test
    void eachPackageImportsOnlyTheStagesBelowIt() {
        pipelineOrder().check(CLASSES);
    }

    @Test
    void errorsAndEventsImportNothingOfPortico() {
        for (String bottom : Arrays.asList("dev.portico.errors..", "dev.portico.event..")) {
            noClasses().that().resideInAPackage(bottom)
                    .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                            "are Portico's, outside " + bottom, javaClass -> javaClass.getPackageName().startsWith("dev.portico")
                                    && !javaClass.getPackageName().startsWith(bottom.replace("..", ""))))
                    .check(CLASSES);
        }
    }

    @Test
    void noTwoPackagesFormACycle() {
        slices().matching("dev.portico.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
