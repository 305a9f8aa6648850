package io.orderflow.adjustment;

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
import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.payment.Captures;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.Invoice;
import io.orderflow.payment.Refunds;
import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.RepeatedStart;
import org.camunda.bpm.engine.RuntimeService;

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

	static final String SOURCE_PREFIX = "adjustment:";

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final AdjustmentRepository repository;

	private final Orders orders;

	private final Captures captures;

	private final Refunds refunds;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final Clock clock;

	Adjustments(AdjustmentRepository repository, Orders orders, Captures captures, Refunds refunds,
			IdempotentRequests idempotency, RuntimeService runtime, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.captures = captures;
		this.refunds = refunds;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.clock = clock;
	}

	/**
	 * Stores an adjustment and starts its {@code OrderAdjustment} process (business key: the order number)
	 * in one transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field, and the amount available when it asks
	 * for more; nothing is stored
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public IdempotentRequests.Outcome<Adjustment> request(UUID orderId, AdjustmentRequest request, String idempotencyKey, String principal) {
		Order order = orders.require(orderId);
		validate(order, request);
		return idempotency.accepted(OPERATION_REQUEST, principal, idempotencyKey,
				orderId, request, repository::find, Adjustment::id,
				() -> create(orderId, request, principal, this::startProcess));
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
		UUID orderId = orderNumber == null ? null : orders.findByNumber(orderNumber.strip()).map(Order::id).orElse(null);
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
		return runtime.createProcessInstanceByKey(OrderProcess.AdjustmentProcess.KEY)
			.businessKey(adjustment.orderNumber())
			.setVariable(Variables.ORDER_ID, adjustment.orderId().toString())
			.setVariable(Variables.ORDER_NUMBER, adjustment.orderNumber())
			.setVariable(AdjustmentProcess.Variables.ADJUSTMENT_ID, adjustment.id().toString())
			.execute()
			.getId();
	}

	private Adjustment create(UUID orderId, AdjustmentRequest request, String principal,
			java.util.function.Function<Adjustment, String> process) {
		orders.lock(orderId);
		Order order = orders.require(orderId);
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
			BigDecimal rate = order.line(lineNumber).taxRate();
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
		OrderLine line = order.line(lineNumber);
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

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<Adjustment> find(UUID id) {
		return repository.find(id);
	}

	/** The order's adjustments, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<Adjustment> ofOrder(UUID orderId) {
		orders.require(orderId);
		return repository.ofOrder(orderId);
	}

	// --- helpers -------------------------------------------------------------------------------

	private Adjustment require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No adjustment " + id));
	}


	static String describe(Adjustment a) {
		return a.amount().toPlainString() + " " + a.currency() + " off " + a.subject()
				+ (a.kind() == Adjustment.Kind.PERCENTAGE ? " (" + a.requestedValue().toPlainString() + " %)" : "")
				+ ": " + a.reason();
	}

	static BigDecimal zero(String currency) {
		return BigDecimal.ZERO.setScale(scale(currency));
	}

	static int scale(String currency) {
		return Currency.getInstance(currency).getDefaultFractionDigits();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
