package io.orderflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.testsupport.OwnApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No sandbox in production by accident: the production profile ({@code postgres}) refuses to start with the
 * sandbox payment gateway or the sandbox carrier, which take no money and ship nothing, unless a property allows
 * each explicitly, and the failure names that property. (Started with both allowed, it runs: FreshInstallTest and
 * AdminPasswordTest start it so; without a profile, the demo runs its sandboxes without asking.)
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxesInProductionTest {

	private static final String DATABASE = "orderflow_sandboxes_test_" + ProcessHandle.current().pid();

	private Map<String, ProcessEngine> enginesBefore;

	@BeforeEach
	void createEmptyDatabase() throws SQLException {
		OwnApplication.createEmptyDatabase(DATABASE);
		enginesBefore = new HashMap<>(ProcessEngines.getProcessEngines());
	}

	@AfterEach
	void restoreProcessEngines() {
		// an engine started here may have registered itself under the name a cached test context relies on
		enginesBefore.values().forEach(ProcessEngines::registerProcessEngine);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		OwnApplication.dropDatabase(DATABASE);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "sandbox payment gateway, ORDERFLOW_PAYMENT_ALLOW_SANDBOX, orderflow.payment.allow-sandbox, "
			+ "orderflow.payment.gateway, ORDERFLOW_DELIVERY_ALLOW_SANDBOX",
			"sandbox carrier, ORDERFLOW_DELIVERY_ALLOW_SANDBOX, orderflow.delivery.allow-sandbox, "
					+ "orderflow.delivery.carrier, ORDERFLOW_PAYMENT_ALLOW_SANDBOX" })
	void theProductionProfileRefusesASandboxNotAllowedAndNamesThePropertyThatAllowsIt(String sandbox, String variable,
			String property, String selectedBy, String otherVariable, CapturedOutput output) {
		// Given: production with its admin password, the other sandbox allowed explicitly, this one not
		Map<String, Object> environment = production();
		environment.remove(variable);

		// When
		Throwable failure = start(environment);

		// Then: the failure names the sandbox, the property and its variable, and not the other one
		assertThat(failure).as("startup with the %s not allowed", sandbox).isNotNull();
		assertThat(messages(failure))
			.anySatisfy(message -> assertThat(message).contains(sandbox, property, variable));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains(selectedBy)
			.contains(variable + "=true")
			.doesNotContain(otherVariable + "=true");
	}

	@Test
	void aFalseAllowanceIsNoAllowance() {
		// Given: the variable set, but to false
		Map<String, Object> environment = production();
		environment.put(OwnApplication.SANDBOX_PAYMENTS, "false");

		// When
		Throwable failure = start(environment);

		// Then
		assertThat(failure).as("startup with ORDERFLOW_PAYMENT_ALLOW_SANDBOX=false").isNotNull();
		assertThat(messages(failure)).anySatisfy(message -> assertThat(message).contains("ORDERFLOW_PAYMENT_ALLOW_SANDBOX"));
	}

	private static Map<String, Object> production() {
		Map<String, Object> environment = OwnApplication.productionEnvironment(DATABASE);
		environment.put("ORDERFLOW_ADMIN_PASSWORD", "sandbox-test-admin-secret");
		return environment;
	}

	private static Throwable start(Map<String, Object> environment) {
		return catchThrowable(() -> {
			try (ConfigurableApplicationContext unexpected = OwnApplication.start(environment, "postgres")) {
				// started after all: closed again at once, the assertions fail
			}
		});
	}

	private static List<String> messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

}
