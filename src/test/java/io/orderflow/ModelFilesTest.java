package io.orderflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.ModelChecker.Kind;
import io.orderflow.ModelChecker.ModelFile;
import io.orderflow.order.DecisionMoney;
import io.orderflow.testsupport.H2Test;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Every model in {@code bpmn/} and every form in {@code forms/} (the folders analysts edit, read from disk)
 * keeps the conventions of docs/lifecycle.md, and all of them deploy together into a real engine. Each file is a
 * container of tests named after it, one test per check; a failing check lists every violation it found
 * in that file, each naming the file and the element.
 *
 * <p>
 * The application context of this test does not auto-deploy the models (it has a database of its own for
 * that): a model the engine refuses must fail these tests with the file and the element, not keep the
 * context from starting. The deployment test then deploys the whole set itself.
 */
@H2Test
@TestPropertySource(properties = { "camunda.bpm.auto-deployment-enabled=false",
		"spring.datasource.url=jdbc:h2:mem:orderflow-models;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
		// the shared context of the other @H2Test classes runs an engine named "default" in this JVM
		"camunda.bpm.generate-unique-process-engine-name=true" })
class ModelFilesTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	ProcessEngineConfiguration engineConfiguration;

	private ModelChecker checker() {
		// Maven runs the tests in the project root, where bpmn/ and forms/ are
		return new ModelChecker(Path.of(""), context::containsBean);
	}

	@Test
	void findsTheModelsInTheProjectRoot() {
		Path models = Path.of(ModelChecker.MODELS_DIR).toAbsolutePath();
		assertTrue(Files.isDirectory(models), "no folder " + models + ": tests must run in the project root");
		assertTrue(checker().files().stream().anyMatch(f -> f.kind() == Kind.BPMN),
				"no *.bpmn file in " + models);
	}

	@TestFactory
	Stream<DynamicContainer> everyModelAndForm() {
		ModelChecker checker = checker();
		return checker.files()
			.stream()
			.map(file -> dynamicContainer(file.name(), file.path().toUri(), checker.checks(file)
				.stream()
				.map(check -> dynamicTest(file.name() + ": " + check.name(), file.path().toUri(),
						() -> ModelChecker.assertNoViolations(file.name() + " (" + check.name() + ")", check.run())))));
	}

	/**
	 * A form shows what its decision does to the money ({@code decisionMoney}) exactly where a module describes it:
	 * every user task whose form reads the field has a {@link DecisionMoney} bean, else the field stays empty; every
	 * such bean names a user task whose form shows it, else its words are written where nobody reads them.
	 */
	@Test
	void theMoneyOfADecisionIsDescribedForEveryFormThatShowsItAndOnlyThere() {
		Map<String, Set<String>> formKeys = checker().userTaskFormKeys();
		Set<String> shown = formKeys.entrySet()
			.stream()
			.filter(task -> task.getValue().contains(DecisionMoney.VARIABLE))
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> described = context.getBeansOfType(DecisionMoney.class)
			.values()
			.stream()
			.map(DecisionMoney::taskDefinitionKey)
			.collect(Collectors.toCollection(TreeSet::new));

		assertEquals(shown, described, "user tasks whose form shows " + DecisionMoney.VARIABLE
				+ " (left) and those a DecisionMoney bean describes (right)");
		assertTrue(shown.size() >= 5, "the five reviews that move money show it: " + shown);
	}

	/**
	 * The whole set deploys as one deployment, as the application deploys it, so that
	 * {@code camunda:formRefBinding="deployment"} finds the forms; the deployment is deleted afterwards.
	 */
	@Test
	void allModelsAndFormsDeployTogetherInOneDeployment() throws IOException {
		ModelChecker checker = checker();
		DeploymentBuilder builder = repositoryService.createDeployment()
			.name(getClass().getSimpleName())
			.source(getClass().getSimpleName());
		Set<String> resources = new TreeSet<>();
		for (ModelFile file : checker.deployableFiles()) {
			builder.addInputStream(file.name(), new ByteArrayInputStream(Files.readAllBytes(file.path())));
			resources.add(file.name());
		}

		DeploymentWithDefinitions deployment;
		try {
			deployment = builder.deployWithResult();
		}
		catch (RuntimeException e) {
			throw new AssertionFailedError("the files in bpmn/ and forms/ do not deploy together:\n  "
					+ String.join("\n  ", deploymentProblems(e)), e);
		}
		try {
			assertEquals(resources, new TreeSet<>(repositoryService.getDeploymentResourceNames(deployment.getId())),
					"resources of the deployment");
			assertEquals(checker.executableProcessIds(),
					deployment.getDeployedProcessDefinitions()
						.stream()
						.map(ProcessDefinition::getKey)
						.collect(Collectors.toSet()),
					"process definitions deployed: one per executable process");
			Set<String> deployedForms = deployedFormKeys(deployment.getId());
			assertEquals(checker.formIds(), deployedForms, "form definitions deployed: one per form");
			Set<String> unresolved = new TreeSet<>(checker.formRefs());
			unresolved.removeAll(deployedForms);
			assertTrue(unresolved.isEmpty(),
					"camunda:formRef with binding \"deployment\" finds no form of the deployment: " + unresolved);
		}
		finally {
			repositoryService.deleteDeployment(deployment.getId(), true);
		}
	}

	private Set<String> deployedFormKeys(String deploymentId) {
		List<CamundaFormDefinitionEntity> forms = ((ProcessEngineConfigurationImpl) engineConfiguration)
			.getCommandExecutorTxRequired()
			.execute(command -> command.getCamundaFormDefinitionManager().findDefinitionsByDeploymentId(deploymentId));
		return forms.stream().map(CamundaFormDefinitionEntity::getKey).collect(Collectors.toCollection(TreeSet::new));
	}

	/** The engine's parse problems, each with its resource, element and line. */
	private static List<String> deploymentProblems(RuntimeException e) {
		List<String> problems = new ArrayList<>();
		if (e instanceof ParseException parse) {
			parse.getResorceReports()
				.forEach(report -> report.getErrors()
					.forEach(problem -> problems.add(report.getResourceName() + ": "
							+ (problem.getMainElementId() == null ? "" : problem.getMainElementId() + ": ")
							+ problem.getMessage() + " (line " + problem.getLine() + ")")));
		}
		if (problems.isEmpty()) {
			problems.add(ModelChecker.describe(e));
		}
		return problems;
	}

}
