package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/lifecycle.md: "a restart without changes deploys nothing new". Orderflow starts twice on one file-based H2
 * database, with {@code bpmn/} and {@code forms/} unchanged in between; the second start adds no deployment
 * and no process definition version.
 */
class RedeploymentTest {

	@TempDir
	Path dir;

	/** What the engine holds after a start: its deployments and the versions of the order lifecycle. */
	record Deployed(List<String> deploymentIds, long orderLifecycleDefinitions, int latestOrderLifecycleVersion,
			String latestOrderLifecycleId) {
	}

	@Test
	void aRestartWithoutChangesDeploysNothingNew() {
		Deployed first = startAndRead();
		Deployed second = startAndRead();

		assertThat(first.deploymentIds()).as("deployments after the first start").hasSize(1);
		assertThat(first.orderLifecycleDefinitions()).isEqualTo(1);
		assertThat(first.latestOrderLifecycleVersion()).isEqualTo(1);
		assertThat(second).as("after the second start, compared with the first").isEqualTo(first);
	}

	private Deployed startAndRead() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderflowApplication.class)
			.profiles("test")
			.properties("server.port=0",
					"spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";LOCK_TIMEOUT=20000",
					// a context of another test class may be alive in this JVM with its own engine "default"
					"camunda.bpm.generate-unique-process-engine-name=true")
			.run()) {
			RepositoryService repository = app.getBean(RepositoryService.class);
			ProcessDefinition latest = repository.createProcessDefinitionQuery()
				.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
				.latestVersion()
				.singleResult();
			return new Deployed(
					repository.createDeploymentQuery().list().stream()
						.map(Deployment::getId).sorted()
						.toList(),
					repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.LifecycleProcess.KEY).count(),
					latest.getVersion(), latest.getId());
		}
	}

}
