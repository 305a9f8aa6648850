package io.orderflow.inventory;

/**
 * A count or movement left less of a SKU on hand at a location than is reserved there: {@code shortBy}
 * reserved units have no stock behind them. Published with the change; the fulfillment stage follows it.
 */
public record StockShortfall(String locationId, String sku, int shortBy) {
}
