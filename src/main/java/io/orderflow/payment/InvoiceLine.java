package io.orderflow.payment;

/** An order line and the quantity of it that one fulfillment order shipped. */
public record InvoiceLine(int lineNumber, int quantity) {
}
