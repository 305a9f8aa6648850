package io.orderflow.payment;

/**
 * Published (synchronously, inside the transaction that made the change) when a pending credit lowered a
 * capture or lapsed, so that whoever scheduled it (an adjustment) can follow.
 * @param credit the pending credit after the change
 * @param invoiceNumber the invoice whose capture it lowered, or null when it lapsed
 */
public record PendingCreditChanged(PendingCredit credit, String invoiceNumber) {
}
