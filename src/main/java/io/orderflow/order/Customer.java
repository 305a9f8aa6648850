package io.orderflow.order;

/**
 * Who ordered; {@code id} is the storefront's customer id, if it has one; {@code language} the language the customer
 * is written to in ({@code en}, {@code de}), null where the storefront did not say (then English).
 */
public record Customer(String id, String email, String name, String language) {
}
