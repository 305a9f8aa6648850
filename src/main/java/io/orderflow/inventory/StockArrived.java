package io.orderflow.inventory;

/**
 * More of a SKU may be promised at a location than before (goods received, a count or snapshot higher than
 * the last): orders waiting for it can be allocated again. Published with the change.
 */
public record StockArrived(String locationId, String sku) {
}
