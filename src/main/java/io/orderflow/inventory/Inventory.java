package io.orderflow.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inventory module's public service: the catalog of SKUs, the locations and their stock. */
@Service
public class Inventory {

	private final InventoryRepository repository;

	private final Clock clock;

	Inventory(InventoryRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** The SKUs among {@code skus} that the catalog knows. */
	@Transactional(readOnly = true)
	public Set<String> knownSkus(Collection<String> skus) {
		return skus.isEmpty() ? Set.of() : repository.existingSkus(skus);
	}

	@Transactional
	public void saveProduct(Product product) {
		repository.saveProduct(product, OffsetDateTime.now(clock));
	}

	@Transactional
	public void saveLocation(Location location) {
		repository.saveLocation(location);
	}

	/** Sets the physical stock of a SKU at a location, as a stock count reports it. */
	@Transactional
	public void setOnHand(String locationId, String sku, int onHand) {
		repository.setOnHand(locationId, sku, onHand, OffsetDateTime.now(clock));
	}

	@Transactional(readOnly = true)
	public List<StockLevel> stock(String sku) {
		return repository.stock(sku);
	}

	@Transactional(readOnly = true)
	public boolean catalogEmpty() {
		return repository.countProducts() == 0;
	}

}
