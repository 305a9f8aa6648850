package io.orderflow.platform.web;

/** One invalid field of a request: its JSON path and what is wrong with it. */
public record FieldViolation(String field, String message) {
}
