package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.payment.GatewayCalls.Call;
import io.orderflow.payment.PaymentAuthorization.Status;
import io.orderflow.payment.PaymentTransaction.Type;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoicing what each fulfillment order shipped and capturing the invoice's total against the order's open
 * authorization (key {@code capture:<fulfillmentOrderId>}), less what pending credits take off it. An invoice is
 * drafted in a transaction of its own, so that a retry after a crash captures exactly the same amount, and
 * becomes ISSUED with its capture.
 */
@Service
public class Captures {

	private static final int MAX_INVOICE_ATTEMPTS = 100;

	private final PaymentRecords records;

	private final PaymentGateway gateway;

	private final GatewayCalls calls;

	private final PaymentRepository payments;

	private final InvoiceRepository invoices;

	private final CreditMemoRepository creditMemos;

	private final PendingCredits pendingCredits;

	private final PaymentProperties properties;

	private final TransactionTemplate ownTransaction;

	Captures(PaymentRecords records, PaymentGateway gateway, GatewayCalls calls, PaymentRepository payments,
			InvoiceRepository invoices, CreditMemoRepository creditMemos, PendingCredits pendingCredits,
			PaymentProperties properties, PlatformTransactionManager transactionManager) {
		this.records = records;
		this.gateway = gateway;
		this.calls = calls;
		this.payments = payments;
		this.invoices = invoices;
		this.creditMemos = creditMemos;
		this.pendingCredits = pendingCredits;
		this.properties = properties;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Invoices what one fulfillment order shipped and captures the invoice's total against the order's
	 * open authorization. The invoice is made (as a DRAFT, with its amounts fixed) in a transaction of its
	 * own, so that a retry after a crash captures exactly the same amount; it becomes ISSUED when the
	 * capture succeeds. Calling this again for the same fulfillment order returns the same invoice and
	 * captures nothing more.
	 * @param lines the order lines and quantities the fulfillment order shipped
	 * @throws IllegalArgumentException when the lines do not fit the order (unknown line, more than the
	 * net ordered quantity), or differ from those the fulfillment order was already invoiced with
	 * @throws IllegalStateException when the order has no open authorization, or the invoice's total
	 * exceeds what it left uncaptured: nothing is captured beyond what is authorized
	 * @throws PaymentDeclinedException when the provider declines (e.g. the authorization expired); the
	 * attempt is recorded and the invoice stays a draft
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public Invoice captureFulfillmentOrder(UUID orderId, UUID fulfillmentOrderId, String fulfillmentOrderNumber,
			List<InvoiceLine> lines) {
		if (orderId == null || fulfillmentOrderId == null || fulfillmentOrderNumber == null
				|| fulfillmentOrderNumber.isBlank()) {
			throw new IllegalArgumentException("An order, a fulfillment order and its number are required");
		}
		Map<Integer, Integer> shipped = InvoiceCalculator.quantities(lines);
		Invoice invoice = invoices.findByFulfillmentOrder(fulfillmentOrderId)
			.orElseGet(() -> draftInvoice(orderId, fulfillmentOrderId, fulfillmentOrderNumber, lines));
		requireSameRequest(invoice, orderId, fulfillmentOrderNumber, shipped);
		if (invoice.status() == Invoice.Status.ISSUED) {
			return invoice;
		}
		String currency = invoice.currency();
		List<CreditMemo> credits = creditMemos.ofInvoice(invoice.id());
		BigDecimal lowered = credits.stream().map(CreditMemo::totalAmount).reduce(Money.zero(currency), BigDecimal::add);
		BigDecimal total = invoice.totalAmount().subtract(lowered);
		String less = credits.isEmpty() ? ""
				: ", " + Money.format(lowered, currency) + " less for credit memo(s) "
						+ String.join(", ", credits.stream().map(CreditMemo::creditMemoNumber).toList());
		OffsetDateTime now = records.now();
		if (total.signum() == 0) {
			invoices.issue(invoice.id(), null, now);
			records.timeline(orderId, "Invoice " + invoice.invoiceNumber() + " issued for "
					+ Money.format(invoice.totalAmount(), currency) + ": nothing to capture" + less);
			pendingCredits.issueCaptureCredits(records.order(orderId), invoice, credits, now);
			return invoices.findByFulfillmentOrder(fulfillmentOrderId).orElseThrow();
		}
		PaymentAuthorization authorization = authorizationToCapture(orderId, invoice, total);
		String key = "capture:" + fulfillmentOrderId;
		GatewayCapture capture;
		try {
			capture = calls.call(new Call(orderId, authorization.id(), Type.CAPTURE, total, currency, key,
					invoice.invoiceNumber(), "Capture of " + Money.format(total, currency) + " for invoice "
							+ invoice.invoiceNumber()),
					() -> gateway.capture(key, authorization.gatewayReference(), total, currency, invoice.invoiceNumber()));
		}
		catch (PaymentDeclinedException declined) {
			records.timeline(orderId, "Capture of " + Money.format(total, currency)
					+ " for invoice " + invoice.invoiceNumber() + " declined (" + declined.reason() + "): "
					+ declined.getMessage());
			throw declined;
		}
		if (!payments.addCaptured(authorization.id(), total, now)) {
			throw new IllegalStateException("Authorization " + authorization.id() + " could not take the capture of "
					+ Money.format(total, currency) + " for invoice " + invoice.invoiceNumber());
		}
		records.success(orderId, authorization.id(), Type.CAPTURE, total, currency, key, capture.reference(),
				invoice.invoiceNumber(), now);
		if (!invoices.issue(invoice.id(), authorization.id(), now)) {
			throw new IllegalStateException("Invoice " + invoice.invoiceNumber() + " was issued concurrently");
		}
		records.timeline(orderId, "Captured " + Money.format(total, currency) + " for invoice " + invoice.invoiceNumber()
						+ " (fulfillment order " + fulfillmentOrderNumber + ", " + properties.gateway() + " reference "
						+ capture.reference() + less + ")");
		pendingCredits.issueCaptureCredits(records.order(orderId), invoice, credits, now);
		return invoices.findByFulfillmentOrder(fulfillmentOrderId).orElseThrow();
	}

	/**
	 * Makes the fulfillment order's invoice as a draft and commits it at once, so that a retry finds the
	 * same amounts. Invoices of one order are made one after the other: each takes the order's next
	 * sequence number (unique), so of two made at the same time one fails and is computed again, now
	 * seeing the other, since the last invoice must see all the others to take the remainders. The draft
	 * transaction takes no locks and touches no row the caller's transaction may hold.
	 */
	private Invoice draftInvoice(UUID orderId, UUID fulfillmentOrderId, String fulfillmentOrderNumber,
			List<InvoiceLine> lines) {
		String invoiceNumber = "INV-" + fulfillmentOrderNumber;
		if (invoiceNumber.length() > 40) {
			throw new IllegalArgumentException("Fulfillment order number too long: " + fulfillmentOrderNumber);
		}
		for (int attempt = 1;; attempt++) {
			try {
				return ownTransaction.execute(tx -> {
					// one after the other with the scheduling of pending credits (prepareCredit), so that each
					// invoice sees every pending credit scheduled before it; the caller holds no such lock yet
					payments.lockAuthorizations(orderId);
					Optional<Invoice> existing = invoices.findByFulfillmentOrder(fulfillmentOrderId);
					if (existing.isPresent()) {
						return existing.get();
					}
					Order order = records.order(orderId);
					List<Invoice> earlier = invoices.ofOrder(orderId);
					InvoiceCalculator.Amounts amounts = InvoiceCalculator.calculate(order, earlier, lines);
					Invoice invoice = new Invoice(UUID.randomUUID(), invoiceNumber, orderId, fulfillmentOrderId,
							fulfillmentOrderNumber, order.currency(), amounts.net(), amounts.tax(), amounts.shipping(),
							amounts.total(), Invoice.Status.DRAFT, records.now(), null, amounts.lines());
					invoices.insert(invoice, earlier.size() + 1);
					pendingCredits.draftCaptureCredits(order, invoice);
					// what will be captured: the total less the pending credits it takes (a refusal rolls all back)
					BigDecimal credited = creditMemos.ofInvoice(invoice.id())
						.stream()
						.map(CreditMemo::totalAmount)
						.reduce(BigDecimal.ZERO, BigDecimal::add);
					requireCapturable(order, invoiceNumber, amounts.total().subtract(credited), amounts.total());
					return invoice;
				});
			}
			catch (DuplicateKeyException race) {
				Optional<Invoice> winner = invoices.findByFulfillmentOrder(fulfillmentOrderId);
				if (winner.isPresent()) {
					return winner.get();
				}
				if (invoices.numberTaken(invoiceNumber)) {
					throw new IllegalArgumentException("Invoice number " + invoiceNumber
							+ " belongs to another fulfillment order than " + fulfillmentOrderId, race);
				}
				// Another invoice of this order took the sequence number: compute again, seeing it. Each
				// lost race means another invoice was made, so this ends; the bound is a safety net.
				if (attempt >= MAX_INVOICE_ATTEMPTS) {
					throw race;
				}
			}
		}
	}

	/**
	 * Refuses an invoice the order's open authorization cannot pay, the drafts not yet captured counted.
	 * Both come from one statement: a capture committed meanwhile (authorization captured and its invoice
	 * issued together) is seen on both sides or on neither.
	 */
	private void requireCapturable(Order order, String invoiceNumber, BigDecimal total, BigDecimal drafted) {
		if (total.signum() <= 0) {
			// pending credits pay all of it (an even exchange): nothing to capture, no authorization needed
			return;
		}
		BigDecimal capturable = payments.capturable(order.id())
			// the drafts counted include this one, just inserted: what is left besides it
			.map(open -> open.add(drafted))
			.orElseThrow(() -> new IllegalStateException("Order " + order.orderNumber()
					+ " has no open payment authorization to pay invoice " + invoiceNumber));
		if (total.compareTo(capturable) > 0) {
			throw new IllegalStateException("Invoice " + invoiceNumber + " of " + Money.format(total, order.currency())
					+ " exceeds the " + Money.format(capturable.max(BigDecimal.ZERO), order.currency())
					+ " the payment authorization of order " + order.orderNumber() + " leaves to capture");
		}
	}

	private PaymentAuthorization authorizationToCapture(UUID orderId, Invoice invoice, BigDecimal amount) {
		List<PaymentAuthorization> open = records.open(orderId);
		if (open.isEmpty()) {
			throw new IllegalStateException("Order " + orderId + " has no open payment authorization to capture "
					+ "invoice " + invoice.invoiceNumber());
		}
		// the one that fits best (the least left over, the newest of equals): an invoice of the order's own lines
		// leaves an exchange's extra authorization whole for the replacement it was made for
		return open.stream()
			.filter(authorization -> authorization.uncaptured().compareTo(amount) >= 0)
			.reduce((a, b) -> b.uncaptured().compareTo(a.uncaptured()) <= 0 ? b : a)
			.orElseThrow(() -> new IllegalStateException("Invoice " + invoice.invoiceNumber() + " of "
					+ Money.format(amount, invoice.currency())
					+ " exceeds what the order's authorization leaves to capture"));
	}

	private static void requireSameRequest(Invoice invoice, UUID orderId, String fulfillmentOrderNumber,
			Map<Integer, Integer> shipped) {
		Map<Integer, Integer> invoiced = new TreeMap<>();
		invoice.lines().forEach(line -> invoiced.put(line.lineNumber(), line.quantity()));
		if (!invoice.orderId().equals(orderId) || !invoice.fulfillmentOrderNumber().equals(fulfillmentOrderNumber)
				|| !invoiced.equals(shipped)) {
			throw new IllegalArgumentException("Fulfillment order " + fulfillmentOrderNumber + " ("
					+ invoice.fulfillmentOrderId() + ") was already invoiced as " + invoice.invoiceNumber()
					+ " with other lines or for another order: " + invoiced);
		}
	}


	/** The order's invoices, drafts included, oldest first. */
	@Transactional(readOnly = true)
	public List<Invoice> invoices(UUID orderId) {
		return invoices.ofOrder(orderId);
	}

}
