package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The top-level packages are Spring Modulith's application modules: each uses only what the others expose
 * (their root package, and the named interfaces where a module exposes more), and none depends on another
 * in a cycle. The module diagram in {@code docs/modules/} is what the Documenter writes for today's code.
 */
class ApplicationModulesTest {

	static final ApplicationModules MODULES = ApplicationModules.of(OrderflowApplication.class);

	static final Path DOCS = Path.of("docs", "modules");

	static final String REGENERATE = "run ./mvnw test -Dtest=ApplicationModulesTest -Dorderflow.write-docs=true "
			+ "and commit docs/modules";

	@Test
	void modulesUseOnlyWhatTheOthersExpose() {
		MODULES.verify();
	}

	@Test
	void theModuleDiagramInDocsIsCurrent() throws IOException {
		Path written = Path.of("target", "spring-modulith-docs");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
			.writeModulesAsPlantUml(Documenter.DiagramOptions.defaults())
			.writeIndividualModulesAsPlantUml(Documenter.DiagramOptions.defaults());
		if (Boolean.getBoolean("orderflow.write-docs")) {
			Files.createDirectories(DOCS);
			try (Stream<Path> files = Files.list(written)) {
				for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
					Files.copy(file, DOCS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		try (Stream<Path> files = Files.list(written)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
				Path committed = DOCS.resolve(file.getFileName());
				assertThat(committed).as("docs/modules/%s is missing: %s", file.getFileName(), REGENERATE).exists();
				// the Documenter's order of modules and relations is not guaranteed: compare the lines as sets
				assertThat(Files.readAllLines(committed)).as("docs/modules/%s is not current: %s",
						file.getFileName(), REGENERATE).containsExactlyInAnyOrderElementsOf(Files.readAllLines(file));
			}
		}
	}

}
