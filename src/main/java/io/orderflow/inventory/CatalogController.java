package io.orderflow.inventory;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The catalog and the locations over REST, kept by the systems that own them. */
@RestController
@Tag(name = "Catalog, locations and stock", description = "Products (SKUs), the warehouses and stores that hold "
		+ "them, their stock and what may be promised")
class CatalogController {

	private final Catalog catalog;

	private final Stock stock;

	CatalogController(Catalog catalog, Stock stock) {
		this.catalog = catalog;
		this.stock = stock;
	}

	@PutMapping("/api/products/{sku}")
	@Operation(summary = "Create or update a product",
			description = "Name, returnable (default true), active (default true: an inactive SKU is refused at "
					+ "intake and stays on the orders that have it), optional weight in grams and attributes "
					+ "(a JSON object of strings). Sending it again with the same body changes nothing.")
	@ApiResponse(responseCode = "201", description = "Created")
	@ApiResponse(responseCode = "200", description = "Updated")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named")
	ResponseEntity<Product> putProduct(@PathVariable String sku, @RequestBody Catalog.ProductInput product) {
		return answer(catalog.saveProduct(sku, product), "/api/products/" + sku);
	}

	@PostMapping("/api/products/bulk")
	@Operation(summary = "Create or update many products at once",
			description = "Up to 10,000 products, each with its sku, in one transaction: all of them, or none when "
					+ "one is invalid (every invalid field named, e.g. products[3].name). An Idempotency-Key "
					+ "replays the first answer for the same body and is refused (422) for a different one.")
	@ApiResponse(responseCode = "200", description = "How many were created and updated")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named; nothing was changed")
	Catalog.ImportResult bulk(@RequestBody BulkRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		return catalog.saveProducts(request.products(), idempotencyKey, principal.getName()).resource();
	}

	record BulkRequest(List<Catalog.ProductInput> products) {
	}

	@GetMapping("/api/products/{sku}")
	@Operation(summary = "One product")
	@ApiResponse(responseCode = "200", description = "The product")
	@ApiResponse(responseCode = "404", description = "No such product")
	Product getProduct(@PathVariable String sku) {
		return catalog.product(sku)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + sku));
	}

	@GetMapping("/api/products")
	@Operation(summary = "The catalog, a page at a time, in SKU order")
	Catalog.ProductPage products(
			@Parameter(description = "Only the active (true) or inactive (false) products") @RequestParam(
					required = false) Boolean active,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
		return catalog.products(active, page, size);
	}

	@DeleteMapping("/api/products/{sku}")
	@Operation(summary = "Delete a product that no order has and no location holds",
			description = "A product on orders stays in their history: take it off sale instead (active: false).")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such product")
	@ApiResponse(responseCode = "409", description = "On orders, or in stock somewhere")
	ResponseEntity<Void> deleteProduct(@PathVariable String sku) {
		if (!catalog.deleteProduct(sku)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + sku);
		}
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/api/locations/{id}")
	@Operation(summary = "Create or update a location",
			description = "Name, type (WAREHOUSE or STORE), priority (lower is preferred), country, coordinates, "
					+ "whether it is active, ships (default true) and accepts returns (default true). A location "
					+ "that stops shipping gets no new allocations; what it holds goes on.")
	@ApiResponse(responseCode = "201", description = "Created")
	@ApiResponse(responseCode = "200", description = "Updated")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named")
	ResponseEntity<Location> putLocation(@PathVariable String id, @RequestBody Catalog.LocationInput location) {
		return answer(catalog.saveLocation(id, location), "/api/locations/" + id);
	}

	@GetMapping("/api/locations/{id}")
	@Operation(summary = "One location")
	@ApiResponse(responseCode = "200", description = "The location")
	@ApiResponse(responseCode = "404", description = "No such location")
	Location getLocation(@PathVariable String id) {
		return catalog.location(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No location " + id));
	}

	@GetMapping("/api/locations")
	@Operation(summary = "Every location, in id order")
	List<Location> locations() {
		return catalog.locations();
	}

	@PutMapping("/api/locations/{id}/stock/{sku}")
	@Operation(summary = "Set a stock level as a count found it",
			description = "onHand, asOf (when the count was taken) and optionally safetyStock (never allocated). A "
					+ "count as old as or older than the last one applied changes nothing and is answered STALE, so "
					+ "out-of-order messages never roll a level back. A count below what is reserved is taken as it "
					+ "is: the location's open fulfillment orders of the SKU are rejected, newest first, until the "
					+ "shortfall (shortBy) is covered, and the lifecycle places them elsewhere.")
	@ApiResponse(responseCode = "200", description = "APPLIED or STALE, the level now and any shortfall")
	@ApiResponse(responseCode = "404", description = "No such location or product")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named; nothing was changed")
	Stock.Result putLevel(@PathVariable String id, @PathVariable String sku, @RequestBody Stock.LevelInput level) {
		requireLocationAndProduct(id, sku);
		return stock.setLevel(id, sku, level);
	}

	@PutMapping("/api/locations/{id}/stock")
	@Operation(summary = "Take a location's full count (snapshot)",
			description = "asOf and the levels of every SKU the location has, up to 200,000 rows: SKUs it holds that "
					+ "the snapshot does not list are counted as zero. Validated as a whole first (every invalid or "
					+ "unknown SKU named, nothing changed), then applied 1,000 rows per transaction so that "
					+ "allocation goes on meanwhile. A row counted at or after asOf is left alone, so a snapshot "
					+ "sent again, or an older one arriving late, changes nothing.")
	@ApiResponse(responseCode = "200", description = "Rows applied, SKUs set to zero, and any shortfalls")
	@ApiResponse(responseCode = "404", description = "No such location")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named (at most 100); nothing was changed")
	Stock.SnapshotResult putSnapshot(@PathVariable String id, @RequestBody Stock.SnapshotInput snapshot) {
		if (catalog.location(id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No location " + id);
		}
		return stock.snapshot(id, snapshot);
	}

	@PostMapping("/api/locations/{id}/stock/{sku}/movements")
	@Operation(summary = "Report a stock movement",
			description = "id (the sender's, unique per location; the Idempotency-Key header serves when the body "
					+ "has none: a retry with it changes nothing and is answered DUPLICATE, the same id for another "
					+ "SKU, kind or quantity is refused), kind (RECEIVED, FOUND, DAMAGED, LOST, or ADJUSTED with a "
					+ "signed quantity), quantity and reason. A movement that takes more than is on hand is refused.")
	@ApiResponse(responseCode = "200", description = "APPLIED or DUPLICATE, the level now and any shortfall")
	@ApiResponse(responseCode = "404", description = "No such location or product")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named, or an id reused for another "
			+ "movement; nothing was changed")
	Stock.Result move(@PathVariable String id, @PathVariable String sku, @RequestBody Stock.MovementInput movement,
			@Parameter(description = "The movement's id, when its body has none") @RequestHeader(
					name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		requireLocationAndProduct(id, sku);
		return stock.move(id, sku, movement, idempotencyKey, principal.getName());
	}

	@GetMapping("/api/availability")
	@Operation(summary = "What may be promised, per SKU and location",
			description = "For each sku (up to 100): on hand, reserved, safety stock and available at every active "
					+ "location that ships (optionally in one country or at one location), and the total.")
	List<Stock.Availability> availability(@RequestParam("sku") @Size(min = 1, max = 100) List<String> skus,
			@RequestParam(required = false) @Size(min = 2, max = 2) String country,
			@RequestParam(required = false) @Size(max = 64) String location) {
		return stock.availability(skus.stream().distinct().toList(), country, location);
	}

	/** 201 with its location for a new one, 200 for an update. */
	private static <T> ResponseEntity<T> answer(Catalog.Saved<T> saved, String location) {
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create(location))
			.body(saved.value());
	}

	private void requireLocationAndProduct(String locationId, String sku) {
		if (catalog.location(locationId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No location " + locationId);
		}
		if (catalog.product(sku).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + sku);
		}
	}

}
