package dev.reel.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The architecture as rules over the compiled main classes of every module the CLI is built from
 * (runtime, media, samples, cli; docs/architecture.md draws it): no package cycle anywhere, and each layer
 * depends only on the layers below it.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.reel");

    @Test
    void noPackageCycles() {
        slices().matching("dev.reel.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void runtimeKnowsNoMedia() {
        noClasses().that().resideInAPackage("dev.reel.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.reel.media..", "dev.reel.cli..", "dev.reel.samples..").check(MAIN);
    }

    @Test
    void mediaKnowsNoCommand() {
        noClasses().that().resideInAPackage("dev.reel.media..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.reel.cli..", "dev.reel.samples..").check(MAIN);
    }

    @Test
    void coreIsTheBottom() {
        noClasses().that().resideInAPackage("dev.reel.media.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.reel.media.frame..", "dev.reel.media.ffmpeg..",
                    "dev.reel.media.component..", "dev.reel.media.shots..", "dev.reel.media.record..", "dev.reel.media.registry..").check(MAIN);
    }

    @Test
    void framesBelowCodecs() {
        noClasses().that().resideInAPackage("dev.reel.media.frame..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.reel.media.ffmpeg..", "dev.reel.media.component..",
                    "dev.reel.media.shots..", "dev.reel.media.record..", "dev.reel.media.registry..").check(MAIN);
    }

    @Test
    void registryListsNoComponent() {
        noClasses().that().resideInAnyPackage("dev.reel.media.registry..",
                    "dev.reel.media.annotation..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.reel.media.component..", "dev.reel.media.shots..",
                    "dev.reel.media.record..").check(MAIN);
    }

    @Test
    void commandsDoNotImportTheMainClass() {
        noClasses().that().resideInAPackage("dev.reel.cli..")
            .and().resideOutsideOfPackage("dev.reel.cli")
            .should().dependOnClassesThat().resideInAPackage("dev.reel.cli").check(MAIN);
    }
}
