package io.orderflow.capture;

/** One invalid field: its JSON path (e.g. {@code lines[0].sku}) and what is wrong with it. */
public record Violation(String field, String message) {
}
