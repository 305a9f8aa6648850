package io.orderflow.payment;

import java.util.List;
import java.util.UUID;

import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An order's money over REST, read-only: its ledger, invoices, credit memos and every call to the gateway. */
@RestController
@Tag(name = "Payments", description = "An order's ledger, invoices, credit memos, authorizations and gateway calls")
class PaymentController {

	private final Payments payments;

	private final Authorizations authorizations;

	private final Captures captures;

	private final Refunds refunds;

	private final Orders orders;

	private final ObjectProvider<ProviderConfirmations> confirmations;

	PaymentController(Payments payments, Authorizations authorizations, Captures captures, Refunds refunds,
			Orders orders, ObjectProvider<ProviderConfirmations> confirmations) {
		this.confirmations = confirmations;
		this.payments = payments;
		this.authorizations = authorizations;
		this.captures = captures;
		this.refunds = refunds;
		this.orders = orders;
	}

	/**
	 * The ledger with what makes it up, and what of it the provider has not confirmed yet or refused afterwards
	 * ({@code provider}: all zero for a provider that answers at once).
	 */
	record PaymentsView(Ledger ledger, boolean reconciles, ProviderConfirmations.Awaited provider,
			List<PaymentAuthorization> authorizations, List<PaymentTransaction> transactions) {
	}

	@GetMapping("/api/orders/{id}/payments")
	@Operation(summary = "The order's ledger, authorizations and gateway calls",
			description = "authorized (still open to capture), captured, refunded, invoiced and credited, with "
					+ "whether captured - refunded = invoiced - credited; every authorization (renewed and voided "
					+ "ones too) and every call to the payment gateway, failed ones included, oldest first")
	PaymentsView payments(@PathVariable("id") OrderKey key) {
		UUID id = orders.idOf(key);
		Ledger ledger = payments.ledger(id);
		ProviderConfirmations provider = confirmations.getIfAvailable();
		ProviderConfirmations.Awaited awaited = provider == null ? ProviderConfirmations.Awaited.none(ledger.currency())
				: provider.of(id, ledger.currency());
		return new PaymentsView(ledger, ledger.reconciles(), awaited, authorizations.authorizations(id),
				payments.transactions(id));
	}

	@GetMapping("/api/orders/{id}/invoices")
	@Operation(summary = "The order's invoices, one per shipped fulfillment order, oldest first",
			description = "DRAFT until its total is captured, then ISSUED")
	List<Invoice> invoices(@PathVariable OrderKey id) {
		return captures.invoices(orders.idOf(id));
	}

	@GetMapping("/api/orders/{id}/credit-memos")
	@Operation(summary = "The order's credit memos (returns, adjustments), oldest first",
			description = "Each with its items, the fee kept back and the refunds it was paid out by, per capture; "
					+ "DRAFT until refunded, then ISSUED")
	List<CreditMemo> creditMemos(@PathVariable OrderKey id) {
		return refunds.creditMemos(orders.idOf(id));
	}

}
