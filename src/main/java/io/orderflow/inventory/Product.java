package io.orderflow.inventory;

/** A sellable SKU. Orders may only contain SKUs the catalog knows. */
public record Product(String sku, String name, boolean returnable) {
}
