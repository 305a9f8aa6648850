package io.orderflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.PaymentAuthorization.Status;
import io.orderflow.payment.PaymentTransaction.Type;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment stage: authorizing an order, invoicing and capturing what each fulfillment order shipped,
 * voiding and renewing authorizations, and the order's money ledger. The BPMN delegates call these
 * methods inside their job's transaction.
 * <p>
 * Every method is idempotent and safe to retry after a crash: each call to the provider carries a key
 * derived from what it does ({@code authorize:<orderId>}, {@code capture:<fulfillmentOrderId>},
 * {@code void:<authorizationId>}, {@code reauthorize:<authorizationId>}), so a job retried after the
 * provider took the call but before its transaction committed replays the call instead of charging again.
 * <p>
 * A {@link PaymentDeclinedException} is a business outcome: the failed attempt is recorded (a FAILED
 * transaction and a timeline entry) and the exception is rethrown without marking the job's transaction
 * for rollback, so that the delegate can throw the BPMN error {@value PaymentDeclinedException#BPMN_ERROR_CODE}
 * and the record survives. Any other exception rolls the job's transaction back.
 */
@Service
public class Payments {

	static final String ACTOR = "system:payment";

	private static final int MAX_INVOICE_ATTEMPTS = 100;

	/** Between a pending credit's source key and the fulfillment order in the key of its credit memos. */
	static final String CAPTURE_CREDIT = ":capture:";

	private final Orders orders;

	private final PaymentGateway gateway;

	private final PaymentRepository payments;

	private final InvoiceRepository invoices;

	private final CreditMemoRepository creditMemos;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private final PaymentProperties properties;

	private final PendingCreditRepository pendingCredits;

	private final ApplicationEventPublisher events;

	Payments(Orders orders, PaymentGateway gateway, PaymentRepository payments, InvoiceRepository invoices,
			CreditMemoRepository creditMemos, PendingCreditRepository pendingCredits,
			PlatformTransactionManager transactionManager, Clock clock, PaymentProperties properties,
			ApplicationEventPublisher events) {
		this.orders = orders;
		this.gateway = gateway;
		this.payments = payments;
		this.invoices = invoices;
		this.creditMemos = creditMemos;
		this.pendingCredits = pendingCredits;
		this.events = events;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.properties = properties;
	}

	// --- authorization -------------------------------------------------------------------------

	/**
	 * Authorizes the order's grand total with the order's payment token. An order that already has an
	 * authorization gets it back (the open one if there is one) without a call to the provider.
	 * @throws PaymentDeclinedException when the provider declines; the attempt is recorded
	 * @throws PaymentGatewayUnavailableException when the provider cannot be reached: retry
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public PaymentAuthorization authorizeOrder(UUID orderId) {
		Order order = order(orderId);
		List<PaymentAuthorization> existing = payments.authorizations(orderId);
		if (!existing.isEmpty()) {
			return existing.stream().filter(PaymentAuthorization::isOpen).reduce((a, b) -> b)
				.orElse(existing.get(existing.size() - 1));
		}
		String key = "authorize:" + orderId;
		BigDecimal amount = order.totals().grandTotal();
		String currency = order.currency();
		GatewayAuthorization authorized;
		try {
			authorized = gateway.authorize(key, orders.paymentToken(orderId), amount, currency, order.orderNumber());
		}
		catch (PaymentDeclinedException declined) {
			recordFailure(orderId, null, Type.AUTHORIZATION, amount, currency, key, null, declined);
			orders.record(orderId, TimelineType.PAYMENT, ACTOR, "Payment authorization of "
					+ Money.format(amount, currency) + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = now();
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), orderId,
				properties.gateway(), authorized.reference(), Money.of(authorized.amount(), currency),
				Money.zero(currency), currency, Status.AUTHORIZED, now, authorized.expiresAt(), null);
		payments.insertAuthorization(authorization, key);
		recordSuccess(orderId, authorization.id(), Type.AUTHORIZATION, authorization.amount(), currency, key,
				authorized.reference(), null, now);
		orders.record(orderId, TimelineType.PAYMENT, ACTOR,
				"Payment of " + Money.format(authorization.amount(), currency) + " authorized (" + properties.gateway()
						+ " reference " + authorized.reference() + ", valid until " + authorized.expiresAt() + ")");
		return authorization;
	}

	/**
	 * Voids the order's open authorizations, releasing what they left uncaptured (an order canceled
	 * before everything shipped). A no-op for an order without open authorizations.
	 * @param reason why, for the order's timeline
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public void voidAuthorization(UUID orderId, String reason) {
		Order order = order(orderId);
		for (PaymentAuthorization authorization : open(orderId)) {
			voidOne(order, authorization, reason);
		}
		lapse(order, true, "the payment authorization was voided (" + reason + ")");
	}

	/**
	 * When the order is complete: voids the uncaptured remainder of its open authorizations, if any (for
	 * example after canceled backorders). A no-op when everything authorized was captured.
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public void releaseUncaptured(UUID orderId) {
		Order order = order(orderId);
		for (PaymentAuthorization authorization : open(orderId)) {
			if (authorization.uncaptured().signum() > 0) {
				voidOne(order, authorization, "order complete, releasing what was not captured");
			}
		}
		lapse(order, true, "the order is complete");
	}

	/** {@link #renewIfExpiring(UUID, Duration)} with {@code orderflow.payment.renew-before}. */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public Optional<PaymentAuthorization> renewIfExpiring(UUID orderId) {
		return renewIfExpiring(orderId, properties.renewBefore());
	}

	/**
	 * Renews the open authorization when it expires within {@code renewBefore} and part of it is still
	 * uncaptured: a new authorization for the uncaptured amount replaces it (the old one becomes RENEWED,
	 * and is voided at the provider).
	 * @return the new authorization, or empty when nothing needed renewing
	 * @throws PaymentDeclinedException when the provider refuses (e.g. the authorization already expired)
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public Optional<PaymentAuthorization> renewIfExpiring(UUID orderId, Duration renewBefore) {
		Order order = order(orderId);
		OffsetDateTime renewUntil = now().plus(renewBefore);
		for (PaymentAuthorization old : open(orderId)) {
			if (old.uncaptured().signum() > 0 && !old.expiresAt().isAfter(renewUntil)) {
				return Optional.of(renew(order, old));
			}
		}
		return Optional.empty();
	}

	/**
	 * After a cancellation: brings what the order's open authorizations leave uncaptured down to what the
	 * order can still be charged (its lines' net ordered value with their tax and the shipping charge,
	 * minus what was already captured). Nothing left to charge: the open authorizations are voided.
	 * Less left than authorized: the open authorization is replaced by one for exactly that amount (the
	 * old one becomes RENEWED and is voided at the provider; key {@code reduce:<authorizationId>}). A
	 * no-op when the authorization does not exceed what is still to be charged, so safe to repeat.
	 * <p>
	 * Captured money is never given back here: a cancellation cancels only units that have not shipped,
	 * and only shipped units are captured, so nothing captured belongs to a canceled unit. Pending credits
	 * whose line (or shipping) has nothing left to invoice now lapse ({@link #lapsePendingCredits}).
	 * @param reason why, for the order's timeline
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public void reduceToOutstanding(UUID orderId, String reason) {
		Order order = order(orderId);
		lapse(order, false, "nothing is left to invoice after " + reason);
		List<PaymentAuthorization> open = open(orderId);
		if (open.isEmpty()) {
			return;
		}
		String currency = order.currency();
		BigDecimal captured = payments.ledger(orderId, currency).captured();
		BigDecimal outstanding = InvoiceCalculator.chargeable(order).subtract(captured);
		if (outstanding.signum() <= 0) {
			for (PaymentAuthorization authorization : open) {
				voidOne(order, authorization, reason + "; nothing is left to charge");
			}
			return;
		}
		BigDecimal uncaptured = open.stream().map(PaymentAuthorization::uncaptured).reduce(BigDecimal.ZERO,
				BigDecimal::add);
		if (outstanding.compareTo(uncaptured) >= 0) {
			return;
		}
		PaymentAuthorization last = open.get(open.size() - 1);
		BigDecimal keep = outstanding.subtract(uncaptured.subtract(last.uncaptured()));
		if (keep.signum() <= 0) {
			voidOne(order, last, reason + "; nothing of it is left to charge");
			return;
		}
		replace(order, last, Money.of(keep, currency), "reduce:" + last.id(),
				"Payment authorization reduced to the " + Money.format(Money.of(keep, currency), currency)
						+ " still to be charged (" + reason + ")");
	}

	private PaymentAuthorization replace(Order order, PaymentAuthorization old, BigDecimal amount, String key,
			String description) {
		String currency = old.currency();
		GatewayAuthorization replaced;
		try {
			replaced = gateway.reauthorize(key, old.gatewayReference(), amount, currency);
		}
		catch (PaymentDeclinedException declined) {
			recordFailure(order.id(), old.id(), Type.REAUTHORIZATION, amount, currency, key, null, declined);
			orders.record(order.id(), TimelineType.PAYMENT, ACTOR, "Reducing the payment authorization to "
					+ Money.format(amount, currency) + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = now();
		if (!payments.close(old.id(), Status.RENEWED, now)) {
			throw new IllegalStateException("Authorization " + old.id() + " was closed while it was reduced");
		}
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), order.id(), old.gateway(),
				replaced.reference(), Money.of(replaced.amount(), currency), Money.zero(currency), currency,
				Status.AUTHORIZED, now, replaced.expiresAt(), old.id());
		payments.insertAuthorization(authorization, key);
		recordSuccess(order.id(), authorization.id(), Type.REAUTHORIZATION, authorization.amount(), currency, key,
				replaced.reference(), null, now);
		orders.record(order.id(), TimelineType.PAYMENT, ACTOR, description + "; reference " + replaced.reference()
				+ " replaces " + old.gatewayReference());
		return authorization;
	}

	private PaymentAuthorization renew(Order order, PaymentAuthorization old) {
		String key = "reauthorize:" + old.id();
		String currency = old.currency();
		BigDecimal amount = old.uncaptured();
		GatewayAuthorization renewed;
		try {
			renewed = gateway.reauthorize(key, old.gatewayReference(), amount, currency);
		}
		catch (PaymentDeclinedException declined) {
			recordFailure(order.id(), old.id(), Type.REAUTHORIZATION, amount, currency, key, null, declined);
			orders.record(order.id(), TimelineType.PAYMENT, ACTOR, "Renewal of the payment authorization for "
					+ Money.format(amount, currency) + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = now();
		if (!payments.close(old.id(), Status.RENEWED, now)) {
			throw new IllegalStateException("Authorization " + old.id() + " was closed while it was renewed");
		}
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), order.id(),
				old.gateway(), renewed.reference(), Money.of(renewed.amount(), currency), Money.zero(currency),
				currency, Status.AUTHORIZED, now, renewed.expiresAt(), old.id());
		payments.insertAuthorization(authorization, key);
		recordSuccess(order.id(), authorization.id(), Type.REAUTHORIZATION, authorization.amount(), currency, key,
				renewed.reference(), null, now);
		orders.record(order.id(), TimelineType.PAYMENT, ACTOR,
				"Payment authorization renewed for the uncaptured " + Money.format(authorization.amount(), currency)
						+ " (reference " + renewed.reference() + ", valid until " + renewed.expiresAt()
						+ "); the previous authorization " + old.gatewayReference() + " was due to expire at "
						+ old.expiresAt());
		return authorization;
	}

	private void voidOne(Order order, PaymentAuthorization authorization, String reason) {
		String key = "void:" + authorization.id();
		String currency = authorization.currency();
		BigDecimal released = authorization.uncaptured();
		try {
			gateway.voidAuthorization(key, authorization.gatewayReference());
		}
		catch (PaymentDeclinedException declined) {
			recordFailure(order.id(), authorization.id(), Type.VOID, released, currency, key, null, declined);
			orders.record(order.id(), TimelineType.PAYMENT, ACTOR, "Void of payment authorization "
					+ authorization.gatewayReference() + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = now();
		if (!payments.close(authorization.id(), Status.VOIDED, now)) {
			throw new IllegalStateException("Authorization " + authorization.id() + " was closed while it was voided");
		}
		recordSuccess(order.id(), authorization.id(), Type.VOID, released, currency, key,
				authorization.gatewayReference(), null, now);
		orders.record(order.id(), TimelineType.PAYMENT, ACTOR, "Payment authorization "
				+ authorization.gatewayReference() + " voided, " + Money.format(released, currency) + " released: "
				+ reason);
	}

	// --- invoices and captures -----------------------------------------------------------------

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
		OffsetDateTime now = now();
		if (total.signum() == 0) {
			invoices.issue(invoice.id(), null, now);
			orders.record(orderId, TimelineType.PAYMENT, ACTOR, "Invoice " + invoice.invoiceNumber() + " issued for "
					+ Money.format(invoice.totalAmount(), currency) + ": nothing to capture" + less);
			issueCaptureCredits(order(orderId), invoice, credits, now);
			return invoices.findByFulfillmentOrder(fulfillmentOrderId).orElseThrow();
		}
		PaymentAuthorization authorization = authorizationToCapture(orderId, invoice, total);
		String key = "capture:" + fulfillmentOrderId;
		GatewayCapture capture;
		try {
			capture = gateway.capture(key, authorization.gatewayReference(), total, currency, invoice.invoiceNumber());
		}
		catch (PaymentDeclinedException declined) {
			recordFailure(orderId, authorization.id(), Type.CAPTURE, total, currency, key, invoice.invoiceNumber(),
					declined);
			orders.record(orderId, TimelineType.PAYMENT, ACTOR, "Capture of " + Money.format(total, currency)
					+ " for invoice " + invoice.invoiceNumber() + " declined (" + declined.reason() + "): "
					+ declined.getMessage());
			throw declined;
		}
		if (!payments.addCaptured(authorization.id(), total, now)) {
			throw new IllegalStateException("Authorization " + authorization.id() + " could not take the capture of "
					+ Money.format(total, currency) + " for invoice " + invoice.invoiceNumber());
		}
		recordSuccess(orderId, authorization.id(), Type.CAPTURE, total, currency, key, capture.reference(),
				invoice.invoiceNumber(), now);
		if (!invoices.issue(invoice.id(), authorization.id(), now)) {
			throw new IllegalStateException("Invoice " + invoice.invoiceNumber() + " was issued concurrently");
		}
		orders.record(orderId, TimelineType.PAYMENT, ACTOR,
				"Captured " + Money.format(total, currency) + " for invoice " + invoice.invoiceNumber()
						+ " (fulfillment order " + fulfillmentOrderNumber + ", " + properties.gateway() + " reference "
						+ capture.reference() + less + ")");
		issueCaptureCredits(order(orderId), invoice, credits, now);
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
					Order order = order(orderId);
					List<Invoice> earlier = invoices.ofOrder(orderId);
					InvoiceCalculator.Amounts amounts = InvoiceCalculator.calculate(order, earlier, lines);
					requireCapturable(order, invoiceNumber, amounts.total());
					Invoice invoice = new Invoice(UUID.randomUUID(), invoiceNumber, orderId, fulfillmentOrderId,
							fulfillmentOrderNumber, order.currency(), amounts.net(), amounts.tax(), amounts.shipping(),
							amounts.total(), Invoice.Status.DRAFT, now(), null, amounts.lines());
					invoices.insert(invoice, earlier.size() + 1);
					draftCaptureCredits(order, invoice);
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
	private void requireCapturable(Order order, String invoiceNumber, BigDecimal total) {
		BigDecimal capturable = payments.capturable(order.id())
			.orElseThrow(() -> new IllegalStateException("Order " + order.orderNumber()
					+ " has no open payment authorization to pay invoice " + invoiceNumber));
		if (total.compareTo(capturable) > 0) {
			throw new IllegalStateException("Invoice " + invoiceNumber + " of " + Money.format(total, order.currency())
					+ " exceeds the " + Money.format(capturable.max(BigDecimal.ZERO), order.currency())
					+ " the payment authorization of order " + order.orderNumber() + " leaves to capture");
		}
	}

	private PaymentAuthorization authorizationToCapture(UUID orderId, Invoice invoice, BigDecimal amount) {
		List<PaymentAuthorization> open = open(orderId);
		if (open.isEmpty()) {
			throw new IllegalStateException("Order " + orderId + " has no open payment authorization to capture "
					+ "invoice " + invoice.invoiceNumber());
		}
		return open.stream()
			.filter(authorization -> authorization.uncaptured().compareTo(amount) >= 0)
			.reduce((a, b) -> b)
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

	// --- credit memos and refunds --------------------------------------------------------------

	/**
	 * What units of an order line are worth as sold: net = quantity × unit price, tax = the line's tax in
	 * proportion to the quantity, rounded half-up to the currency.
	 * @throws IllegalArgumentException for an unknown line or a quantity not between 1 and the line's ordered
	 */
	@Transactional(readOnly = true)
	public CreditMemoItem unitsValue(UUID orderId, int lineNumber, int quantity) {
		Order order = order(orderId);
		return unitsValue(order, soldLine(order, lineNumber, quantity), quantity);
	}

	/**
	 * What units of an order line were paid for: their {@link #unitsValue value as sold}, less their share of
	 * what amounts off the line (appeasements, refunded or taken off its captures) already gave back, shared by
	 * the line's units not canceled. What a returned unit is credited.
	 * @throws IllegalArgumentException as {@link #unitsValue}
	 */
	@Transactional(readOnly = true)
	public CreditMemoItem unitsPaid(UUID orderId, int lineNumber, int quantity) {
		Order order = order(orderId);
		OrderLine line = soldLine(order, lineNumber, quantity);
		CreditMemoItem sold = unitsValue(order, line, quantity);
		BigDecimal offNet = BigDecimal.ZERO;
		BigDecimal offTax = BigDecimal.ZERO;
		for (CreditMemo memo : creditMemos.ofOrder(orderId)) {
			for (CreditMemoItem item : memo.items()) {
				if (item.lineNumber() == lineNumber && item.quantity() == 0) {
					offNet = offNet.add(item.netAmount());
					offTax = offTax.add(item.taxAmount());
				}
			}
		}
		int units = line.quantities().netOrdered();
		if (units == 0 || (offNet.signum() == 0 && offTax.signum() == 0)) {
			return sold;
		}
		int scale = Money.scale(order.currency());
		BigDecimal share = BigDecimal.valueOf(quantity);
		BigDecimal net = sold.netAmount()
			.subtract(offNet.multiply(share).divide(BigDecimal.valueOf(units), scale, RoundingMode.HALF_UP))
			.max(Money.zero(order.currency()));
		BigDecimal tax = sold.taxAmount()
			.subtract(offTax.multiply(share).divide(BigDecimal.valueOf(units), scale, RoundingMode.HALF_UP))
			.max(Money.zero(order.currency()));
		return new CreditMemoItem(lineNumber, quantity, net, tax);
	}

	/** The line, when it has {@code quantity} units to value. @throws IllegalArgumentException otherwise */
	private static OrderLine soldLine(Order order, int lineNumber, int quantity) {
		OrderLine line = order.lines()
			.stream()
			.filter(l -> l.lineNumber() == lineNumber)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + lineNumber));
		int ordered = line.quantities().ordered();
		if (quantity < 1 || quantity > ordered) {
			throw new IllegalArgumentException("Line " + lineNumber + " of order " + order.orderNumber() + " has "
					+ ordered + " units, not " + quantity);
		}
		return line;
	}

	/** Net = quantity × unit price, tax = the line's tax in proportion to the quantity, rounded half-up. */
	private static CreditMemoItem unitsValue(Order order, OrderLine line, int quantity) {
		int scale = Money.scale(order.currency());
		BigDecimal net = line.unitPrice().multiply(BigDecimal.valueOf(quantity)).setScale(scale);
		BigDecimal tax = line.tax()
			.multiply(BigDecimal.valueOf(quantity))
			.divide(BigDecimal.valueOf(line.quantities().ordered()), scale, RoundingMode.HALF_UP);
		return new CreditMemoItem(line.lineNumber(), quantity, net, tax);
	}

	/** Captured minus refunded, credit memos still to refund counted: the most a new credit memo may refund. */
	@Transactional(readOnly = true)
	public BigDecimal refundable(UUID orderId) {
		Order order = order(orderId);
		return Money.of(unallocated(creditMemos.captures(orderId), creditMemos.ofOrder(orderId)).values()
			.stream()
			.reduce(BigDecimal.ZERO, BigDecimal::add), order.currency());
	}

	/**
	 * Credits the order and refunds the credit memo's total through the provider. The credit memo is made
	 * first, as a DRAFT, in a transaction of its own, with its amounts and its refunds fixed: each refund
	 * an amount of one capture, newest capture first, never more than the capture has left after earlier
	 * credit memos. Then every refund is made ({@code refund:<creditMemoId>:<captureReference>}) and the
	 * credit memo becomes ISSUED. Calling this again for the same source returns the same credit memo and
	 * refunds nothing more; a draft left by a failed try is refunded again with the same keys.
	 * @throws IllegalArgumentException when amounts are negative, an item names no line of the order, or the
	 * total exceeds what the order's captures leave to refund ({@link #refundable(UUID)}); nothing is stored
	 * @throws PaymentDeclinedException when the provider refuses a refund; the attempt is recorded
	 * @throws PaymentGatewayUnavailableException when the provider cannot be reached: retry
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public CreditMemo creditAndRefund(UUID orderId, CreditMemoRequest request) {
		if (orderId == null || request == null || request.sourceKey() == null || request.sourceKey().isBlank()
				|| request.reason() == null || request.reason().isBlank()) {
			throw new IllegalArgumentException("An order, a source key and a reason are required");
		}
		CreditMemo memo = creditMemos.findBySource(request.sourceKey())
			.orElseGet(() -> draftCreditMemo(orderId, request));
		if (!memo.orderId().equals(orderId)) {
			throw new IllegalArgumentException("Credit memo " + memo.creditMemoNumber() + " for "
					+ request.sourceKey() + " belongs to another order");
		}
		if (memo.status() == CreditMemo.Status.ISSUED) {
			return memo;
		}
		String currency = memo.currency();
		for (CreditMemo.Refund refund : memo.refunds()) {
			String key = "refund:" + memo.id() + ":" + refund.captureReference();
			if (payments.succeeded(key)) {
				continue;
			}
			GatewayRefund refunded;
			try {
				refunded = gateway.refund(key, refund.captureReference(), refund.amount(), currency);
			}
			catch (PaymentDeclinedException declined) {
				recordFailure(orderId, null, Type.REFUND, refund.amount(), currency, key, memo.creditMemoNumber(),
						declined);
				orders.record(orderId, TimelineType.PAYMENT, ACTOR, "Refund of " + Money.format(refund.amount(), currency)
						+ " for credit memo " + memo.creditMemoNumber() + " declined (" + declined.reason() + "): "
						+ declined.getMessage());
				throw declined;
			}
			recordSuccess(orderId, null, Type.REFUND, refund.amount(), currency, key, refunded.reference(),
					memo.creditMemoNumber(), now());
		}
		if (!creditMemos.issue(memo.id(), now())) {
			throw new IllegalStateException("Credit memo " + memo.creditMemoNumber() + " was issued concurrently");
		}
		orders.record(orderId, TimelineType.PAYMENT, ACTOR, "Credit memo " + memo.creditMemoNumber() + " issued: "
				+ Money.format(memo.totalAmount(), currency) + " refunded"
				+ (memo.feeAmount().signum() > 0 ? " (" + Money.format(memo.feeAmount(), currency) + " fee kept)" : "")
				+ " for " + memo.reason());
		return creditMemos.findBySource(memo.sourceKey()).orElseThrow();
	}

	/** The order's credit memos, drafts included, oldest first. */
	@Transactional(readOnly = true)
	public List<CreditMemo> creditMemos(UUID orderId) {
		return creditMemos.ofOrder(orderId);
	}

	/** The credit memo made for a source ({@code return:<id>}, …), if any. */
	@Transactional(readOnly = true)
	public Optional<CreditMemo> creditMemo(String sourceKey) {
		return creditMemos.findBySource(sourceKey);
	}

	/**
	 * Makes the credit memo as a draft and commits it at once, as {@link #draftInvoice} does for invoices:
	 * each credit memo of an order takes the next sequence number (unique), so of two made at the same time
	 * one fails and is computed again, seeing the other's refunds.
	 */
	private CreditMemo draftCreditMemo(UUID orderId, CreditMemoRequest request) {
		for (int attempt = 1;; attempt++) {
			try {
				return ownTransaction.execute(tx -> {
					Optional<CreditMemo> existing = creditMemos.findBySource(request.sourceKey());
					if (existing.isPresent()) {
						return existing.get();
					}
					Order order = order(orderId);
					List<CreditMemo> earlier = creditMemos.ofOrder(orderId);
					CreditMemo memo = creditMemo(order, request, earlier.size() + 1,
							unallocated(creditMemos.captures(orderId), earlier));
					creditMemos.insert(memo, earlier.size() + 1);
					return memo;
				});
			}
			catch (DuplicateKeyException race) {
				Optional<CreditMemo> winner = creditMemos.findBySource(request.sourceKey());
				if (winner.isPresent()) {
					return winner.get();
				}
				if (attempt >= MAX_INVOICE_ATTEMPTS) {
					throw race;
				}
			}
		}
	}

	private CreditMemo creditMemo(Order order, CreditMemoRequest request, int sequenceNumber,
			Map<String, BigDecimal> refundableByCapture) {
		String currency = order.currency();
		Set<Integer> lineNumbers = new HashSet<>();
		order.lines().forEach(line -> lineNumbers.add(line.lineNumber()));
		BigDecimal net = Money.zero(currency);
		BigDecimal tax = Money.zero(currency);
		List<CreditMemoItem> items = new ArrayList<>();
		for (CreditMemoItem item : request.items()) {
			if (!lineNumbers.contains(item.lineNumber())) {
				throw new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + item.lineNumber());
			}
			BigDecimal itemNet = nonNegative(item.netAmount(), currency, "net amount");
			BigDecimal itemTax = nonNegative(item.taxAmount(), currency, "tax amount");
			if (item.quantity() < 0) {
				throw new IllegalArgumentException("Line " + item.lineNumber() + ": quantity must not be negative");
			}
			items.add(new CreditMemoItem(item.lineNumber(), item.quantity(), itemNet, itemTax));
			net = net.add(itemNet);
			tax = tax.add(itemTax);
		}
		BigDecimal shipping = nonNegative(request.shippingAmount(), currency, "shipping amount");
		BigDecimal fee = nonNegative(request.feeAmount(), currency, "fee");
		BigDecimal credited = net.add(tax).add(shipping);
		if (fee.compareTo(credited) > 0) {
			throw new IllegalArgumentException("The fee of " + Money.format(fee, currency) + " exceeds the "
					+ Money.format(credited, currency) + " credited");
		}
		BigDecimal total = credited.subtract(fee);
		BigDecimal refundable = refundableByCapture.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		if (total.compareTo(refundable) > 0) {
			throw new IllegalArgumentException("Credit of " + Money.format(total, currency) + " exceeds the "
					+ Money.format(refundable, currency) + " order " + order.orderNumber() + " has left to refund");
		}
		List<CreditMemo.Refund> refunds = new ArrayList<>();
		BigDecimal left = total;
		List<String> newestFirst = new ArrayList<>(refundableByCapture.keySet());
		Collections.reverse(newestFirst);
		for (String capture : newestFirst) {
			if (left.signum() == 0) {
				break;
			}
			BigDecimal amount = left.min(refundableByCapture.get(capture));
			if (amount.signum() > 0) {
				refunds.add(new CreditMemo.Refund(capture, amount));
				left = left.subtract(amount);
			}
		}
		String number = "CM-" + order.orderNumber() + "-" + sequenceNumber;
		return new CreditMemo(UUID.randomUUID(), number, order.id(), request.sourceKey(), currency, net, tax, shipping,
				fee, total, CreditMemo.Status.DRAFT, request.reason(), now(), null, List.copyOf(items),
				List.copyOf(refunds));
	}

	/** What each capture (oldest first) has left after the refunds the credit memos so far fixed. */
	private static Map<String, BigDecimal> unallocated(List<CreditMemoRepository.Capture> captures,
			List<CreditMemo> memos) {
		Map<String, BigDecimal> left = new LinkedHashMap<>();
		captures.forEach(capture -> left.merge(capture.reference(), capture.amount(), BigDecimal::add));
		for (CreditMemo memo : memos) {
			for (CreditMemo.Refund refund : memo.refunds()) {
				left.computeIfPresent(refund.captureReference(), (k, amount) -> amount.subtract(refund.amount()));
			}
		}
		return left;
	}

	private static BigDecimal nonNegative(BigDecimal amount, String currency, String what) {
		if (amount == null || amount.signum() < 0) {
			throw new IllegalArgumentException("The " + what + " must be zero or more, not " + amount);
		}
		return Money.of(amount, currency);
	}

	// --- pending credits: lowering captures ----------------------------------------------------

	/**
	 * Schedules a credit that lowers the next captures of a line ({@code lineNumber}) or of shipping
	 * ({@code null}) instead of being refunded (the part of an adjustment that was not captured yet). Every
	 * invoice of the line (or with shipping) made from now on gets a credit memo for as much of the rest of it
	 * as the invoice's amount for the line (or shipping) allows (source key {@code <sourceKey>:capture:
	 * <fulfillmentOrderId>}), issued together with the invoice; the capture takes the invoice's total minus
	 * those credit memos. What is left when nothing is left to invoice lapses. Idempotent: a second call for
	 * the same source returns the first pending credit.
	 * @throws IllegalArgumentException when amounts are negative or add up to nothing, or the line does not exist
	 */
	@Transactional
	public PendingCredit schedulePendingCredit(UUID orderId, PendingCreditRequest request) {
		if (orderId == null || request == null || request.sourceKey() == null || request.sourceKey().isBlank()
				|| request.reason() == null || request.reason().isBlank()) {
			throw new IllegalArgumentException("An order, a source key and a reason are required");
		}
		Optional<PendingCredit> existing = pendingCredits.findBySource(request.sourceKey());
		if (existing.isPresent()) {
			if (!existing.get().orderId().equals(orderId)) {
				throw new IllegalArgumentException("The pending credit for " + request.sourceKey()
						+ " belongs to another order");
			}
			return existing.get();
		}
		Order order = order(orderId);
		String currency = order.currency();
		if (request.lineNumber() != null
				&& order.lines().stream().noneMatch(line -> line.lineNumber() == request.lineNumber())) {
			throw new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + request.lineNumber());
		}
		BigDecimal net = nonNegative(request.netAmount(), currency, "net amount");
		BigDecimal tax = nonNegative(request.taxAmount(), currency, "tax amount");
		if (request.lineNumber() == null && tax.signum() != 0) {
			throw new IllegalArgumentException("A pending credit on shipping has no tax");
		}
		BigDecimal amount = net.add(tax);
		if (amount.signum() <= 0) {
			throw new IllegalArgumentException("A pending credit is worth more than nothing");
		}
		PendingCredit credit = new PendingCredit(UUID.randomUUID(), orderId, request.sourceKey(), request.lineNumber(),
				currency, net, tax, amount, Money.zero(currency), Money.zero(currency), Money.zero(currency),
				PendingCredit.Status.PENDING, limit(request.reason()), now(), null);
		pendingCredits.insert(credit);
		orders.record(orderId, TimelineType.PAYMENT, ACTOR, Money.format(amount, currency) + " will be taken off the "
				+ "next capture(s) of " + credit.subject() + ": " + request.reason());
		return pendingCredits.findBySource(request.sourceKey()).orElseThrow();
	}

	/** The pending credit scheduled for a source ({@code adjustment:<id>}), if any. */
	@Transactional(readOnly = true)
	public Optional<PendingCredit> pendingCredit(String sourceKey) {
		return pendingCredits.findBySource(sourceKey);
	}

	/** The order's pending credits, oldest first, closed ones included. */
	@Transactional(readOnly = true)
	public List<PendingCredit> pendingCredits(UUID orderId) {
		return pendingCredits.ofOrder(orderId).stream().map(PendingCreditRepository.WithTax::credit).toList();
	}

	/**
	 * Lapses what pending credits of the order have left when their line (or shipping) has nothing left to
	 * invoice: every unit not canceled is invoiced (for shipping: of every line), e.g. after the whole order
	 * was canceled. A no-op otherwise, so safe to repeat.
	 * @param reason why, for the order's timeline
	 */
	@Transactional
	public void lapsePendingCredits(UUID orderId, String reason) {
		lapse(order(orderId), false, reason);
	}

	/**
	 * What the customer paid for a line ({@code lineNumber}) or for shipping ({@code null}) and has not got
	 * back: the issued invoices' amounts for it minus every credit memo on it (credit memos of invoices still
	 * being captured not counted).
	 */
	@Transactional(readOnly = true)
	public BigDecimal paidLeft(UUID orderId, Integer lineNumber) {
		String currency = order(orderId).currency();
		BigDecimal paid = Money.zero(currency);
		for (Invoice invoice : invoices.ofOrder(orderId)) {
			if (invoice.status() == Invoice.Status.ISSUED) {
				paid = paid.add(lineNumber == null ? invoice.shippingAmount() : invoice.lines()
					.stream()
					.filter(line -> line.lineNumber() == lineNumber)
					.map(Invoice.Line::totalAmount)
					.reduce(BigDecimal.ZERO, BigDecimal::add));
			}
		}
		for (CreditMemo memo : creditMemos.againstPaid(orderId)) {
			paid = paid.subtract(lineNumber == null ? memo.shippingAmount() : memo.items()
				.stream()
				.filter(item -> item.lineNumber() == lineNumber)
				.map(CreditMemoItem::totalAmount)
				.reduce(BigDecimal.ZERO, BigDecimal::add));
		}
		return Money.of(paid.max(BigDecimal.ZERO), currency);
	}

	/**
	 * Before crediting what was paid of a line and scheduling a pending credit for the rest: locks the order's
	 * payment authorizations for the rest of the caller's transaction (invoices are drafted under the same
	 * lock, so an invoice drafted after this sees the pending credit, and one drafted before is seen here),
	 * and refuses while an invoice of the order is drafted but not yet captured, since what it will capture
	 * is neither paid yet nor open to a pending credit any more: the caller retries once the capture is done.
	 * @throws IllegalStateException while a capture of the order is under way (or failing)
	 */
	@Transactional
	public void prepareCredit(UUID orderId) {
		payments.lockAuthorizations(orderId);
		Optional<Invoice> draft = invoices.ofOrder(orderId)
			.stream()
			.filter(invoice -> invoice.status() == Invoice.Status.DRAFT)
			.findFirst();
		if (draft.isPresent()) {
			throw new IllegalStateException("Invoice " + draft.get().invoiceNumber() + " of order " + orderId
					+ " is being captured: crediting the order waits until it is (retry)");
		}
	}

	/**
	 * In the draft invoice's own transaction: a credit memo for each pending credit of the order the invoice
	 * can take (oldest first), for at most the invoice's amount for the credit's line (or its shipping share)
	 * left by the credits before it. Made as drafts with the invoice, so that a retried capture finds them and
	 * applies nothing twice; issued with the invoice.
	 */
	private void draftCaptureCredits(Order order, Invoice invoice) {
		List<PendingCreditRepository.WithTax> open = pendingCredits.ofOrder(order.id())
			.stream()
			.filter(p -> p.credit().status() == PendingCredit.Status.PENDING && p.credit().remaining().signum() > 0)
			.toList();
		if (open.isEmpty()) {
			return;
		}
		String currency = order.currency();
		int scale = Money.scale(currency);
		Map<Integer, BigDecimal> room = new HashMap<>();
		invoice.lines().forEach(line -> room.merge(line.lineNumber(), line.totalAmount(), BigDecimal::add));
		BigDecimal shippingRoom = invoice.shippingAmount();
		int sequence = creditMemos.ofOrder(order.id()).size();
		for (PendingCreditRepository.WithTax withTax : open) {
			PendingCredit credit = withTax.credit();
			BigDecimal rest = credit.remaining();
			BigDecimal available = credit.lineNumber() == null ? shippingRoom
					: room.getOrDefault(credit.lineNumber(), BigDecimal.ZERO);
			BigDecimal take = rest.min(available);
			if (take.signum() <= 0) {
				continue;
			}
			BigDecimal tax = Money.zero(currency);
			BigDecimal shipping = Money.zero(currency);
			List<CreditMemoItem> items = List.of();
			if (credit.lineNumber() == null) {
				shipping = take;
				shippingRoom = shippingRoom.subtract(take);
			}
			else {
				BigDecimal taxLeft = credit.taxAmount().subtract(withTax.taxTaken()).max(BigDecimal.ZERO);
				tax = take.compareTo(rest) == 0 ? taxLeft
						: take.multiply(taxLeft).divide(rest, scale, RoundingMode.HALF_UP).min(taxLeft);
				items = List.of(new CreditMemoItem(credit.lineNumber(), 0, take.subtract(tax), tax));
				room.put(credit.lineNumber(), available.subtract(take));
			}
			BigDecimal net = credit.lineNumber() == null ? Money.zero(currency) : take.subtract(tax);
			sequence++;
			CreditMemo memo = new CreditMemo(UUID.randomUUID(), "CM-" + order.orderNumber() + "-" + sequence,
					order.id(), credit.sourceKey() + CAPTURE_CREDIT + invoice.fulfillmentOrderId(), currency, net, tax,
					shipping, Money.zero(currency), take, CreditMemo.Status.DRAFT,
					limit("Taken off the capture of invoice " + invoice.invoiceNumber() + ": " + credit.reason()), now(),
					null, items, List.of());
			creditMemos.insert(memo, sequence, invoice.id(), credit.id());
		}
	}

	/**
	 * With the invoice issued (its capture done): issues the credit memos made with it, closes the pending
	 * credits they used up, tells whoever scheduled them, and lapses what has nothing left to invoice.
	 */
	private void issueCaptureCredits(Order order, Invoice invoice, List<CreditMemo> credits, OffsetDateTime now) {
		creditMemos.issueOfInvoice(invoice.id(), now);
		String currency = invoice.currency();
		for (CreditMemo memo : credits) {
			String source = memo.sourceKey().substring(0, memo.sourceKey().lastIndexOf(CAPTURE_CREDIT));
			PendingCredit credit = pendingCredits.findBySource(source).orElseThrow();
			if (credit.status() == PendingCredit.Status.PENDING && credit.remaining().signum() == 0
					&& credit.reserved().signum() == 0
					&& pendingCredits.close(credit.id(), PendingCredit.Status.APPLIED, BigDecimal.ZERO, now)) {
				credit = pendingCredits.findBySource(source).orElseThrow();
			}
			orders.record(order.id(), TimelineType.PAYMENT, ACTOR, "Credit memo " + memo.creditMemoNumber() + " issued: "
					+ Money.format(memo.totalAmount(), currency) + " taken off the capture of invoice "
					+ invoice.invoiceNumber() + " for " + credit.subject() + " (" + credit.reason() + ")"
					+ (credit.remaining().signum() > 0
							? "; " + Money.format(credit.remaining(), currency) + " waits for later invoices" : ""));
			events.publishEvent(new PendingCreditChanged(credit, invoice.invoiceNumber()));
		}
		lapse(order, false, "nothing is left to invoice");
	}

	/** Lapses the rest of the order's pending credits: all of them, or those with nothing left to invoice. */
	private void lapse(Order order, boolean all, String reason) {
		List<PendingCreditRepository.WithTax> open = pendingCredits.ofOrder(order.id())
			.stream()
			.filter(p -> p.credit().status() == PendingCredit.Status.PENDING)
			.toList();
		if (open.isEmpty()) {
			return;
		}
		Map<Integer, Integer> invoiced = new HashMap<>();
		for (Invoice invoice : invoices.ofOrder(order.id())) {
			invoice.lines().forEach(line -> invoiced.merge(line.lineNumber(), line.quantity(), Integer::sum));
		}
		boolean everyLineInvoiced = order.lines()
			.stream()
			.allMatch(line -> invoiced.getOrDefault(line.lineNumber(), 0) >= line.quantities().netOrdered());
		String currency = order.currency();
		OffsetDateTime now = now();
		for (PendingCreditRepository.WithTax withTax : open) {
			PendingCredit credit = withTax.credit();
			if (credit.reserved().signum() > 0) {
				// an invoice being captured still takes part of it: looked at again once it is issued
				continue;
			}
			boolean nothingLeft = credit.lineNumber() == null ? everyLineInvoiced
					: order.lines()
						.stream()
						.filter(line -> line.lineNumber() == credit.lineNumber())
						.allMatch(line -> invoiced.getOrDefault(line.lineNumber(), 0) >= line.quantities().netOrdered());
			if (!all && !nothingLeft) {
				continue;
			}
			BigDecimal rest = credit.remaining();
			PendingCredit.Status status = rest.signum() > 0 ? PendingCredit.Status.LAPSED : PendingCredit.Status.APPLIED;
			if (!pendingCredits.close(credit.id(), status, rest.max(BigDecimal.ZERO), now)) {
				continue;
			}
			if (rest.signum() > 0) {
				orders.record(order.id(), TimelineType.PAYMENT, ACTOR, "Pending credit of " + credit.subject()
						+ " lapsed: " + Money.format(rest, currency) + " of " + Money.format(credit.amount(), currency)
						+ " will not be taken off a capture, " + reason + " (" + credit.reason() + ")");
			}
			events.publishEvent(new PendingCreditChanged(pendingCredits.findBySource(credit.sourceKey()).orElseThrow(),
					null));
		}
	}

	private static String limit(String text) {
		return text.length() <= 500 ? text : text.substring(0, 499) + "…";
	}

	// --- reading -------------------------------------------------------------------------------

	/** The order's money: open authorization, captured, refunded, invoiced, credited. */
	@Transactional(readOnly = true)
	public Ledger ledger(UUID orderId) {
		return payments.ledger(orderId, order(orderId).currency());
	}

	/** The order's authorizations, oldest first (renewed and voided ones included). */
	@Transactional(readOnly = true)
	public List<PaymentAuthorization> authorizations(UUID orderId) {
		return payments.authorizations(orderId);
	}

	/** Every call to the provider for the order, successful or failed, in order. */
	@Transactional(readOnly = true)
	public List<PaymentTransaction> transactions(UUID orderId) {
		return payments.transactions(orderId);
	}

	/** The order's invoices, drafts included, oldest first. */
	@Transactional(readOnly = true)
	public List<Invoice> invoices(UUID orderId) {
		return invoices.ofOrder(orderId);
	}

	// --- helpers -------------------------------------------------------------------------------

	private Order order(UUID orderId) {
		return orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("No order " + orderId));
	}

	private List<PaymentAuthorization> open(UUID orderId) {
		return payments.authorizations(orderId).stream().filter(PaymentAuthorization::isOpen).toList();
	}

	private void recordSuccess(UUID orderId, UUID authorizationId, Type type, BigDecimal amount, String currency,
			String key, String reference, String documentNumber, OffsetDateTime now) {
		payments.insertTransaction(new PaymentTransaction(UUID.randomUUID(), orderId, authorizationId, type, amount,
				currency, PaymentTransaction.Status.SUCCEEDED, key, reference, documentNumber, null, now));
	}

	private void recordFailure(UUID orderId, UUID authorizationId, Type type, BigDecimal amount, String currency,
			String key, String documentNumber, PaymentDeclinedException declined) {
		payments.insertTransaction(new PaymentTransaction(UUID.randomUUID(), orderId, authorizationId, type, amount,
				currency, PaymentTransaction.Status.FAILED, key, null, documentNumber,
				declined.reason() + ": " + declined.getMessage(), now()));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

}
