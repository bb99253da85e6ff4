package dev.reel.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The runtime's shape, checked on its compiled classes: a small library under the media code that
 * knows nothing of media, the CLI or the tools, with packages that depend on each other one way only.
 */
class RuntimeArchitectureTest {
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reel.runtime");

    /** One slice per package, the root package {@code dev.reel.runtime} included. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return SliceIdentifier.of(c.getPackageName());
        }

        @Override
        public String getDescription() {
            return "runtime packages";
        }
    };

    @Test
    void theRuntimeWasImported() {
        // Guards the rules below against passing on an empty import.
        org.junit.jupiter.api.Assertions.assertTrue(RUNTIME.contain(Graph.class) && RUNTIME.contain(
                dev.reel.runtime.components.Tee.class), "runtime classes not found on the class path");
    }

    @Test
    void runtimePackagesHaveNoCycles() {
        slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(RUNTIME);
    }

    @Test
    void theRuntimeDependsOnNoMediaCliOrTool() {
        noClasses().that().resideInAPackage("dev.reel.runtime..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.reel.media..", "dev.reel.cli..", "dev.reel.scaleout..", "dev.reel.samples..",
                        "dev.reel.bench..")
                .check(RUNTIME);
    }

    @Test
    void theRuntimeUsesOnlyTheJdkJctoolsAndJna() {
        classes().that().resideInAPackage("dev.reel.runtime..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.reel.runtime..", "java..", "org.jctools..", "com.sun.jna..")
                .check(RUNTIME);
    }

    @Test
    void theLeafPackagesDoNotReachBackIntoTheCore() {
        noClasses().that().resideInAnyPackage("dev.reel.runtime.buffer..", "dev.reel.runtime.stats..",
                        "dev.reel.runtime.idle..", "dev.reel.runtime.affinity..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.reel.runtime", "dev.reel.runtime.components..")
                .check(RUNTIME);
    }
}
