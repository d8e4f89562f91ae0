package io.atende;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ModularityTest {

    /** Where the module diagrams live for readers; architecture.md links them. */
    static final Path DIAGRAMS = Path.of("docs", "architecture");

    final ApplicationModules modules = ApplicationModules.of(AtendeApplication.class);

    @Test
    void moduleDependenciesRunOneWayAndOnlyThroughFrontDoors() {
        modules.verify();
    }

    /**
     * HTTP belongs to the faces (and to the platform that serves them): a domain module works the
     * same from a request, a worker or mail intake, so none of its classes knows a request, a
     * response or a servlet. A module added later is a domain module unless it is listed here.
     */
    @Test
    void domainModulesKnowNothingOfTheWeb() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.atende");
        noClasses().that().resideInAPackage("io.atende..")
                .and().resideOutsideOfPackages("io.atende", "io.atende.platform..", "io.atende.api..", "io.atende.console..",
                        "io.atende.portal..", "io.atende.helpcenter..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                .because("the faces adapt HTTP to the domain modules, never the other way round")
                .check(classes);
    }

    /**
     * The diagrams in docs/architecture are the modules as they are: a change of a module's
     * dependencies fails here until the diagrams are written again with
     * {@code mvn test -Dtest=ModularityTest -Datende.write-diagrams=true}.
     */
    @Test
    void theModuleDiagramsInTheDocumentsMatchTheCode() throws IOException {
        Path written = Path.of("target", "module-diagrams");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(written.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        if (Boolean.getBoolean("atende.write-diagrams")) {
            Files.createDirectories(DIAGRAMS);
            try (Stream<Path> stale = Files.list(DIAGRAMS)) {
                for (Path file : stale.toList()) {
                    Files.delete(file);
                }
            }
            for (Path file : files(written)) {
                Files.copy(file, DIAGRAMS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(names(DIAGRAMS)).as("diagrams in " + DIAGRAMS).isEqualTo(names(written));
        // Line by line, in any order: the order the diagram lists modules in is not part of the design.
        for (Path file : files(written)) {
            assertThat(Files.readAllLines(DIAGRAMS.resolve(file.getFileName()))).as(file.getFileName().toString())
                    .containsExactlyInAnyOrderElementsOf(Files.readAllLines(file));
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        return files(folder).stream().map(file -> file.getFileName().toString()).toList();
    }
}
