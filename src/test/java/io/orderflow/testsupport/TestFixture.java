package io.orderflow.testsupport;

import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;

import java.math.BigDecimal;
import java.util.Map;

import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.annotation.Order;

/**
 * What every full-stack test needs and the test profile does not load: users in each group (password
 * = user id + "-pw"), a user in no group, a small catalog and one location with stock.
 */
@TestConfiguration(proxyBeanMethods = false)
@Order(100)
public class TestFixture implements ApplicationRunner {

	/** user id → group (null: in no group). */
	public static final Map<String, String> USERS = Map.of("integrator", INTEGRATORS, "integrator2", INTEGRATORS,
			"locked-integrator", INTEGRATORS, "agent", SERVICE_AGENTS, "warehouse", WAREHOUSE, "analyst",
			FRAUD_ANALYSTS, "supervisor", SUPERVISORS, "nobody", "");

	public static final String[] SKUS = { "SKU-A", "SKU-B", "SKU-C" };

	private final IdentityService identityService;

	private final Inventory inventory;

	TestFixture(IdentityService identityService, Inventory inventory) {
		this.identityService = identityService;
		this.inventory = inventory;
	}

	public static String password(String userId) {
		return userId + "-pw";
	}

	@Override
	public void run(ApplicationArguments args) {
		USERS.forEach((id, group) -> {
			if (identityService.createUserQuery().userId(id).count() > 0) {
				return;
			}
			User user = identityService.newUser(id);
			user.setFirstName(id);
			user.setLastName("Test");
			user.setPassword(password(id));
			identityService.saveUser(user);
			if (!group.isEmpty()) {
				identityService.createMembership(id, group);
			}
		});
		for (String sku : SKUS) {
			inventory.saveProduct(new Product(sku, "Test product " + sku, true));
		}
		inventory.saveLocation(new Location("WH-TEST", "Test warehouse", LocationType.WAREHOUSE, 1, "DE",
				new BigDecimal("52.5"), new BigDecimal("13.4"), true));
		for (String sku : SKUS) {
			inventory.setOnHand("WH-TEST", sku, 1000);
		}
	}

}
