package io.orderflow.order;

/** How the customer pays; the payment details themselves stay with the payment provider (a token). */
public enum PaymentMethod {

	CARD, PAYPAL, INVOICE, GIFT_CARD

}
