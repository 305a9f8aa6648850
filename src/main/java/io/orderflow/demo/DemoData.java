package io.orderflow.demo;

import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;

import java.math.BigDecimal;
import java.util.List;

import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo users (password = user id), a catalog, three locations and their stock: enough to submit
 * orders and work tasks right after the first start. Only in the demo profile, never together with
 * the postgres profile; the catalog is seeded only into an empty one.
 */
@Component
@Profile("demo & !postgres")
@Order(10)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	record DemoUser(String id, String firstName, String lastName, String group) {
	}

	static final List<DemoUser> USERS = List.of(new DemoUser("integrator", "Ina", "Integrator", INTEGRATORS),
			new DemoUser("agent", "Alex", "Agent", SERVICE_AGENTS),
			new DemoUser("supervisor", "Sam", "Supervisor", SUPERVISORS),
			new DemoUser("analyst", "Fran", "Analyst", FRAUD_ANALYSTS),
			new DemoUser("warehouse", "Wes", "Warehouse", WAREHOUSE));

	static final List<Product> PRODUCTS = List.of(new Product("SKU-TSHIRT-M", "Organic T-shirt, M", true),
			new Product("SKU-TSHIRT-L", "Organic T-shirt, L", true), new Product("SKU-HOODIE-M", "Hoodie, M", true),
			new Product("SKU-JEANS-32", "Slim jeans, 32", true), new Product("SKU-SNEAKER-42", "Sneaker, 42", true),
			new Product("SKU-MUG", "Enamel mug", true), new Product("SKU-GIFTCARD-50", "Gift card 50", false),
			new Product("SKU-SOCKS", "Wool socks", false));

	static final List<Location> LOCATIONS = List.of(
			new Location("WH-BERLIN", "Berlin warehouse", LocationType.WAREHOUSE, 1, "DE", new BigDecimal("52.520008"),
					new BigDecimal("13.404954"), true),
			new Location("WH-HAMBURG", "Hamburg warehouse", LocationType.WAREHOUSE, 2, "DE",
					new BigDecimal("53.551086"), new BigDecimal("9.993682"), true),
			new Location("STORE-MUNICH", "Munich store", LocationType.STORE, 3, "DE", new BigDecimal("48.137154"),
					new BigDecimal("11.576124"), true));

	private final IdentityService identityService;

	private final Inventory inventory;

	DemoData(IdentityService identityService, Inventory inventory) {
		this.identityService = identityService;
		this.inventory = inventory;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (DemoUser demo : USERS) {
			if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
				User user = identityService.newUser(demo.id());
				user.setFirstName(demo.firstName());
				user.setLastName(demo.lastName());
				user.setEmail(demo.id() + "@orderflow.example");
				user.setPassword(demo.id());
				identityService.saveUser(user);
				identityService.createMembership(demo.id(), demo.group());
			}
		}
		if (!inventory.catalogEmpty()) {
			return;
		}
		PRODUCTS.forEach(inventory::saveProduct);
		LOCATIONS.forEach(inventory::saveLocation);
		for (Product product : PRODUCTS) {
			inventory.setOnHand("WH-BERLIN", product.sku(), 100);
			inventory.setOnHand("WH-HAMBURG", product.sku(), 50);
		}
		inventory.setOnHand("STORE-MUNICH", "SKU-TSHIRT-M", 10);
		inventory.setOnHand("STORE-MUNICH", "SKU-SNEAKER-42", 5);
		log.info("Demo data loaded: {} users, {} products, {} locations", USERS.size(), PRODUCTS.size(),
				LOCATIONS.size());
	}

}
