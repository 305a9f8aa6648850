package io.orderflow.demo;

import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import io.orderflow.inventory.Catalog;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.inventory.Stock;
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

	private final Catalog catalog;

	private final Stock stock;

	private final Clock clock;

	DemoData(IdentityService identityService, Inventory inventory, Catalog catalog, Stock stock, Clock clock) {
		this.identityService = identityService;
		this.inventory = inventory;
		this.catalog = catalog;
		this.stock = stock;
		this.clock = clock;
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
		// through the same services as /api/products, /api/locations and /api/locations/{id}/stock
		catalog.saveProducts(PRODUCTS.stream()
			.map(p -> new Catalog.ProductInput(p.sku(), p.name(), p.returnable(), p.active(), p.weightGrams(),
					p.attributes()))
			.toList(), null, "demo");
		for (Location l : LOCATIONS) {
			catalog.saveLocation(l.id(), new Catalog.LocationInput(l.name(), l.type().name(), l.priority(), l.country(),
					l.latitude(), l.longitude(), l.active(), l.ships(), l.acceptsReturns()));
		}
		OffsetDateTime counted = OffsetDateTime.now(clock);
		stock.snapshot("WH-BERLIN", new Stock.SnapshotInput(counted,
				PRODUCTS.stream().map(p -> new Stock.SnapshotLine(p.sku(), 100, null)).toList()));
		stock.snapshot("WH-HAMBURG", new Stock.SnapshotInput(counted,
				PRODUCTS.stream().map(p -> new Stock.SnapshotLine(p.sku(), 50, null)).toList()));
		stock.snapshot("STORE-MUNICH", new Stock.SnapshotInput(counted,
				List.of(new Stock.SnapshotLine("SKU-TSHIRT-M", 10, null), new Stock.SnapshotLine("SKU-SNEAKER-42", 5,
						null))));
		log.info("Demo data loaded: {} users, {} products, {} locations", USERS.size(), PRODUCTS.size(),
				LOCATIONS.size());
	}

}
