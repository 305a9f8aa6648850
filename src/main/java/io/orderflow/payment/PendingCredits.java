package io.orderflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.payment.PaymentAuthorization.Status;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pending credits: the part of a credit (an adjustment) that was not captured yet, taken off the next captures
 * of its line or of shipping as credit memos issued with their invoices, and lapsing when nothing is left to
 * invoice. Whoever scheduled one learns of each change through {@link PendingCreditChanged}.
 */
@Service
public class PendingCredits {

	/** Between a pending credit's source key and the fulfillment order in the key of its credit memos. */
	static final String CAPTURE_CREDIT = ":capture:";

	private final PaymentRecords records;

	private final PaymentRepository payments;

	private final InvoiceRepository invoices;

	private final CreditMemoRepository creditMemos;

	private final PendingCreditRepository pendingCredits;

	private final ApplicationEventPublisher events;

	PendingCredits(PaymentRecords records, PaymentRepository payments, InvoiceRepository invoices,
			CreditMemoRepository creditMemos, PendingCreditRepository pendingCredits, ApplicationEventPublisher events) {
		this.records = records;
		this.payments = payments;
		this.invoices = invoices;
		this.creditMemos = creditMemos;
		this.pendingCredits = pendingCredits;
		this.events = events;
	}

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
		Order order = records.order(orderId);
		String currency = order.currency();
		if (request.lineNumber() != null
				&& order.lines().stream().noneMatch(line -> line.lineNumber() == request.lineNumber())) {
			throw new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + request.lineNumber());
		}
		BigDecimal net = Money.nonNegative(request.netAmount(), currency, "net amount");
		BigDecimal tax = Money.nonNegative(request.taxAmount(), currency, "tax amount");
		if (request.lineNumber() == null && tax.signum() != 0) {
			throw new IllegalArgumentException("A pending credit on shipping has no tax");
		}
		BigDecimal amount = net.add(tax);
		if (amount.signum() <= 0) {
			throw new IllegalArgumentException("A pending credit is worth more than nothing");
		}
		PendingCredit credit = new PendingCredit(UUID.randomUUID(), orderId, request.sourceKey(), request.lineNumber(),
				currency, net, tax, amount, Money.zero(currency), Money.zero(currency), Money.zero(currency),
				PendingCredit.Status.PENDING, limit(request.reason()), records.now(), null);
		if (request.creditedLineNumber() != null && (request.lineNumber() == null || request.creditedQuantity() == null
				|| request.creditedQuantity() < 1
				|| order.lines().stream().noneMatch(line -> line.lineNumber() == request.creditedLineNumber()))) {
			throw new IllegalArgumentException("A pending credit for units of line " + request.creditedLineNumber()
					+ " names a line of the order and at least one unit, and lowers the captures of a line");
		}
		pendingCredits.insert(credit, request.creditedLineNumber(), request.creditedQuantity());
		records.timeline(orderId, Money.format(amount, currency) + " will be taken off the "
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
	 * invoice: every unit not canceled is invoiced (for shipping: the order has an invoice, which took the whole
	 * shipping charge, or every line is canceled), e.g. after the whole order was canceled. A no-op otherwise, so
	 * safe to repeat.
	 * @param reason why, for the order's timeline
	 */
	@Transactional
	public void lapsePendingCredits(UUID orderId, String reason) {
		lapse(records.order(orderId), false, reason);
	}

	/**
	 * What the customer paid for a line ({@code lineNumber}) or for shipping ({@code null}) and has not got
	 * back: the issued invoices' amounts for it minus every credit memo on it (credit memos of invoices still
	 * being captured not counted).
	 */
	@Transactional(readOnly = true)
	public BigDecimal paidLeft(UUID orderId, Integer lineNumber) {
		String currency = records.order(orderId).currency();
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
	 * can take (oldest first), for at most the invoice's amount for the credit's line (or its shipping)
	 * left by the credits before it. Made as drafts with the invoice, so that a retried capture finds them and
	 * applies nothing twice; issued with the invoice.
	 */
	void draftCaptureCredits(Order order, Invoice invoice) {
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
				// units of another line (an exchange's returned units) or an amount off the line itself (quantity 0)
				items = List.of(withTax.creditedLineNumber() != null
						? new CreditMemoItem(withTax.creditedLineNumber(), withTax.creditedQuantity(), take.subtract(tax), tax)
						: new CreditMemoItem(credit.lineNumber(), 0, take.subtract(tax), tax));
				room.put(credit.lineNumber(), available.subtract(take));
			}
			BigDecimal net = credit.lineNumber() == null ? Money.zero(currency) : take.subtract(tax);
			sequence++;
			CreditMemo memo = new CreditMemo(UUID.randomUUID(), "CM-" + order.orderNumber() + "-" + sequence,
					order.id(), credit.sourceKey() + CAPTURE_CREDIT + invoice.fulfillmentOrderId(), currency, net, tax,
					shipping, Money.zero(currency), take, CreditMemo.Status.DRAFT,
					limit("Taken off the capture of invoice " + invoice.invoiceNumber() + ": " + credit.reason()), records.now(),
					null, items, List.of());
			creditMemos.insert(memo, sequence, invoice.id(), credit.id());
		}
	}

	/**
	 * With the invoice issued (its capture done): issues the credit memos made with it, closes the pending
	 * credits they used up, tells whoever scheduled them, and lapses what has nothing left to invoice.
	 */
	void issueCaptureCredits(Order order, Invoice invoice, List<CreditMemo> credits, OffsetDateTime now) {
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
			records.timeline(order.id(), "Credit memo " + memo.creditMemoNumber() + " issued: "
					+ Money.format(memo.totalAmount(), currency) + " taken off the capture of invoice "
					+ invoice.invoiceNumber() + " for " + credit.subject() + " (" + credit.reason() + ")"
					+ (credit.remaining().signum() > 0
							? "; " + Money.format(credit.remaining(), currency) + " waits for later invoices" : ""));
			events.publishEvent(new PendingCreditChanged(credit, invoice.invoiceNumber()));
		}
		lapse(order, false, "nothing is left to invoice");
	}

	/** Lapses the rest of the order's pending credits: all of them, or those with nothing left to invoice. */
	void lapse(Order order, boolean all, String reason) {
		List<PendingCreditRepository.WithTax> open = pendingCredits.ofOrder(order.id())
			.stream()
			.filter(p -> p.credit().status() == PendingCredit.Status.PENDING)
			.toList();
		if (open.isEmpty()) {
			return;
		}
		Map<Integer, Integer> invoiced = invoicedUnits(order.id());
		String currency = order.currency();
		OffsetDateTime now = records.now();
		for (PendingCreditRepository.WithTax withTax : open) {
			PendingCredit credit = withTax.credit();
			if (credit.reserved().signum() > 0) {
				// an invoice being captured still takes part of it: looked at again once it is issued
				continue;
			}
			if (!all && !nothingLeftToInvoice(order, invoiced, Map.of(), credit.lineNumber())) {
				continue;
			}
			BigDecimal rest = credit.remaining();
			PendingCredit.Status status = rest.signum() > 0 ? PendingCredit.Status.LAPSED : PendingCredit.Status.APPLIED;
			if (!pendingCredits.close(credit.id(), status, rest.max(BigDecimal.ZERO), now)) {
				continue;
			}
			if (rest.signum() > 0) {
				records.timeline(order.id(), "Pending credit of " + credit.subject()
						+ " lapsed: " + Money.format(rest, currency) + " of " + Money.format(credit.amount(), currency)
						+ " will not be taken off a capture, " + reason + " (" + credit.reason() + ")");
			}
			events.publishEvent(new PendingCreditChanged(pendingCredits.findBySource(credit.sourceKey()).orElseThrow(),
					null));
		}
	}

	/**
	 * What of the order's pending credits {@link #lapse} would let lapse once {@code canceled} units (per line
	 * number) were canceled too: the rest of those whose line (for shipping: the order, see
	 * {@link #nothingLeftToInvoice(Order, Map, Map, Integer)}) would have nothing left
	 * to invoice. Changes nothing.
	 */
	BigDecimal lapsingIfCanceled(Order order, Map<Integer, Integer> canceled) {
		Map<Integer, Integer> invoiced = invoicedUnits(order.id());
		return pendingCredits.ofOrder(order.id())
			.stream()
			.map(PendingCreditRepository.WithTax::credit)
			.filter(credit -> credit.status() == PendingCredit.Status.PENDING && credit.reserved().signum() == 0)
			.filter(credit -> nothingLeftToInvoice(order, invoiced, canceled, credit.lineNumber()))
			.map(PendingCredit::remaining)
			.reduce(Money.zero(order.currency()), BigDecimal::add);
	}

	/** Whether nothing of a line ({@code lineNumber}; {@code null}: shipping) is left to invoice. */
	boolean nothingLeftToInvoice(UUID orderId, Integer lineNumber) {
		Order order = records.order(orderId);
		return nothingLeftToInvoice(order, invoicedUnits(orderId), Map.of(), lineNumber);
	}

	/** The units the order's invoices (drafts included) took per line number. */
	private Map<Integer, Integer> invoicedUnits(UUID orderId) {
		Map<Integer, Integer> invoiced = new HashMap<>();
		for (Invoice invoice : invoices.ofOrder(orderId)) {
			invoice.lines().forEach(line -> invoiced.merge(line.lineNumber(), line.quantity(), Integer::sum));
		}
		return invoiced;
	}

	/**
	 * Whether every unit of a line ({@code lineNumber}) that is not canceled, with {@code canceled} units canceled
	 * too, is invoiced. For shipping ({@code null}): whether the order has an invoice (the first one took the
	 * whole shipping charge, {@link InvoiceCalculator}), or every unit of every line is canceled.
	 */
	private static boolean nothingLeftToInvoice(Order order, Map<Integer, Integer> invoiced,
			Map<Integer, Integer> canceled, Integer lineNumber) {
		if (lineNumber == null && !invoiced.isEmpty()) {
			return true;
		}
		return order.lines()
			.stream()
			.filter(line -> lineNumber == null || line.lineNumber() == lineNumber)
			.allMatch(line -> invoiced.getOrDefault(line.lineNumber(), 0) >= line.quantities().netOrdered()
					- canceled.getOrDefault(line.lineNumber(), 0));
	}

	private static String limit(String text) {
		return text.length() <= 500 ? text : text.substring(0, 499) + "…";
	}

}
