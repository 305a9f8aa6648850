package io.orderflow.inventory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog and the locations as the systems that own them keep them over REST: one product or location
 * created or updated by its id, products in bulk (all or nothing, every invalid field named), reads and
 * pages. The demo and the tests load theirs through {@link Inventory#saveProduct} and
 * {@link Inventory#saveLocation}, the same repository.
 */
@Service
public class Catalog {

	static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

	static final int MAX_NAME = 200;

	static final int MAX_ATTRIBUTES = 50;

	static final int MAX_ATTRIBUTE_KEY = 64;

	static final int MAX_ATTRIBUTE_VALUE = 500;

	static final int MAX_WEIGHT_GRAMS = 1_000_000;

	/** Products per bulk request. */
	public static final int MAX_BULK = 10_000;

	static final String OPERATION_BULK = "POST /api/products/bulk";

	private final CatalogRepository repository;

	private final IdempotentRequests idempotency;

	private final Clock clock;

	private final TransactionTemplate transaction;

	Catalog(CatalogRepository repository, IdempotentRequests idempotency, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.idempotency = idempotency;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** A product as a catalog sends it; its SKU comes from the path, or from the line of a bulk request. */
	public record ProductInput(String sku, String name, Boolean returnable, Boolean active, Integer weightGrams,
			Map<String, String> attributes) {
	}

	/** What became of a bulk request, and of each product in it. */
	public record ImportResult(UUID id, int created, int updated) {
	}

	/** What a PUT of one product or location answers: it, and whether it is new. */
	public record Saved<T>(T value, boolean created) {
	}

	/**
	 * Creates or updates the product {@code sku}.
	 * @throws InvalidRequestException naming every invalid field; nothing is changed
	 */
	public Saved<Product> saveProduct(String sku, ProductInput input) {
		List<FieldViolation> violations = new ArrayList<>();
		Product product = input == null ? null : product(sku, "sku", input, "", violations);
		if (input == null) {
			violations.add(new FieldViolation("body", "a product: name, returnable, active, ..."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		// a PUT of the same new SKU at the same moment (a client's retry) may create it first: then it is an update
		return OnceMore.afterDuplicateKey(transaction, () -> save(product));
	}

	private Saved<Product> save(Product product) {
		boolean created = repository.upsert(List.of(product), now()) == 1;
		return new Saved<>(repository.product(product.sku()).orElseThrow(), created);
	}

	/**
	 * Creates or updates up to {@value #MAX_BULK} products at once, in one transaction: all of them, or none
	 * when one is invalid. A repeat with the same {@code Idempotency-Key} and body answers as the first did.
	 * @throws InvalidRequestException naming every invalid field ({@code products[i].name}, ...)
	 */
	public IdempotentRequests.Outcome<ImportResult> saveProducts(List<ProductInput> inputs, String idempotencyKey,
			String principal) {
		List<FieldViolation> violations = new ArrayList<>();
		List<Product> products = new ArrayList<>();
		if (inputs == null || inputs.isEmpty()) {
			violations.add(new FieldViolation("products", "at least one product"));
		}
		else if (inputs.size() > MAX_BULK) {
			violations.add(new FieldViolation("products", "at most " + MAX_BULK + " products per request"));
		}
		else {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < inputs.size(); i++) {
				String at = "products[" + i + "]";
				ProductInput input = inputs.get(i);
				if (input == null) {
					violations.add(new FieldViolation(at, "must not be null"));
					continue;
				}
				Product product = product(input.sku(), at + ".sku", input, at + ".", violations);
				if (product != null && !seen.add(product.sku())) {
					violations.add(new FieldViolation(at + ".sku", "SKU '" + product.sku() + "' is in the request twice"));
				}
				products.add(product);
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return idempotency.once(idempotency.request(OPERATION_BULK, principal, idempotencyKey, inputs),
				id -> repository.catalogImport(id).map(stored -> new ImportResult(stored.id(), stored.created(),
						stored.updated())),
				ImportResult::id, () -> {
					int created = repository.upsert(products, now());
					ImportResult result = new ImportResult(UUID.randomUUID(), created, products.size() - created);
					repository.recordImport(result.id(), result.created(), result.updated(), principal, now());
					return IdempotentRequests.Outcome.of(result, 200);
				});
	}

	@Transactional(readOnly = true)
	public Optional<Product> product(String sku) {
		return repository.product(sku);
	}

	/** One page of the catalog, in SKU order. */
	public record ProductPage(List<Product> products, int page, int size, long totalElements) {
	}

	@Transactional(readOnly = true)
	public ProductPage products(Boolean active, int page, int size) {
		return new ProductPage(repository.products(active, page, size), page, size, repository.countProducts(active));
	}

	/**
	 * Deletes a product that no order has ever had and no location holds. One on orders stays in their history:
	 * it can only be taken off sale ({@code active: false}).
	 * @return false when there is no such product
	 * @throws StateConflictException when a location holds units of it, or an order has it
	 */
	@Transactional
	public boolean deleteProduct(String sku) {
		if (repository.product(sku).isEmpty()) {
			return false;
		}
		List<String> holding = repository.locationsHolding(sku);
		if (!holding.isEmpty()) {
			throw new StateConflictException("Product " + sku + " is in stock at " + String.join(", ", holding)
					+ ": set its stock to 0 there first, or take it off sale (active: false)");
		}
		try {
			return repository.deleteProduct(sku);
		}
		catch (DataIntegrityViolationException onOrders) {
			throw new StateConflictException("Product " + sku + " is on orders and stays in their history: take it "
					+ "off sale instead (active: false)");
		}
	}

	/** A location as the system that owns it sends it. */
	public record LocationInput(String name, String type, Integer priority, String country, BigDecimal latitude,
			BigDecimal longitude, Boolean active, Boolean ships, Boolean acceptsReturns) {
	}

	/**
	 * Creates or updates the location {@code id}. A location that stops shipping ({@code ships: false}) or is
	 * deactivated gets no new allocations; what it holds goes on.
	 * @throws InvalidRequestException naming every invalid field; nothing is changed
	 */
	@Transactional
	public Saved<Location> saveLocation(String id, LocationInput input) {
		List<FieldViolation> violations = new ArrayList<>();
		if (id == null || !ID.matcher(id).matches()) {
			violations.add(new FieldViolation("id", "1 to 64 letters, digits and . _ : / - (starting with a letter or digit)"));
		}
		if (input == null) {
			violations.add(new FieldViolation("body", "a location: name, type, priority, ..."));
			throw new InvalidRequestException(violations);
		}
		String name = name(input.name(), "name", violations);
		LocationType type = null;
		if (input.type() == null) {
			violations.add(new FieldViolation("type", "WAREHOUSE or STORE"));
		}
		else {
			try {
				type = LocationType.valueOf(input.type());
			}
			catch (IllegalArgumentException unknown) {
				violations.add(new FieldViolation("type", "WAREHOUSE or STORE, not '" + input.type() + "'"));
			}
		}
		if (input.priority() == null || input.priority() < 0 || input.priority() > 10_000) {
			violations.add(new FieldViolation("priority", "0 to 10000, lower is preferred"));
		}
		String country = input.country();
		if (country != null && !Set.of(Locale.getISOCountries()).contains(country)) {
			violations.add(new FieldViolation("country", "an ISO 3166 country code such as DE, or absent"));
		}
		if ((input.latitude() == null) != (input.longitude() == null)) {
			violations.add(new FieldViolation(input.latitude() == null ? "latitude" : "longitude",
					"latitude and longitude come together, or neither"));
		}
		coordinate(input.latitude(), "latitude", 90, violations);
		coordinate(input.longitude(), "longitude", 180, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Location location = new Location(id, name, type, input.priority(), country, input.latitude(),
				input.longitude(), orTrue(input.active()), orTrue(input.ships()), orTrue(input.acceptsReturns()));
		boolean created = repository.saveLocation(location);
		return new Saved<>(repository.location(id).orElseThrow(), created);
	}

	@Transactional(readOnly = true)
	public Optional<Location> location(String id) {
		return repository.location(id);
	}

	@Transactional(readOnly = true)
	public List<Location> locations() {
		return repository.locations();
	}

	private static Product product(String sku, String skuField, ProductInput input, String at,
			List<FieldViolation> violations) {
		int before = violations.size();
		if (sku == null || !ID.matcher(sku).matches()) {
			violations.add(new FieldViolation(skuField,
					"1 to 64 letters, digits and . _ : / - (starting with a letter or digit)"));
		}
		String name = name(input.name(), at + "name", violations);
		if (input.weightGrams() != null && (input.weightGrams() < 0 || input.weightGrams() > MAX_WEIGHT_GRAMS)) {
			violations.add(new FieldViolation(at + "weightGrams", "0 to " + MAX_WEIGHT_GRAMS + " grams, or absent"));
		}
		Map<String, String> attributes = input.attributes() == null ? Map.of() : input.attributes();
		if (attributes.size() > MAX_ATTRIBUTES) {
			violations.add(new FieldViolation(at + "attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
		}
		attributes.forEach((key, value) -> {
			if (key.isBlank() || key.length() > MAX_ATTRIBUTE_KEY) {
				violations.add(new FieldViolation(at + "attributes", "a name of 1 to " + MAX_ATTRIBUTE_KEY
						+ " characters, not '" + abbreviate(key) + "'"));
			}
			if (value == null || value.length() > MAX_ATTRIBUTE_VALUE) {
				violations.add(new FieldViolation(at + "attributes." + abbreviate(key),
						"a text of at most " + MAX_ATTRIBUTE_VALUE + " characters"));
			}
		});
		if (violations.size() > before) {
			return null;
		}
		return new Product(sku, name, orTrue(input.returnable()), orTrue(input.active()), input.weightGrams(),
				attributes);
	}

	private static String name(String name, String field, List<FieldViolation> violations) {
		if (name == null || name.isBlank()) {
			violations.add(new FieldViolation(field, "must not be blank"));
			return null;
		}
		if (name.strip().length() > MAX_NAME) {
			violations.add(new FieldViolation(field, "at most " + MAX_NAME + " characters"));
		}
		return name.strip();
	}

	private static void coordinate(BigDecimal value, String field, int limit, List<FieldViolation> violations) {
		if (value != null && (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0 || value.scale() > 6)) {
			violations.add(new FieldViolation(field, "-" + limit + " to " + limit + ", at most 6 decimals"));
		}
	}

	private static boolean orTrue(Boolean value) {
		return value == null || value;
	}

	private static String abbreviate(String text) {
		return text.length() <= 40 ? text : text.substring(0, 39) + "…";
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
