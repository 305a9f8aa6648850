package io.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.junit.jupiter.api.Test;

/**
 * The catalog and the locations over REST, as a catalog system and a warehouse system keep them: Given a
 * product or location sent with PUT (or products in bulk), Then it reads back as sent, an invalid one is
 * refused naming every field and changes nothing, an inactive SKU is refused at intake, and a location that
 * stops shipping gets no new allocations.
 */
abstract class CatalogApiTest extends ServiceApiTest {

	CatalogApiTest() {
		super("CAT", "Catalog", "0.00");
	}

	@Test
	void aProductSentWithPutIsCreatedThenUpdatedAndReadsBackAsSent() {
		String newSku = "CAT-NEW-" + run;

		// When a catalog sends a new product, then the same SKU with another name
		Response created = integrator.put("/api/products/" + newSku, Map.of("name", "Linen shirt", "returnable", false,
				"weightGrams", 240, "attributes", Map.of("colour", "sand", "size", "M")));
		Response updated = integrator.put("/api/products/" + newSku, Map.of("name", "Linen shirt, sand",
				"returnable", false, "weightGrams", 240, "attributes", Map.of("colour", "sand", "size", "M")));

		// Then the first is created (201), the second an update (200), and it reads back as last sent
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		var product = integrator.get("/api/products/" + newSku).json();
		assertThat(product.path("name").asText()).isEqualTo("Linen shirt, sand");
		assertThat(product.path("returnable").asBoolean()).isFalse();
		assertThat(product.path("active").asBoolean()).isTrue();
		assertThat(product.path("weightGrams").asInt()).isEqualTo(240);
		assertThat(product.path("attributes").path("size").asText()).isEqualTo("M");
		// And the warehouse reads the catalog, but may not change it
		ApiClient warehouse = ApiClient.on(port).as("warehouse");
		assertThat(warehouse.get("/api/products/" + newSku).status()).isEqualTo(200);
		assertThat(warehouse.put("/api/products/" + newSku, Map.of("name", "x")).status()).isEqualTo(403);
	}

	@Test
	void anInvalidProductIsRefusedNamingEveryFieldAndChangesNothing() {
		// When a product comes with a bad SKU, no name, a negative weight and an over-long attribute
		Response refused = integrator.put("/api/products/-bad", Map.of("name", " ", "weightGrams", -1,
				"attributes", Map.of("care", "x".repeat(501))));

		// Then it is a 422 naming each field, and nothing is stored
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(fields(refused)).containsExactlyInAnyOrder("sku", "name", "weightGrams", "attributes.care");
		assertThat(integrator.get("/api/products/-bad").status()).isEqualTo(404);
	}

	@Test
	void productsInBulkAreTakenAllOrNothingAndOnceWithAnIdempotencyKey() {
		String a = "CAT-BULK-A-" + run;
		String b = "CAT-BULK-B-" + run;
		List<Map<String, Object>> products = new ArrayList<>(List.of(Map.of("sku", a, "name", "Bulk A"),
				Map.of("sku", b, "name", "Bulk B"), Map.of("sku", sku, "name", "Catalog API product, renamed")));

		// When one of three is invalid
		List<Map<String, Object>> oneInvalid = new ArrayList<>(products);
		oneInvalid.set(1, Map.of("sku", b, "name", ""));
		Response refused = integrator.post("/api/products/bulk", Map.of("products", oneInvalid));

		// Then none is taken, and the invalid field is named by its place in the request
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(fields(refused)).containsExactly("products[1].name");
		assertThat(integrator.get("/api/products/" + a).status()).isEqualTo(404);

		// When the three are valid, sent twice with one key, and once more with another body under that key
		ApiClient keyed = integrator.header("Idempotency-Key", "bulk-" + run);
		Response first = keyed.post("/api/products/bulk", Map.of("products", products));
		Response replay = keyed.post("/api/products/bulk", Map.of("products", products));
		Response otherBody = keyed.post("/api/products/bulk", Map.of("products", products.subList(0, 1)));

		// Then two are created and one updated, the repeat answers the same, and another body is refused
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("created").asInt()).isEqualTo(2);
		assertThat(first.json().path("updated").asInt()).isEqualTo(1);
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(fields(otherBody)).containsExactly("Idempotency-Key");
		assertThat(integrator.get("/api/products/" + sku).json().path("name").asText())
			.isEqualTo("Catalog API product, renamed");
	}

	@Test
	void anInactiveSkuIsRefusedAtIntakeAndStaysOnTheOrdersThatHaveIt() {
		// Given an order of the SKU, and the SKU then taken off sale
		String orderId = submit(1);
		integrator.put("/api/products/" + sku, Map.of("name", "Catalog API product", "active", false));

		// When another order of it comes in
		Response refused = integrator.post("/api/orders", orderOf(sku));

		// Then it is refused naming the line's SKU, and the earlier order still has it
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(fields(refused)).containsExactly("lines[0].sku");
		assertThat(refused.body()).contains("not on sale");
		assertThat(integrator.get("/api/orders/" + orderId).json().path("lines").get(0).path("sku").asText())
			.isEqualTo(sku);
		// And it cannot be deleted: it is on an order (and in stock)
		assertThat(integrator.delete("/api/products/" + sku).status()).isEqualTo(409);
		Jobs.runDue(engine);
	}

	@Test
	void aProductNoOrderHasAndNoLocationHoldsCanBeDeleted() {
		String unsold = "CAT-DEL-" + run;
		integrator.put("/api/products/" + unsold, Map.of("name", "Never sold"));
		inventory.setOnHand(location, unsold, 3);

		// When it is in stock, it cannot be deleted; at 0, it can, once
		assertThat(integrator.delete("/api/products/" + unsold).status()).isEqualTo(409);
		inventory.setOnHand(location, unsold, 0);
		assertThat(integrator.delete("/api/products/" + unsold).status()).isEqualTo(204);
		assertThat(integrator.get("/api/products/" + unsold).status()).isEqualTo(404);
		assertThat(integrator.delete("/api/products/" + unsold).status()).isEqualTo(404);
	}

	@Test
	void theCatalogReadsAPageAtATimeInSkuOrder() {
		for (int i = 0; i < 3; i++) {
			integrator.put("/api/products/CAT-PAGE-" + run + "-" + i, Map.of("name", "Page " + i, "active", i != 1));
		}
		var page = integrator.get("/api/products?active=true&size=1000").json();
		List<String> skus = new ArrayList<>();
		page.path("products").forEach(p -> skus.add(p.path("sku").asText()));
		assertThat(skus).contains("CAT-PAGE-" + run + "-0", "CAT-PAGE-" + run + "-2")
			.doesNotContain("CAT-PAGE-" + run + "-1")
			.isSorted();
		assertThat(page.path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(integrator.get("/api/products?size=0").status()).isEqualTo(400);
	}

	@Test
	void aLocationThatStopsShippingGetsNoNewAllocations() {
		// Given a second location, preferred (priority 0), with the SKU in stock
		String preferred = "CAT-PREF-" + run;
		Response created = integrator.put("/api/locations/" + preferred, Map.of("name", "Preferred store", "type",
				"STORE", "priority", 0, "country", "DE", "latitude", "52.5", "longitude", "13.4"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		inventory.setOnHand(preferred, sku, 10);
		String first = submit(1);
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(first))).singleElement()
			.satisfies(fo -> assertThat(fo.locationId()).isEqualTo(preferred));

		// When it stops shipping
		Response updated = integrator.put("/api/locations/" + preferred, Map.of("name", "Preferred store", "type",
				"STORE", "priority", 0, "country", "DE", "ships", false));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(integrator.get("/api/locations/" + preferred).json().path("ships").asBoolean()).isFalse();

		// Then the next order goes to the other location, and what the store holds is still its own
		String second = submit(1);
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(second))).singleElement()
			.satisfies(fo -> assertThat(fo.locationId()).isEqualTo(location));
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(first))).singleElement()
			.satisfies(fo -> assertThat(fo.locationId()).isEqualTo(preferred));
		for (String orderId : List.of(first, second)) {
			fulfillmentOrders.ofOrder(UUID.fromString(orderId)).forEach(this::shipAndDeliver);
		}
	}

	@Test
	void returnsGoToALocationThatAcceptsThem() {
		// Given a delivered order shipped from a warehouse that then stops taking returns, and a store in the
		// same country that takes them
		String orderId = deliveredOrder(1);
		String store = "CAT-RET-" + run;
		integrator.put("/api/locations/" + store, Map.of("name", "Returns store", "type", "STORE", "priority", 9,
				"country", "DE"));
		integrator.put("/api/locations/" + location, Map.of("name", "Catalog API location", "type", "WAREHOUSE",
				"priority", 1, "country", "DE", "acceptsReturns", false));

		// When the customer returns the unit
		Response accepted = integrator.post("/api/orders/" + orderId + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE"))));

		// Then it goes to a location that accepts returns, not to the one it shipped from
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		String returnLocation = accepted.json().path("locationId").asText();
		assertThat(returnLocation).isNotEqualTo(location);
		assertThat(integrator.get("/api/locations/" + returnLocation).json().path("acceptsReturns").asBoolean())
			.isTrue();
		Jobs.runDue(engine);
	}

	@Test
	void anInvalidLocationIsRefusedNamingEveryField() {
		Response refused = integrator.put("/api/locations/CAT-BAD-" + run, Map.of("name", "", "type", "SHOP",
				"priority", -1, "country", "Germany", "latitude", "95"));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(fields(refused)).containsExactlyInAnyOrder("name", "type", "priority", "country", "longitude",
				"latitude");
		assertThat(integrator.get("/api/locations/CAT-BAD-" + run).status()).isEqualTo(404);
		assertThat(ApiClient.on(port).as("warehouse").get("/api/locations").status()).isEqualTo(200);
	}

	private static Map<String, Object> orderOf(String sku) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", 1, "unitPrice",
				"12.50", "taxRate", "0.19")));
		return order;
	}

}
