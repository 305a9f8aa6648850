package io.orderflow.order;

/** Who ordered; {@code id} is the storefront's customer id, if it has one. */
public record Customer(String id, String email, String name) {
}
