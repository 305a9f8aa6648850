package io.orderflow.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.fulfillment.AllocationResult;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.Authorizations;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.PendingCreditRequest;
import io.orderflow.payment.PendingCredits;
import io.orderflow.payment.Refunds;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of an exchange's process ({@code OrderExchange}): the return policy and the reservation policy, the
 * difference authorized, approval (the replacement becomes a line of the order, the returned units' value is taken
 * off its capture), the replacement reserved, the returned units received and restocked, the difference refunded,
 * completion. Each reads the exchange and changes it once: a repeated step changes nothing.
 *
 * <p>The money: the returned units are credited at what they were paid for (R), the replacement is invoiced when it
 * ships (V). min(R, V) is a pending credit on the replacement's line, taken off its capture (credit memos for the
 * returned units issued with its invoice); V − R more is authorized at approval and captured with it; R − V is
 * credited and refunded when the units are back. An even exchange moves no money: invoice V, credit memo R = V.
 */
@Service
public class ExchangeSteps {

	static final String ACTOR = "system:exchange";

	private final ExchangeRepository repository;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final Inventory inventory;

	private final DecisionService decisions;

	private final Authorizations authorizations;

	private final PendingCredits pendingCredits;

	private final Refunds refunds;

	private final Clock clock;

	ExchangeSteps(ExchangeRepository repository, Orders orders, FulfillmentOrders fulfillmentOrders,
			Inventory inventory, DecisionService decisions, Authorizations authorizations,
			PendingCredits pendingCredits, Refunds refunds, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.inventory = inventory;
		this.decisions = decisions;
		this.authorizations = authorizations;
		this.pendingCredits = pendingCredits;
		this.refunds = refunds;
		this.clock = clock;
	}

	/**
	 * What the policies decided: eligible (and why not), when the replacement is reserved, and how long after
	 * approval the returned units may take (ISO 8601 duration, the shortest of the lines').
	 */
	public record Assessment(boolean eligible, String reason, String reserveOn, String returnWithin) {
	}

	/**
	 * {@code Task_CheckExchangeEligibility}: asks the return policy ({@code ReturnEligibility}, the same table as
	 * returns) about every returned line, and the reservation policy ({@code ExchangeReservation}) when the
	 * replacement is reserved: RECEIPT if any line's reason says so, else APPROVAL.
	 */
	@Transactional
	public Assessment assess(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(exchange.orderId());
		List<String> refusals = new ArrayList<>();
		String reserveOn = "APPROVAL";
		Duration returnWithin = null;
		String returnWithinText = null;
		for (Exchange.Line line : exchange.lines()) {
			OffsetDateTime delivered = fos.stream()
				.filter(fo -> fo.status() == FulfillmentOrderStatus.DELIVERED && fo.deliveredAt() != null)
				.filter(fo -> fo.lines().stream().anyMatch(l -> l.lineNumber() == line.lineNumber()))
				.map(FulfillmentOrder::deliveredAt)
				.max(Comparator.naturalOrder())
				.orElse(null);
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("sku", line.sku());
			facts.put("returnable", inventory.product(line.sku()).map(Product::returnable).orElse(true));
			facts.put("delivered", delivered != null);
			facts.put("daysSinceDelivery", delivered == null ? 0 : (int) Duration.between(delivered, now()).toDays());
			facts.put("reason", line.reason());
			DmnDecisionRuleResult eligibility = decisions
				.evaluateDecisionTableByKey(OrderProcess.ReturnProcess.ELIGIBILITY_DECISION, facts)
				.getSingleResult();
			if (!Boolean.TRUE.equals(eligibility.getEntry("eligible"))) {
				refusals.add("line " + line.lineNumber() + " (" + line.sku() + "): " + eligibility.getEntry("reason"));
			}
			DmnDecisionRuleResult reservation = decisions
				.evaluateDecisionTableByKey(ExchangeProcess.RESERVATION_DECISION,
						Map.of("reason", line.reason(), "kind", exchange.kind()))
				.getSingleResult();
			if ("RECEIPT".equals(reservation.getEntry("reserveOn"))) {
				reserveOn = "RECEIPT";
			}
			String text = reservation.<Object>getEntry("returnWithin").toString();
			Duration within = Duration.parse(text);
			if (returnWithin == null || within.compareTo(returnWithin) < 0) {
				returnWithin = within;
				returnWithinText = text;
			}
		}
		boolean eligible = refusals.isEmpty();
		String reason = eligible ? "Every returned line is within the return policy" : String.join("; ", refusals);
		if (eligible) {
			repository.recordReserveOn(exchangeId, reserveOn);
		}
		orders.record(exchange.orderId(), TimelineType.DECISION, "system:return-policy", "Exchange "
				+ (eligible ? "is eligible: " + reason + "; the replacement is reserved on " + reserveOn
						+ "; the units are to come back within " + returnWithinText + " of approval"
						: "is not eligible: " + reason));
		return new Assessment(eligible, reason, reserveOn, returnWithinText);
	}

	/** {@code Task_RejectExchange}: refused by the return policy or the payment; nothing changes on the order. */
	@Transactional
	public void reject(UUID exchangeId, String reason) {
		Exchange exchange = require(exchangeId);
		if (repository.move(exchangeId, ExchangeStatus.REQUESTED, ExchangeStatus.REJECTED, reason, now())) {
			orders.record(exchange.orderId(), TimelineType.EXCHANGE, ACTOR, "Exchange REJECTED: " + reason);
		}
	}

	/**
	 * {@code Task_AuthorizeExchangeDifference}: a replacement that costs more has the difference authorized with
	 * the order's payment token (key {@code authorize:exchange:<id>}); otherwise nothing.
	 * @throws io.orderflow.payment.PaymentDeclinedException when the provider declines
	 */
	public void authorizeDifference(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		if (exchange.status() == ExchangeStatus.REQUESTED && exchange.difference().signum() > 0) {
			authorizations.authorizeAdditional(exchange.orderId(), exchange.difference(), "authorize:exchange:" + exchangeId,
					"exchange of order " + exchange.orderNumber() + " (the replacement costs more)");
		}
	}

	/**
	 * {@code Task_ApproveExchange}: the returned units count as return-initiated on their lines, the replacement
	 * becomes a line of the order (marked with the exchange), and the returned units' value up to the
	 * replacement's is a pending credit taken off the replacement's capture, one per returned line.
	 */
	@Transactional
	public void approve(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		orders.lock(exchange.orderId());
		if (!repository.move(exchangeId, ExchangeStatus.REQUESTED, ExchangeStatus.APPROVED, null, now())) {
			return;
		}
		for (Exchange.Line line : exchange.lines()) {
			orders.changeQuantities(exchange.orderId(), line.lineNumber(),
					new QuantityChange(0, 0, 0, line.quantity(), 0, 0), ACTOR,
					"Exchange: " + line.quantity() + " × " + line.sku() + " to come back");
		}
		Exchange.Replacement replacement = exchange.replacement();
		int scale = exchange.returnedValue().scale();
		BigDecimal net = replacement.unitPrice().multiply(BigDecimal.valueOf(replacement.quantity())).setScale(scale);
		BigDecimal tax = exchange.replacementValue().subtract(net);
		int lineNumber = orders.addExchangeLine(exchange.orderId(), exchangeId, replacement.sku(), replacement.name(),
				replacement.unitPrice(), replacement.taxRate(), net, tax, replacement.quantity(), ACTOR);
		repository.recordReplacementLine(exchangeId, lineNumber);
		BigDecimal room = exchange.replacementValue();
		for (Exchange.Line line : exchange.lines()) {
			BigDecimal[] part = share(line, line.paid().min(room));
			if (part[0].add(part[1]).signum() > 0) {
				pendingCredits.schedulePendingCredit(exchange.orderId(), new PendingCreditRequest(
						sourceKey(exchangeId, line.lineNumber()), "exchange: " + line.quantity() + " × " + line.sku()
								+ " of line " + line.lineNumber() + " sent back for line " + lineNumber,
						lineNumber, part[0], part[1], line.lineNumber(), line.quantity()));
				room = room.subtract(part[0].add(part[1]));
			}
		}
		orders.record(exchange.orderId(), TimelineType.EXCHANGE, ACTOR, "Exchange APPROVED: "
				+ Exchanges.describe(exchange) + "; the replacement is line " + lineNumber + ", reserved on "
				+ exchange.reserveOn());
	}

	/**
	 * {@code Task_ReserveReplacement}: the replacement's line is allocated through the usual routing into
	 * fulfillment orders of the order, which the FulfillmentOrder process ships, invoices and captures.
	 * @throws IllegalStateException when no location has all of it: retried, then an incident for an operator
	 */
	@Transactional
	public List<UUID> reserveReplacement(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		AllocationResult result = fulfillmentOrders.allocateLines(exchange.orderId(),
				Set.of(exchange.replacementLineNumber()), ACTOR);
		if (!result.backorderedByLineNumber().isEmpty()) {
			throw new IllegalStateException("No location has " + exchange.replacement().quantity() + " × "
					+ exchange.replacement().sku() + " for the exchange of order " + exchange.orderNumber()
					+ ": retry once stock has arrived");
		}
		if (result.fulfillmentOrderIds().isEmpty()) {
			// reserved by an earlier try: the fulfillment orders with its line that have not ended
			return fulfillmentOrders.ofOrder(exchange.orderId())
				.stream()
				.filter(fo -> fo.lines().stream().anyMatch(l -> l.lineNumber() == exchange.replacementLineNumber()))
				.filter(fo -> fo.status() == FulfillmentOrderStatus.CREATED)
				.map(FulfillmentOrder::id)
				.toList();
		}
		return result.fulfillmentOrderIds();
	}

	/**
	 * RETURN_RECEIVED: the returned units are back at {@code locationId}: returned on their lines and restocked
	 * there. @return false when the exchange is not waiting for them (not approved yet, or already received)
	 */
	@Transactional
	public boolean markReceived(UUID exchangeId, String locationId) {
		Exchange exchange = require(exchangeId);
		orders.lock(exchange.orderId());
		if (!repository.move(exchangeId, ExchangeStatus.APPROVED, ExchangeStatus.RECEIVED, null, now())) {
			return false;
		}
		repository.recordReceivedAt(exchangeId, locationId);
		for (Exchange.Line line : exchange.lines()) {
			orders.changeQuantities(exchange.orderId(), line.lineNumber(), new QuantityChange(0, 0, 0, 0, line.quantity(), 0),
					ACTOR, "Exchange: " + line.quantity() + " × " + line.sku() + " received at " + locationId);
			inventory.restock(locationId, line.sku(), line.quantity());
		}
		orders.record(exchange.orderId(), TimelineType.EXCHANGE, ACTOR, "Exchange RECEIVED at " + locationId
				+ ": the returned units are back and restocked");
		return true;
	}

	/**
	 * {@code Task_RefundExchangeDifference}: a replacement that costs less has the rest of the returned units'
	 * value credited and refunded (source {@code exchange:<id>:difference}, once); otherwise nothing.
	 */
	@Transactional(noRollbackFor = io.orderflow.payment.PaymentDeclinedException.class)
	public void refundDifference(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		if (exchange.difference().signum() >= 0) {
			return;
		}
		BigDecimal room = exchange.replacementValue();
		List<CreditMemoItem> items = new ArrayList<>();
		for (Exchange.Line line : exchange.lines()) {
			// the same split as at approval: what the pending credits took, the rest refunded
			BigDecimal taken = line.paid().min(room);
			room = room.subtract(taken);
			BigDecimal[] part = share(line, taken);
			BigDecimal net = line.paidNet().subtract(part[0]);
			BigDecimal tax = line.paidTax().subtract(part[1]);
			if (net.add(tax).signum() > 0) {
				items.add(new CreditMemoItem(line.lineNumber(), line.quantity(), net, tax));
			}
		}
		refunds.creditAndRefund(exchange.orderId(), new CreditMemoRequest("exchange:" + exchangeId + ":difference",
				"exchange of order " + exchange.orderNumber() + ": the replacement costs less than the units sent back",
				items, BigDecimal.ZERO, BigDecimal.ZERO));
	}

	/** {@code Task_CompleteExchange}: the returned units are back and the replacement delivered. */
	@Transactional
	public void complete(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		if (repository.move(exchangeId, ExchangeStatus.RECEIVED, ExchangeStatus.COMPLETED, null, now())) {
			orders.record(exchange.orderId(), TimelineType.EXCHANGE, ACTOR,
					"Exchange COMPLETED: the units are back and the replacement has been delivered");
		}
	}

	/** {@code exchange:<id>:line:<n>}: the pending credit of one returned line. */
	static String sourceKey(UUID exchangeId, int lineNumber) {
		return "exchange:" + exchangeId + ":line:" + lineNumber;
	}

	/** {@code amount} of what the line's units were paid for, split into net and tax in their proportion. */
	private static BigDecimal[] share(Exchange.Line line, BigDecimal amount) {
		int scale = line.paidNet().scale();
		BigDecimal value = line.paid();
		if (value.signum() == 0 || amount.signum() <= 0) {
			return new BigDecimal[] { BigDecimal.ZERO.setScale(scale), BigDecimal.ZERO.setScale(scale) };
		}
		BigDecimal tax = amount.compareTo(value) == 0 ? line.paidTax()
				: line.paidTax().multiply(amount).divide(value, scale, RoundingMode.HALF_UP);
		return new BigDecimal[] { amount.subtract(tax), tax };
	}

	private Exchange require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No exchange " + id));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
