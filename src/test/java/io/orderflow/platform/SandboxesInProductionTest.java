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

	@Test
	void theProductionProfileRefusesTheSandboxGatewayAndNamesThePropertyThatAllowsIt(CapturedOutput output) {
		// Given: production with its admin password, no payment gateway chosen (the sandbox is the default)
		Map<String, Object> environment = production();
		environment.remove(OwnApplication.SANDBOX_PAYMENTS);

		// When
		Throwable failure = start(environment);

		// Then
		assertThat(failure).as("startup with the sandbox gateway not allowed").isNotNull();
		assertThat(messages(failure)).anySatisfy(message -> assertThat(message)
			.contains("sandbox payment gateway", "orderflow.payment.allow-sandbox", "ORDERFLOW_PAYMENT_ALLOW_SANDBOX"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("orderflow.payment.gateway")
			.contains("ORDERFLOW_PAYMENT_ALLOW_SANDBOX=true");
	}

	@Test
	void theProductionProfileRefusesTheSandboxCarrierEvenWithTheSandboxGatewayAllowed(CapturedOutput output) {
		// Given: the sandbox gateway allowed explicitly, the sandbox carrier not
		Map<String, Object> environment = production();
		environment.remove(OwnApplication.SANDBOX_CARRIER);

		// When
		Throwable failure = start(environment);

		// Then
		assertThat(failure).as("startup with the sandbox carrier not allowed").isNotNull();
		assertThat(messages(failure)).anySatisfy(message -> assertThat(message)
			.contains("sandbox carrier", "orderflow.delivery.allow-sandbox", "ORDERFLOW_DELIVERY_ALLOW_SANDBOX"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("orderflow.delivery.carrier")
			.doesNotContain("ORDERFLOW_PAYMENT_ALLOW_SANDBOX=true");
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
