package io.orderflow.payment;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment stage's money record of an order, for reading: the ledger and every call made to the provider.
 * What changes money lives in the stage's parts, each with its own keys and retries: {@link Authorizations},
 * {@link Captures} (invoices), {@link Refunds} (credit memos) and {@link PendingCredits}.
 */
@Service
public class Payments {

	private final PaymentRecords records;

	private final PaymentRepository payments;

	Payments(PaymentRecords records, PaymentRepository payments) {
		this.records = records;
		this.payments = payments;
	}

	/** The order's money: open authorization, captured, refunded, invoiced, credited. */
	@Transactional(readOnly = true)
	public Ledger ledger(UUID orderId) {
		return payments.ledger(orderId, records.order(orderId).currency());
	}

	/** Every call to the provider for the order, successful or failed, in order. */
	@Transactional(readOnly = true)
	public List<PaymentTransaction> transactions(UUID orderId) {
		return payments.transactions(orderId);
	}

}
