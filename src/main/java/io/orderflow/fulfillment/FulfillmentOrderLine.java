package io.orderflow.fulfillment;

/** What a fulfillment order ships of one order line ({@code lineNumber} is the order line's number). */
public record FulfillmentOrderLine(int lineNumber, String sku, int quantity) {
}
