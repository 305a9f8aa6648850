package io.orderflow.adjustment;

import static io.orderflow.platform.Text.blankToNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.capture.IdempotencyKeyMismatchException;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.TaskDecisions;
import io.orderflow.order.TaskDecisions.TaskDecision;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.Captures;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.Invoice;
import io.orderflow.payment.PendingCredit;
import io.orderflow.payment.PendingCreditChanged;
import io.orderflow.payment.PendingCreditRequest;
import io.orderflow.payment.PendingCredits;
import io.orderflow.payment.Refunds;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.IdempotentRequests;
import io.orderflow.service.RepeatedStart;
import io.orderflow.service.ServiceProperties;
import io.orderflow.service.UnknownOrderException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adjustments (discounts, appeasements) of orders: requested over REST (validated, idempotent, stored
 * together with their {@code OrderAdjustment} process instance), approved at once up to
 * {@code orderflow.service.appeasement-approval-threshold} or by a supervisor other than the requester,
 * and then carried out: what of it the customer already paid for the line (or shipping) is credited and
 * refunded through {@link Payments#creditAndRefund} (source key {@code adjustment:<id>}); the rest is a
 * pending credit ({@link Payments#schedulePendingCredit}) that lowers the next capture(s) of the line (or
 * shipping): a credit memo is issued with each invoice and the capture takes the invoice's total minus it.
 * What is still pending when nothing is left to invoice (the order canceled) lapses.
 * <p>
 * A line's adjustment may take at most the line's value with tax of its units not canceled, minus what
 * credit memos (returns) and other adjustments of the line already took or hold; shipping likewise, of the
 * shipping charge.
 */
@Service
public class Adjustments {

	static final String OPERATION_REQUEST = "POST /api/orders/{id}/adjustments";

	static final int MAX_REASON = 500;

	private static final String SOURCE_PREFIX = "adjustment:";

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final AdjustmentRepository repository;

	private final Orders orders;

	private final Captures captures;

	private final PendingCredits pendingCredits;

	private final Refunds refunds;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final ServiceProperties properties;

	private final Clock clock;

	private final TaskDecisions decisions;

	Adjustments(AdjustmentRepository repository, Orders orders, Captures captures, PendingCredits pendingCredits, Refunds refunds, IdempotentRequests idempotency,
			RuntimeService runtime, ServiceProperties properties, Clock clock, TaskDecisions decisions) {
		this.repository = repository;
		this.decisions = decisions;
		this.orders = orders;
		this.captures = captures;
		this.pendingCredits = pendingCredits;
		this.refunds = refunds;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the REST endpoint answers: the adjustment, and whether it replays an earlier request. */
	public record Requested(Adjustment adjustment, boolean replay) {
	}

	/**
	 * Stores an adjustment and starts its {@code OrderAdjustment} process (business key: the order number)
	 * in one transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field, and the amount available when it asks
	 * for more; nothing is stored
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public Requested request(UUID orderId, AdjustmentRequest request, String idempotencyKey, String principal) {
		Order order = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		validate(order, request);
		IdempotentRequests.Outcome<Adjustment> outcome = idempotency.once(OPERATION_REQUEST, principal, idempotencyKey,
				orderId, request, repository::find, Adjustment::id,
				() -> create(orderId, request, principal, this::startProcess));
		return new Requested(outcome.resource(), outcome.replay());
	}

	/**
	 * {@code Task_RegisterAdjustment} for an instance started from Tasklist with the start form: validates
	 * and stores the adjustment exactly as {@link #request} does, but for the running process instance. Runs
	 * inside the engine's transaction and writes nothing before it has validated everything.
	 * @throws InvalidRequestException naming every invalid field (an unknown order as {@code orderNumber})
	 */
	public Adjustment registerFromProcess(String orderNumber, AdjustmentRequest request, String principal,
			String processInstanceId) {
		if (principal == null) {
			throw new InvalidRequestException("requestedBy", "an adjustment is requested by a known user");
		}
		UUID orderId = orderNumber == null ? null : repository.orderId(orderNumber.strip()).orElse(null);
		if (orderId == null) {
			throw new InvalidRequestException("orderNumber", "no order " + orderNumber);
		}
		validate(orders.find(orderId).orElseThrow(), request);
		orders.lock(orderId);
		RepeatedStart.refuse("adjustment", Variables.ORDER_NUMBER, repository.ofOrder(orderId), Adjustment::requestedBy,
				Adjustment::createdAt, earlier -> (earlier.target() == Adjustment.Target.SHIPPING) == request.isShipping()
						&& java.util.Objects.equals(earlier.lineNumber(), request.isShipping() ? null : request.lineNumber())
						&& earlier.kind() == (request.amount() != null ? Adjustment.Kind.AMOUNT : Adjustment.Kind.PERCENTAGE)
						&& earlier.requestedValue().compareTo(request.amount() != null ? request.amount() : request.percentage()) == 0,
				principal, now());
		return create(orderId, request, principal, adjustment -> processInstanceId);
	}

	private String startProcess(Adjustment adjustment) {
		return runtime.createProcessInstanceByKey(OrderProcess.ADJUSTMENT_PROCESS_KEY)
			.businessKey(adjustment.orderNumber())
			.setVariable(Variables.ORDER_ID, adjustment.orderId().toString())
			.setVariable(Variables.ORDER_NUMBER, adjustment.orderNumber())
			.setVariable(Variables.ADJUSTMENT_ID, adjustment.id().toString())
			.execute()
			.getId();
	}

	private Adjustment create(UUID orderId, AdjustmentRequest request, String principal,
			java.util.function.Function<Adjustment, String> process) {
		orders.lock(orderId);
		Order order = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		String currency = order.currency();
		int scale = scale(currency);
		Integer lineNumber = request.isShipping() ? null : request.lineNumber();
		BigDecimal amount;
		String field;
		if (request.amount() != null) {
			amount = request.amount().setScale(scale);
			field = "amount";
		}
		else {
			BigDecimal base = lineNumber == null ? order.totals().shipping() : lineValue(order, lineNumber);
			amount = base.multiply(request.percentage()).divide(HUNDRED, scale, RoundingMode.HALF_UP);
			field = "percentage";
			if (amount.signum() == 0) {
				throw new InvalidRequestException(field, request.percentage().toPlainString() + " % of "
						+ base.toPlainString() + " " + currency + " is nothing");
			}
		}
		BigDecimal available = available(order, lineNumber);
		if (amount.compareTo(available) > 0) {
			throw new InvalidRequestException(field, (lineNumber == null ? "shipping" : "line " + lineNumber)
					+ " has only " + available.toPlainString() + " " + currency + " available to adjust, not "
					+ amount.toPlainString() + " (" + (lineNumber == null ? "the shipping charge"
							: "the value with tax of its units not canceled")
					+ ", minus earlier credits and adjustments)");
		}
		BigDecimal net;
		BigDecimal tax;
		if (lineNumber == null) {
			net = amount;
			tax = BigDecimal.ZERO.setScale(scale);
		}
		else {
			BigDecimal rate = line(order, lineNumber).taxRate();
			net = amount.divide(BigDecimal.ONE.add(rate), scale, RoundingMode.HALF_UP);
			tax = amount.subtract(net);
		}
		OffsetDateTime now = now();
		Adjustment adjustment = new Adjustment(UUID.randomUUID(), orderId, order.orderNumber(),
				lineNumber == null ? Adjustment.Target.SHIPPING : Adjustment.Target.LINE, lineNumber,
				request.amount() != null ? Adjustment.Kind.AMOUNT : Adjustment.Kind.PERCENTAGE,
				request.amount() != null ? request.amount() : request.percentage(), amount, net, tax, currency,
				request.reason().strip(), AdjustmentStatus.REQUESTED, principal, null, null, null, null, now, now,
				zero(currency), zero(currency), zero(currency), zero(currency));
		repository.insert(adjustment);
		orders.record(orderId, TimelineType.ADJUSTMENT, principal, "Adjustment requested: " + describe(adjustment));
		repository.updateProcessInstance(adjustment.id(), process.apply(adjustment));
		return repository.find(adjustment.id()).orElseThrow();
	}

	/**
	 * What is left to adjust of a line ({@code lineNumber}) or of shipping ({@code null}): the line's value
	 * with tax of its units not canceled (shipping: the shipping charge, or only what was invoiced of it when
	 * every line is canceled), minus what credit memos other than adjustments' credited on it, minus what
	 * open and approved adjustments take (but for what of them lapsed). What was captured of it is refunded
	 * when approved, the rest lowers its next captures.
	 */
	BigDecimal available(Order order, Integer lineNumber) {
		String currency = order.currency();
		boolean everythingCanceled = order.lines().stream().allMatch(line -> line.quantities().netOrdered() == 0);
		BigDecimal value;
		if (lineNumber != null) {
			value = lineValue(order, lineNumber);
		}
		else if (everythingCanceled) {
			value = captures.invoices(order.id())
				.stream()
				.map(Invoice::shippingAmount)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		}
		else {
			value = order.totals().shipping();
		}
		BigDecimal credited = BigDecimal.ZERO;
		for (CreditMemo memo : refunds.creditMemos(order.id())) {
			if (memo.sourceKey().startsWith(SOURCE_PREFIX)) {
				continue;
			}
			if (lineNumber == null) {
				credited = credited.add(memo.shippingAmount());
			}
			else {
				for (CreditMemoItem item : memo.items()) {
					if (item.lineNumber() == lineNumber) {
						credited = credited.add(item.netAmount()).add(item.taxAmount());
					}
				}
			}
		}
		BigDecimal left = value.subtract(credited).subtract(repository.held(order.id(), lineNumber));
		return left.max(BigDecimal.ZERO).setScale(scale(currency), RoundingMode.HALF_UP);
	}

	/** The value of the line's units that are not canceled, with their tax. */
	private BigDecimal lineValue(Order order, int lineNumber) {
		OrderLine line = line(order, lineNumber);
		if (line.quantities().netOrdered() == 0) {
			return zero(order.currency());
		}
		CreditMemoItem value = refunds.unitsValue(order.id(), lineNumber, line.quantities().netOrdered());
		return value.netAmount().add(value.taxAmount());
	}

	/** The rules that need no money look-ups: every broken one named by its JSON path. */
	private static void validate(Order order, AdjustmentRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		if (request.reason() == null || request.reason().isBlank()) {
			violations.add(new FieldViolation("reason", "is required"));
		}
		else if (request.reason().strip().length() > MAX_REASON) {
			violations.add(new FieldViolation("reason", "must be at most " + MAX_REASON + " characters"));
		}
		if (request.isShipping() && request.lineNumber() != null) {
			violations.add(new FieldViolation("lineNumber", "must be left out when shipping is true"));
		}
		else if (!request.isShipping() && request.lineNumber() == null) {
			violations.add(new FieldViolation("lineNumber", "name a line, or set shipping to true"));
		}
		else if (request.lineNumber() != null
				&& order.lines().stream().noneMatch(line -> line.lineNumber() == request.lineNumber())) {
			violations.add(new FieldViolation("lineNumber",
					"order " + order.orderNumber() + " has no line " + request.lineNumber()));
		}
		else if (request.isShipping() && order.totals().shipping().signum() == 0) {
			violations.add(new FieldViolation("shipping", "order " + order.orderNumber() + " has no shipping charge"));
		}
		int scale = scale(order.currency());
		if (request.amount() != null && request.percentage() != null) {
			violations.add(new FieldViolation("percentage", "give an amount or a percentage, not both"));
		}
		else if (request.amount() == null && request.percentage() == null) {
			violations.add(new FieldViolation("amount", "give an amount or a percentage"));
		}
		else if (request.amount() != null) {
			if (request.amount().signum() <= 0) {
				violations.add(new FieldViolation("amount", "must be more than 0"));
			}
			else if (request.amount().stripTrailingZeros().scale() > scale) {
				violations.add(new FieldViolation("amount",
						"at most " + scale + " decimal(s) in " + order.currency()));
			}
		}
		else if (request.percentage().signum() <= 0 || request.percentage().compareTo(HUNDRED) > 0) {
			violations.add(new FieldViolation("percentage", "must be more than 0 and at most 100"));
		}
		else if (request.percentage().stripTrailingZeros().scale() > 2) {
			violations.add(new FieldViolation("percentage", "at most 2 decimals"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	// --- the process ---------------------------------------------------------------------------

	/** Whether a supervisor must approve, why, and the request in words for the approval form. */
	public record Assessment(boolean approvalRequired, String reason, String request, String requestedBy) {
	}

	/**
	 * {@code Task_AssessAdjustment}: above {@code orderflow.service.appeasement-approval-threshold} a
	 * supervisor other than the requester must approve; up to it the adjustment goes through.
	 */
	@Transactional
	public Assessment assess(UUID adjustmentId) {
		Adjustment adjustment = require(adjustmentId);
		BigDecimal threshold = properties.appeasementApprovalThreshold();
		boolean required = adjustment.amount().compareTo(threshold) > 0;
		String reason = (required ? "Worth more than " : "Worth at most ") + threshold.toPlainString() + " "
				+ adjustment.currency();
		if (required && adjustment.status() == AdjustmentStatus.REQUESTED) {
			repository.updateStatus(adjustmentId, AdjustmentStatus.PENDING_APPROVAL, null, null, null, now());
		}
		orders.record(adjustment.orderId(), TimelineType.DECISION, "system:appeasement-policy",
				(required ? "Adjustment needs a supervisor's approval: " : "Adjustment approved automatically: ")
						+ reason);
		return new Assessment(required, reason, describe(adjustment) + "\nRequested by " + adjustment.requestedBy(),
				adjustment.requestedBy());
	}

	/**
	 * Four eyes: who approves an adjustment must not be who requested it.
	 * @throws AuthorizationException when {@code userId} is the requester, or unknown
	 */
	@Transactional(readOnly = true)
	public void requireOtherThanRequester(UUID adjustmentId, String userId) {
		Adjustment adjustment = require(adjustmentId);
		if (userId == null) {
			throw new AuthorizationException("An appeasement is approved by a known user; nobody is logged in");
		}
		if (userId.equals(adjustment.requestedBy())) {
			throw new AuthorizationException(userId + " requested this adjustment of " + adjustment.amount().toPlainString()
					+ " " + adjustment.currency() + " and cannot approve it too: another supervisor must decide");
		}
	}

	/**
	 * {@code Task_RefundAdjustment}: carries the approved adjustment out. What the customer already paid for
	 * the line (or shipping) and has not got back, up to the adjustment's amount, is credited (a credit memo
	 * with source key {@code adjustment:<id>}) and refunded; the rest becomes a pending credit (same source
	 * key) that lowers the line's (or shipping's) next capture(s). While a capture of the order is under way
	 * this fails, to be retried once it is done, so that what it captures is counted
	 * ({@link Payments#prepareCredit}: under the lock invoices are drafted with, so none is missed). A repeat refunds and
	 * schedules nothing more: the source key makes both idempotent, and an approved adjustment is left as it is.
	 * <p>
	 * Whether it may be refunded is read from the record, not from process variables: an adjustment within the
	 * approval threshold goes through; one above it needs "Approve appeasement" completed with APPROVE, by a
	 * user other than the requester, as the engine recorded that completion ({@link TaskDecisions}), and that
	 * user is the one named as approver.
	 * @throws StateConflictException when the adjustment is above the threshold and no other user approved it
	 */
	@Transactional(noRollbackFor = io.orderflow.payment.PaymentDeclinedException.class)
	public Adjustment refund(UUID adjustmentId, String note) {
		Adjustment adjustment = require(adjustmentId);
		if (!adjustment.status().open()) {
			return adjustment;
		}
		String approvedBy = approver(adjustment);
		orders.lock(adjustment.orderId());
		String source = SOURCE_PREFIX + adjustmentId;
		String currency = adjustment.currency();
		int scale = scale(currency);
		BigDecimal zero = zero(currency);
		// fails while a capture of the order is under way: retried, so that what it captures is counted
		pendingCredits.prepareCredit(adjustment.orderId());
		// a retry after a part was done finds the credit memo and the pending credit it made
		BigDecimal refundNow = refunds.creditMemo(source)
			.map(CreditMemo::totalAmount)
			.orElseGet(() -> adjustment.amount()
				.min(pendingCredits.paidLeft(adjustment.orderId(), adjustment.lineNumber()))
				.min(refunds.refundable(adjustment.orderId()))
				.max(BigDecimal.ZERO));
		if (refunds.creditMemo(source).isEmpty() && pendingCredits.pendingCredit(source).isPresent()) {
			refundNow = zero;
		}
		BigDecimal pending = adjustment.amount().subtract(refundNow);
		BigDecimal refundTax = refundNow.compareTo(adjustment.amount()) == 0 ? adjustment.taxAmount()
				: refundNow.multiply(adjustment.taxAmount()).divide(adjustment.amount(), scale, RoundingMode.HALF_UP);
		BigDecimal refundNet = refundNow.subtract(refundTax);
		boolean shipping = adjustment.target() == Adjustment.Target.SHIPPING;
		String reason = "Adjustment of " + adjustment.subject() + ": " + adjustment.reason();
		CreditMemo memo = null;
		if (refundNow.signum() > 0) {
			List<CreditMemoItem> items = shipping ? List.of()
					: List.of(new CreditMemoItem(adjustment.lineNumber(), 0, refundNet, refundTax));
			memo = refunds.creditAndRefund(adjustment.orderId(),
					new CreditMemoRequest(source, reason, items, shipping ? refundNow : zero, zero));
		}
		if (pending.signum() > 0) {
			pendingCredits.schedulePendingCredit(adjustment.orderId(), new PendingCreditRequest(source, reason,
					adjustment.lineNumber(), adjustment.netAmount().subtract(shipping ? refundNow : refundNet),
					shipping ? zero : adjustment.taxAmount().subtract(refundTax)));
		}
		AdjustmentStatus status = pending.signum() > 0 ? AdjustmentStatus.AWAITING_CAPTURE : AdjustmentStatus.REFUNDED;
		repository.approve(adjustmentId, status, approvedBy, blankToNull(note), memo == null ? null : memo.id(),
				refundNow, pending, now());
		if (pending.signum() > 0) {
			// nothing left to invoice of the line (or shipping), e.g. a cent of rounding: it lapses at once
			pendingCredits.lapsePendingCredits(adjustment.orderId(), "nothing is left to invoice");
		}
		String approval = approvedBy == null ? " (within the approval threshold)" : " (approved by " + approvedBy + ")";
		if (pending.signum() == 0) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment refunded: " + adjustment.amount().toPlainString() + " " + currency + " on "
							+ adjustment.subject() + ", credit memo " + memo.creditMemoNumber() + approval);
		}
		else {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment approved: " + adjustment.amount().toPlainString() + " " + currency + " on "
							+ adjustment.subject() + ", " + (memo == null ? "nothing captured to refund yet"
									: refundNow.toPlainString() + " " + currency + " refunded (credit memo "
											+ memo.creditMemoNumber() + ")")
							+ ", " + pending.toPlainString() + " " + currency + " to be taken off the next capture(s)"
							+ approval);
		}
		return require(adjustmentId);
	}

	/**
	 * Who approved the adjustment as the engine recorded it, or {@code null} for one within the threshold.
	 * @throws StateConflictException when it needed a supervisor's approval and has none by another user
	 */
	private String approver(Adjustment adjustment) {
		String refused = "Adjustment of " + adjustment.amount().toPlainString() + " " + adjustment.currency()
				+ " on order " + adjustment.orderNumber() + " is not refunded: ";
		boolean required = adjustment.amount().compareTo(properties.appeasementApprovalThreshold()) > 0;
		if (adjustment.status() == AdjustmentStatus.REQUESTED && !required) {
			return null;
		}
		TaskDecision approval = decisions
			.approval(adjustment.processInstanceId(), OrderProcess.Elements.USER_TASK_APPROVE_APPEASEMENT)
			.orElseThrow(() -> new StateConflictException(refused + "it is above the approval threshold of "
					+ properties.appeasementApprovalThreshold().toPlainString() + " and no supervisor approved it"));
		if (approval.decidedBy().equals(adjustment.requestedBy())) {
			throw new StateConflictException(refused + approval.decidedBy()
					+ " requested it and cannot approve it too");
		}
		return approval.decidedBy();
	}

	/**
	 * Follows the pending part of an adjustment as the payment stage applies it to captures (or lets it
	 * lapse), in the payment stage's transaction.
	 */
	@EventListener
	public void onPendingCredit(PendingCreditChanged changed) {
		PendingCredit credit = changed.credit();
		if (!credit.sourceKey().startsWith(SOURCE_PREFIX)) {
			return;
		}
		UUID adjustmentId = UUID.fromString(credit.sourceKey().substring(SOURCE_PREFIX.length()));
		Adjustment adjustment = repository.find(adjustmentId).orElse(null);
		if (adjustment == null) {
			return;
		}
		AdjustmentStatus status = switch (credit.status()) {
			case PENDING -> AdjustmentStatus.AWAITING_CAPTURE;
			case APPLIED -> AdjustmentStatus.APPLIED;
			case LAPSED -> AdjustmentStatus.LAPSED;
		};
		if (!repository.recordPendingCredit(adjustmentId, credit.applied(), credit.lapsed(), status, now())) {
			return;
		}
		String currency = adjustment.currency();
		if (changed.invoiceNumber() != null) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment lowered the capture of invoice " + changed.invoiceNumber() + ": "
							+ credit.applied().toPlainString() + " " + currency + " of the " + credit.amount().toPlainString()
							+ " " + currency + " to take off " + adjustment.subject() + " so far"
							+ (status == AdjustmentStatus.APPLIED ? ", all of it" : ""));
		}
		if (status == AdjustmentStatus.LAPSED) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment lapsed: " + credit.lapsed().toPlainString() + " " + currency + " on "
							+ adjustment.subject() + " will not be taken off a capture, nothing is left to invoice ("
							+ adjustment.refundedAmount().toPlainString() + " " + currency + " refunded, "
							+ credit.applied().toPlainString() + " " + currency + " taken off captures)");
		}
	}

	/** {@code Task_RejectAdjustment}: a supervisor refused it; nothing is credited. */
	@Transactional
	public void reject(UUID adjustmentId, String rejectedBy, String note) {
		Adjustment adjustment = require(adjustmentId);
		if (repository.updateStatus(adjustmentId, AdjustmentStatus.REJECTED, rejectedBy, blankToNull(note), null,
				now())) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment rejected by " + rejectedBy + "; nothing was credited"
							+ (blankToNull(note) == null ? "" : " (" + note.strip() + ")"));
		}
	}

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<Adjustment> find(UUID id) {
		return repository.find(id);
	}

	/** The order's adjustments, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<Adjustment> ofOrder(UUID orderId) {
		orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		return repository.ofOrder(orderId);
	}

	// --- helpers -------------------------------------------------------------------------------

	private Adjustment require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No adjustment " + id));
	}

	private static OrderLine line(Order order, int lineNumber) {
		return order.lines()
			.stream()
			.filter(l -> l.lineNumber() == lineNumber)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Order " + order.orderNumber() + " has no line " + lineNumber));
	}

	private static String describe(Adjustment a) {
		return a.amount().toPlainString() + " " + a.currency() + " off " + a.subject()
				+ (a.kind() == Adjustment.Kind.PERCENTAGE ? " (" + a.requestedValue().toPlainString() + " %)" : "")
				+ ": " + a.reason();
	}

	private static BigDecimal zero(String currency) {
		return BigDecimal.ZERO.setScale(scale(currency));
	}

	private static int scale(String currency) {
		return Currency.getInstance(currency).getDefaultFractionDigits();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
