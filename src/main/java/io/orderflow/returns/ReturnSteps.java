package io.orderflow.returns;

import static io.orderflow.platform.Text.blankToNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Product;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Notifications.Fact;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TaskDecisions;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of a return's process ({@code OrderReturn}): eligibility, rejection or approval, expiry, the goods
 * received and inspected, restock and refund. Each reads the return order and changes it, once: a repeated step
 * changes nothing. {@link Returns} takes requests and answers reads.
 */
@Service
class ReturnSteps {

	private final Notifications notifications;

	private final ReturnRepository repository;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final Inventory inventory;

	private final ObjectProvider<ReturnCredit> credit;

	private final DecisionService decisions;

	private final RefundFees refundFees;

	private final TransactionTemplate transaction;

	private final TaskDecisions taskDecisions;

	private final Clock clock;

	private final OrderEvents events;

	ReturnSteps(ReturnRepository repository, Orders orders, FulfillmentOrders fulfillmentOrders, Inventory inventory,
			ObjectProvider<ReturnCredit> credit, DecisionService decisions, RefundFees refundFees,
			PlatformTransactionManager transactionManager, TaskDecisions taskDecisions, Clock clock,
			OrderEvents events, Notifications notifications) {
		this.repository = repository;
		this.notifications = notifications;
		this.events = events;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.inventory = inventory;
		this.credit = credit;
		this.decisions = decisions;
		this.refundFees = refundFees;
		this.transaction = new TransactionTemplate(transactionManager);
		this.taskDecisions = taskDecisions;
		this.clock = clock;
	}

	/** What the eligibility policy decided, and the return in words for the forms. */
	public record Assessment(boolean eligible, String reason, String request) {
	}

	/**
	 * {@code Task_CheckReturnEligibility}: asks {@code ReturnEligibility} about every line (its SKU and whether the
	 * catalog lets it be returned, whether and how long ago it was delivered, the reason); one ineligible line makes
	 * the return ineligible.
	 */
	@Transactional
	public Assessment assessEligibility(UUID returnId) {
		ReturnOrder ret = require(returnId);
		Order order = orders.find(ret.orderId()).orElseThrow();
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
		List<String> refusals = new ArrayList<>();
		for (ReturnOrder.Line line : ret.lines()) {
			OffsetDateTime delivered = fos.stream()
				.filter(fo -> fo.status() == FulfillmentOrderStatus.DELIVERED && fo.deliveredAt() != null)
				.filter(fo -> fo.lines().stream().anyMatch(l -> l.lineNumber() == line.lineNumber()))
				.map(FulfillmentOrder::deliveredAt)
				.max(Comparator.naturalOrder())
				.orElse(null);
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("sku", line.sku());
			// a SKU the catalog does not know: returnable, the policy decides
			facts.put("returnable", inventory.product(line.sku()).map(Product::returnable).orElse(true));
			facts.put("delivered", delivered != null);
			facts.put("daysSinceDelivery",
					delivered == null ? 0 : (int) Duration.between(delivered, now()).toDays());
			facts.put("reason", line.reason().name());
			DmnDecisionRuleResult result = decisions
				.evaluateDecisionTableByKey(OrderProcess.ReturnProcess.ELIGIBILITY_DECISION, facts)
				.getSingleResult();
			if (!Boolean.TRUE.equals(result.getEntry("eligible"))) {
				refusals.add("line " + line.lineNumber() + " (" + line.sku() + "): " + result.getEntry("reason"));
			}
		}
		boolean eligible = refusals.isEmpty();
		String reason = eligible ? "Every line is within the return policy" : String.join("; ", refusals);
		orders.record(order.id(), TimelineType_DECISION, "system:return-policy",
				(eligible ? "Return " + ret.rmaNumber() + " is eligible: " : "Return " + ret.rmaNumber()
						+ " is not eligible: ") + reason);
		return new Assessment(eligible, reason, Returns.describe(ret));
	}

	private static final String TimelineType_DECISION = io.orderflow.order.TimelineType.DECISION;

	/** {@code Task_RejectReturn}: ineligible, or refused by a service agent; nothing is returned. */
	@Transactional
	public void reject(UUID returnId, String reason) {
		ReturnOrder ret = require(returnId);
		if (repository.transition(returnId, ReturnStatus.REQUESTED, ReturnStatus.REJECTED, blankToNull(reason), now())) {
			orders.record(ret.orderId(), Returns.TIMELINE_TYPE, Returns.ACTOR, "Return " + ret.rmaNumber() + " REJECTED"
					+ (blankToNull(reason) == null ? "" : ": " + reason.strip()));
			published(EventType.RETURN_REJECTED, returnId);
		}
	}

	/**
	 * {@code Task_ApproveReturn}: the units are spoken for ({@code returnInitiated}); the goods are awaited. Only
	 * once "Review return" was completed with APPROVE, as the engine recorded it, whatever the process
	 * variables say; a repeat (no longer REQUESTED) changes nothing.
	 * @throws StateConflictException when no service agent approved the return; nothing changes
	 */
	@Transactional
	public void approve(UUID returnId, String note) {
		ReturnOrder ret = require(returnId);
		if (ret.status() == ReturnStatus.REQUESTED && taskDecisions
			.approval(ret.processInstanceId(), OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN)
			.isEmpty()) {
			throw new StateConflictException("Return " + ret.rmaNumber()
					+ " is not approved: no service agent approved it on \"Review return\"");
		}
		orders.lock(ret.orderId());
		if (!repository.transition(returnId, ReturnStatus.REQUESTED, ReturnStatus.APPROVED, null, now())) {
			return;
		}
		if (blankToNull(note) != null) {
			repository.setDecisionNote(returnId, note.strip());
		}
		for (ReturnOrder.Line line : ret.lines()) {
			orders.changeQuantities(ret.orderId(), line.lineNumber(),
					new QuantityChange(0, 0, 0, line.quantity(), 0, 0), Returns.ACTOR,
					"Return " + ret.rmaNumber() + " approved: " + line.quantity() + " unit(s) to come back");
		}
		orders.record(ret.orderId(), Returns.TIMELINE_TYPE, Returns.ACTOR, "Return " + ret.rmaNumber()
				+ " APPROVED; waiting for the goods" + (ret.locationId() == null ? "" : " at " + ret.locationId()));
		published(EventType.RETURN_APPROVED, returnId);
		notifications.notifyCustomer(ret.orderId(), CustomerMessage.RETURN_APPROVED,
				"Return number " + ret.rmaNumber() + ": please send the items back with this number"
						+ (ret.locationId() == null ? "" : " to " + ret.locationId()),
				ret.locationId() == null ? Map.of(Fact.RMA_NUMBER, ret.rmaNumber())
						: Map.of(Fact.RMA_NUMBER, ret.rmaNumber(), Fact.LOCATION, ret.locationId()));
	}

	/** {@code Task_ExpireReturn}: the goods never came; the units are no longer spoken for. */
	@Transactional
	public void expire(UUID returnId) {
		ReturnOrder ret = require(returnId);
		orders.lock(ret.orderId());
		if (!repository.transition(returnId, ReturnStatus.APPROVED, ReturnStatus.CLOSED,
				"expired: the goods did not arrive in time", now())) {
			return;
		}
		for (ReturnOrder.Line line : ret.lines()) {
			orders.changeQuantities(ret.orderId(), line.lineNumber(),
					new QuantityChange(0, 0, 0, -line.quantity(), 0, 0), Returns.ACTOR,
					"Return " + ret.rmaNumber() + " expired: " + line.quantity() + " unit(s) released");
		}
		orders.record(ret.orderId(), Returns.TIMELINE_TYPE, Returns.ACTOR,
				"Return " + ret.rmaNumber() + " CLOSED: expired, the goods did not arrive in time");
		published(EventType.RETURN_CLOSED, returnId);
	}

	/** The data of the return events: the return as it is after the step. */
	record ReturnEvent(UUID returnId, String rmaNumber, ReturnStatus status, String locationId, String statusReason,
			String decisionNote, String creditMemoNumber, BigDecimal refundAmount, BigDecimal feeAmount, String currency,
			List<ReturnOrder.Line> lines) {
	}

	private void published(EventType type, UUID returnId) {
		ReturnOrder ret = require(returnId);
		events.publish(ret.orderId(), type,
				new ReturnEvent(ret.id(), ret.rmaNumber(), ret.status(), ret.locationId(), ret.statusReason(),
						ret.decisionNote(), ret.creditMemoNumber(), ret.refundAmount(), ret.feeAmount(), ret.currency(),
						ret.lines()));
	}

	/** One line of a receipt: units received and, when known, how many are resellable and damaged. */
	public record Received(int lineNumber, int quantity, Integer resellable, Integer damaged) {
	}

	/**
	 * The goods arrived (RETURN_RECEIVED): APPROVED → RECEIVED, {@code returned} up by what came, units that
	 * did not come released from {@code returnInitiated}. Called under the event's transaction.
	 * @return false when the return was not APPROVED (nothing changed)
	 */
	@Transactional
	public boolean markReceived(UUID returnId, List<Received> received) {
		ReturnOrder ret = require(returnId);
		orders.lock(ret.orderId());
		if (!repository.transition(returnId, ReturnStatus.APPROVED, ReturnStatus.RECEIVED, null, now())) {
			return false;
		}
		Map<Integer, Received> byLine = received.stream()
			.collect(Collectors.toMap(Received::lineNumber, r -> r, (a, b) -> a, TreeMap::new));
		List<String> parts = new ArrayList<>();
		for (ReturnOrder.Line line : ret.lines()) {
			Received got = byLine.getOrDefault(line.lineNumber(),
					received.isEmpty() ? new Received(line.lineNumber(), line.quantity(), null, null)
							: new Received(line.lineNumber(), 0, 0, 0));
			repository.recordReceived(returnId, line.lineNumber(), got.quantity(), got.resellable(), got.damaged());
			int missing = line.quantity() - got.quantity();
			orders.changeQuantities(ret.orderId(), line.lineNumber(),
					new QuantityChange(0, 0, 0, -missing, got.quantity(), 0), Returns.ACTOR,
					"Return " + ret.rmaNumber() + ": " + got.quantity() + " of " + line.quantity() + " unit(s) received");
			parts.add("line " + line.lineNumber() + ": " + got.quantity() + " of " + line.quantity()
					+ (got.resellable() == null ? "" : " (" + got.resellable() + " resellable, " + got.damaged() + " damaged)"));
		}
		orders.record(ret.orderId(), Returns.TIMELINE_TYPE, Returns.ACTOR, "Return " + ret.rmaNumber() + " RECEIVED: " + String.join(", ", parts));
		published(EventType.RETURN_RECEIVED, returnId);
		return true;
	}

	/** Whether every received unit's condition is known (else the warehouse inspects them). */
	@Transactional(readOnly = true)
	public boolean conditionKnown(UUID returnId) {
		return require(returnId).lines().stream().allMatch(ReturnOrder.Line::conditionKnown);
	}

	/**
	 * {@code UserTask_InspectReturn} completed: the damaged units per line, {@code "lineNumber:count, ..."}
	 * (empty: every received unit is resellable), on the timeline as the inspector's finding.
	 * @throws InvalidRequestException naming the field when the text cannot be read or exceeds what was received
	 */
	@Transactional
	public void recordInspection(UUID returnId, String damagedUnits, String inspectedBy) {
		ReturnOrder ret = require(returnId);
		Map<Integer, Integer> damaged = Returns.parseLineCounts(ReturnProcess.Variables.DAMAGED_UNITS, damagedUnits);
		List<FieldViolation> violations = new ArrayList<>();
		Map<Integer, ReturnOrder.Line> lines = ret.lines()
			.stream()
			.collect(Collectors.toMap(ReturnOrder.Line::lineNumber, l -> l));
		damaged.forEach((lineNumber, count) -> {
			ReturnOrder.Line line = lines.get(lineNumber);
			if (line == null) {
				violations.add(new FieldViolation(ReturnProcess.Variables.DAMAGED_UNITS, "the return has no line " + lineNumber));
			}
			else if (count > (line.received() == null ? 0 : line.received())) {
				violations.add(new FieldViolation(ReturnProcess.Variables.DAMAGED_UNITS, "line " + lineNumber + ": only "
						+ line.received() + " unit(s) were received, not " + count + " damaged"));
			}
		});
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		for (ReturnOrder.Line line : ret.lines()) {
			int received = line.received() == null ? 0 : line.received();
			int bad = damaged.getOrDefault(line.lineNumber(), 0);
			repository.recordCondition(returnId, line.lineNumber(), received - bad, bad);
		}
		orders.record(ret.orderId(), Returns.TIMELINE_TYPE, inspectedBy == null ? Returns.ACTOR : inspectedBy,
				"Return " + ret.rmaNumber() + " inspected: " + (damaged.isEmpty() ? "every unit resellable" : "damaged " + Returns.describeCounts(damaged)));
	}

	/** {@code Task_RestockReturn}: resellable units back into stock at the return's location, once per line. */
	@Transactional
	public void restock(UUID returnId) {
		ReturnOrder ret = require(returnId);
		if (ret.locationId() == null) {
			return;
		}
		for (ReturnOrder.Line line : ret.lines()) {
			int resellable = line.resellable() == null ? 0 : line.resellable();
			if (resellable > 0 && repository.markRestocked(returnId, line.lineNumber(), resellable)) {
				inventory.restock(ret.locationId(), line.sku(), resellable);
				orders.record(ret.orderId(), Returns.TIMELINE_TYPE, Returns.ACTOR, "Return " + ret.rmaNumber() + ": " + resellable
						+ " × " + line.sku() + " back in stock at " + ret.locationId());
			}
		}
	}

	/**
	 * {@code Task_RefundReturn}: credits the received units, less the fees {@code RefundFee} sets per line and
	 * condition, and refunds the credit memo (key {@code return:<id>}: a retry refunds nothing twice).
	 */
	public ReturnOrder refund(UUID returnId) {
		ReturnOrder ret = require(returnId);
		if (ret.status() != ReturnStatus.RECEIVED) {
			return ret;
		}
		ReturnCredit credit = this.credit.getIfAvailable();
		if (credit == null) {
			// PaymentsReturnCredit needs the payment stage's credit memos (Payments.creditAndRefund)
			throw new IllegalStateException("No credit memos available to refund return " + ret.rmaNumber());
		}
		List<ReturnCredit.Units> units = new ArrayList<>();
		BigDecimal fee = BigDecimal.ZERO;
		List<String> fees = new ArrayList<>();
		for (ReturnOrder.Line line : ret.lines()) {
			int resellable = line.resellable() == null ? 0 : line.resellable();
			int damaged = line.damaged() == null ? 0 : line.damaged();
			if (resellable + damaged == 0) {
				continue;
			}
			units.add(new ReturnCredit.Units(line.lineNumber(), resellable + damaged));
			for (Map.Entry<String, Integer> condition : Map.of(RefundFees.RESELLABLE, resellable, RefundFees.DAMAGED,
					damaged).entrySet()) {
				if (condition.getValue() == 0) {
					continue;
				}
				RefundFees.Fee rule = refundFees.of(condition.getKey(), line.reason());
				if (rule.rate().signum() > 0) {
					BigDecimal lineFee = rule.of(credit.unitsPaid(ret.orderId(), line.lineNumber(), condition.getValue()));
					fee = fee.add(lineFee);
					fees.add("line " + line.lineNumber() + ": " + lineFee.toPlainString() + " (" + rule.reason() + ")");
				}
			}
		}
		String memo = null;
		BigDecimal total = BigDecimal.ZERO;
		if (!units.isEmpty()) {
			ReturnCredit.Refunded refunded = credit.creditAndRefund(ret.orderId(), "return:" + returnId,
					"Return " + ret.rmaNumber(), units, fee);
			memo = refunded.creditMemoNumber();
			total = refunded.total();
		}
		BigDecimal feeTotal = fee;
		String memoNumber = memo;
		BigDecimal refundTotal = total;
		transaction.executeWithoutResult(tx -> {
			if (repository.markRefunded(returnId, memoNumber, refundTotal, feeTotal, now())) {
				Order order = orders.find(ret.orderId()).orElseThrow();
				orders.record(ret.orderId(), Returns.TIMELINE_TYPE, Returns.ACTOR, "Return " + ret.rmaNumber() + " REFUNDED: "
						+ refundTotal.toPlainString() + " " + order.currency()
						+ (memoNumber == null ? "" : " (credit memo " + memoNumber + ")")
						+ (fees.isEmpty() ? "" : ", fees kept: " + String.join("; ", fees)));
				published(EventType.RETURN_REFUNDED, returnId);
				notifications.notifyCustomer(ret.orderId(), CustomerMessage.REFUNDED,
						refundTotal.toPlainString() + " " + order.currency() + " for return " + ret.rmaNumber()
								+ ", to your payment method",
						Map.of(Fact.AMOUNT, refundTotal.toPlainString(), Fact.CURRENCY, order.currency(),
								Fact.RMA_NUMBER, ret.rmaNumber()));
			}
		});
		return require(returnId);
	}

	ReturnOrder require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No return order " + id));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
