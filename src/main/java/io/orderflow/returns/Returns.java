package io.orderflow.returns;

import static io.orderflow.platform.Text.blankToNull;

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
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.capture.IdempotencyKeyMismatchException;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.inventory.Inventory;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TaskDecisions;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.AvailableUnits;
import io.orderflow.service.IdempotentRequests;
import io.orderflow.service.LineRequests;
import io.orderflow.service.RepeatedStart;
import io.orderflow.service.StartFormChecks;
import io.orderflow.service.UnknownOrderException;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns of shipped units (RMA): requested over REST or from Tasklist (validated, idempotent, stored with
 * their {@code OrderReturn} process), checked by the policy {@code bpmn/return-eligibility.dmn}, reviewed by a
 * service agent, received (with the units' condition, or inspected by the warehouse), resellable units
 * restocked and a credit memo refunded, less the fees of {@code bpmn/refund-fee.dmn}.
 * <p>
 * Quantities: {@code returnInitiated} of a line goes up when a return is approved and down again for units
 * that never come (expired, or fewer received); {@code returned} goes up by what was received. What a new
 * return may ask for is {@code availableToReturn} minus what REQUESTED returns already ask for.
 */
@Service
public class Returns {

	static final String OPERATION_REQUEST = "POST /api/orders/{id}/returns";

	static final String TIMELINE_TYPE = "RETURN";

	static final int MAX_NOTE = 500;

	static final int MAX_LINES = 100;

	private static final String ACTOR = "system:return";

	private final ReturnRepository repository;

	private final AvailableUnits availableUnits;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final Inventory inventory;

	private final ObjectProvider<ReturnCredit> credit;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final DecisionService decisions;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final TaskDecisions taskDecisions;

	Returns(ReturnRepository repository, AvailableUnits availableUnits, Orders orders,
			FulfillmentOrders fulfillmentOrders, Inventory inventory, ObjectProvider<ReturnCredit> credit,
			IdempotentRequests idempotency, RuntimeService runtime, DecisionService decisions,
			PlatformTransactionManager transactionManager, Clock clock, TaskDecisions taskDecisions) {
		this.repository = repository;
		this.taskDecisions = taskDecisions;
		this.availableUnits = availableUnits;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.inventory = inventory;
		this.credit = credit;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.decisions = decisions;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** What the REST endpoint answers: the return, and whether it is a replay of an earlier request. */
	public record Requested(ReturnOrder returnOrder, boolean replay) {
	}

	/**
	 * Stores a return order and starts its {@code OrderReturn} process (business key: the order number) in one
	 * transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field, or a line asking for more than it has
	 * available to return; nothing is stored
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public Requested request(UUID orderId, ReturnRequest request, String idempotencyKey, String principal) {
		Order order = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		List<ReturnRepository.NewLine> lines = validate(order, request);
		IdempotentRequests.Outcome<ReturnOrder> outcome = idempotency.once(OPERATION_REQUEST, principal, idempotencyKey,
				orderId, request, repository::find, ReturnOrder::id,
				() -> create(orderId, lines, request.note(), principal, null));
		return new Requested(outcome.resource(), outcome.replay());
	}

	/**
	 * {@code Task_RegisterReturn} for a return started in Tasklist (start form): the same validation and
	 * storage as {@link #request}, attached to the running instance instead of starting one. Runs in the
	 * engine's transaction, which a refusal rolls back (the start with it).
	 * @throws InvalidRequestException naming every invalid field; nothing is stored
	 */
	public ReturnOrder registerFromProcess(String orderNumber, ReturnRequest request, String principal,
			String processInstanceId) {
		List<FieldViolation> unknown = new ArrayList<>();
		Order order = StartFormChecks.order(orders, orderNumber, Variables.RETURN_FORM_ORDER_NUMBER, unknown);
		if (order == null) {
			throw new InvalidRequestException(unknown);
		}
		List<ReturnRepository.NewLine> lines = validate(order, request);
		orders.lock(order.id());
		RepeatedStart.refuse("return", Variables.RETURN_FORM_ORDER_NUMBER, repository.ofOrder(order.id()),
				ReturnOrder::requestedBy, ReturnOrder::createdAt, earlier -> earlier.lines()
					.stream()
					.map(line -> line.lineNumber() + ":" + line.quantity() + ":" + line.reason())
					.collect(Collectors.toSet())
					.equals(lines.stream()
						.map(line -> line.lineNumber() + ":" + line.quantity() + ":" + line.reason())
						.collect(Collectors.toSet())),
				principal, now());
		return create(order.id(), lines, request.note(), principal, processInstanceId);
	}

	private ReturnOrder create(UUID orderId, List<ReturnRepository.NewLine> lines, String note, String principal,
			String processInstanceId) {
		orders.lock(orderId);
		Order order = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		Map<Integer, Integer> available = availableUnits.toReturnOrReship(order);
		List<FieldViolation> violations = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			ReturnRepository.NewLine line = lines.get(i);
			int free = available.getOrDefault(line.lineNumber(), 0);
			if (line.quantity() > free) {
				violations.add(new FieldViolation("lines[" + i + "].quantity",
						"line " + line.lineNumber() + " has only " + free + " unit(s) available to return, not "
								+ line.quantity() + " (not shipped, already returned, in another return or reshipped)"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		UUID id = UUID.randomUUID();
		String rma = "RMA-" + order.orderNumber() + "-" + (repository.countOfOrder(orderId) + 1);
		String location = returnLocation(order, lines.get(0).lineNumber());
		repository.insert(id, orderId, rma, principal, location, blankToNull(note), lines, now());
		orders.record(orderId, TIMELINE_TYPE, principal, "Return " + rma + " requested: " + describe(order, lines));
		if (processInstanceId == null) {
			processInstanceId = runtime.createProcessInstanceByKey(OrderProcess.RETURN_PROCESS_KEY)
				.businessKey(order.orderNumber())
				.setVariable(Variables.ORDER_ID, orderId.toString())
				.setVariable(Variables.ORDER_NUMBER, order.orderNumber())
				.setVariable(Variables.RETURN_ORDER_ID, id.toString())
				.setVariable(Variables.RMA_NUMBER, rma)
				.execute()
				.getId();
		}
		repository.updateProcessInstance(id, processInstanceId);
		return repository.find(id).orElseThrow();
	}

	/** The location that shipped the line most recently: where its units come back to. */
	private String returnLocation(Order order, int lineNumber) {
		return fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(fo -> fo.shippedAt() != null)
			.filter(fo -> fo.lines().stream().anyMatch(l -> l.lineNumber() == lineNumber))
			.max(Comparator.comparing(FulfillmentOrder::shippedAt))
			.map(FulfillmentOrder::locationId)
			.orElse(null);
	}

	/** The rules that need no lock: every broken one named by its JSON path. */
	private static List<ReturnRepository.NewLine> validate(Order order, ReturnRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		List<ReturnRepository.NewLine> lines = new ArrayList<>();
		if (request.note() != null && request.note().strip().length() > MAX_NOTE) {
			violations.add(new FieldViolation("note", "must be at most " + MAX_NOTE + " characters"));
		}
		for (ReturnRequest.Line line : LineRequests.check(request.lines(), order, MAX_LINES,
				"name at least one line to return", violations, (at, line, found) -> {
					if (reason(line.reason()) != null) {
						return true;
					}
					found.add(new FieldViolation(at + ".reason",
							(line.reason() == null || line.reason().isBlank() ? "is required" : "is not a reason")
									+ "; one of " + java.util.Arrays.toString(ReturnReason.values())));
					return false;
				})) {
			lines.add(new ReturnRepository.NewLine(line.lineNumber(), line.quantity(), reason(line.reason())));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return lines;
	}

	private static ReturnReason reason(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return ReturnReason.valueOf(text.strip());
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	// --- the process ---------------------------------------------------------------------------

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
			facts.put("returnable", repository.returnable(line.sku()));
			facts.put("delivered", delivered != null);
			facts.put("daysSinceDelivery",
					delivered == null ? 0 : (int) Duration.between(delivered, now()).toDays());
			facts.put("reason", line.reason().name());
			DmnDecisionRuleResult result = decisions
				.evaluateDecisionTableByKey(OrderProcess.RETURN_ELIGIBILITY_DECISION, facts)
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
		return new Assessment(eligible, reason, describe(ret));
	}

	private static final String TimelineType_DECISION = io.orderflow.order.TimelineType.DECISION;

	/** {@code Task_RejectReturn}: ineligible, or refused by a service agent; nothing is returned. */
	@Transactional
	public void reject(UUID returnId, String reason) {
		ReturnOrder ret = require(returnId);
		if (repository.transition(returnId, ReturnStatus.REQUESTED, ReturnStatus.REJECTED, blankToNull(reason), now())) {
			orders.record(ret.orderId(), TIMELINE_TYPE, ACTOR, "Return " + ret.rmaNumber() + " REJECTED"
					+ (blankToNull(reason) == null ? "" : ": " + reason.strip()));
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
			.approval(ret.processInstanceId(), OrderProcess.Elements.USER_TASK_REVIEW_RETURN)
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
					new QuantityChange(0, 0, 0, line.quantity(), 0, 0), ACTOR,
					"Return " + ret.rmaNumber() + " approved: " + line.quantity() + " unit(s) to come back");
		}
		orders.record(ret.orderId(), TIMELINE_TYPE, ACTOR, "Return " + ret.rmaNumber()
				+ " APPROVED; waiting for the goods" + (ret.locationId() == null ? "" : " at " + ret.locationId()));
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
					new QuantityChange(0, 0, 0, -line.quantity(), 0, 0), ACTOR,
					"Return " + ret.rmaNumber() + " expired: " + line.quantity() + " unit(s) released");
		}
		orders.record(ret.orderId(), TIMELINE_TYPE, ACTOR,
				"Return " + ret.rmaNumber() + " CLOSED: expired, the goods did not arrive in time");
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
					new QuantityChange(0, 0, 0, -missing, got.quantity(), 0), ACTOR,
					"Return " + ret.rmaNumber() + ": " + got.quantity() + " of " + line.quantity() + " unit(s) received");
			parts.add("line " + line.lineNumber() + ": " + got.quantity() + " of " + line.quantity()
					+ (got.resellable() == null ? "" : " (" + got.resellable() + " resellable, " + got.damaged() + " damaged)"));
		}
		orders.record(ret.orderId(), TIMELINE_TYPE, ACTOR, "Return " + ret.rmaNumber() + " RECEIVED: " + String.join(", ", parts));
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
		Map<Integer, Integer> damaged = parseLineCounts(Variables.DAMAGED_UNITS, damagedUnits);
		List<FieldViolation> violations = new ArrayList<>();
		Map<Integer, ReturnOrder.Line> lines = ret.lines()
			.stream()
			.collect(Collectors.toMap(ReturnOrder.Line::lineNumber, l -> l));
		damaged.forEach((lineNumber, count) -> {
			ReturnOrder.Line line = lines.get(lineNumber);
			if (line == null) {
				violations.add(new FieldViolation(Variables.DAMAGED_UNITS, "the return has no line " + lineNumber));
			}
			else if (count > (line.received() == null ? 0 : line.received())) {
				violations.add(new FieldViolation(Variables.DAMAGED_UNITS, "line " + lineNumber + ": only "
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
		orders.record(ret.orderId(), TIMELINE_TYPE, inspectedBy == null ? ACTOR : inspectedBy,
				"Return " + ret.rmaNumber() + " inspected: " + (damaged.isEmpty() ? "every unit resellable" : "damaged " + describeCounts(damaged)));
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
				orders.record(ret.orderId(), TIMELINE_TYPE, ACTOR, "Return " + ret.rmaNumber() + ": " + resellable
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
			for (Map.Entry<String, Integer> condition : Map.of("RESELLABLE", resellable, "DAMAGED", damaged).entrySet()) {
				if (condition.getValue() == 0) {
					continue;
				}
				Map<String, Object> facts = Map.of("condition", condition.getKey(), "reason", line.reason().name());
				DmnDecisionRuleResult result = decisions
					.evaluateDecisionTableByKey(OrderProcess.REFUND_FEE_DECISION, facts)
					.getSingleResult();
				BigDecimal rate = BigDecimal.valueOf(((Number) result.getEntry("feeRate")).doubleValue());
				if (rate.signum() > 0) {
					BigDecimal value = credit.unitsPaid(ret.orderId(), line.lineNumber(), condition.getValue());
					BigDecimal lineFee = value.multiply(rate).setScale(value.scale(), RoundingMode.HALF_UP);
					fee = fee.add(lineFee);
					fees.add("line " + line.lineNumber() + ": " + lineFee.toPlainString() + " ("
							+ result.getEntry("reason") + ")");
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
				orders.record(ret.orderId(), TIMELINE_TYPE, ACTOR, "Return " + ret.rmaNumber() + " REFUNDED: "
						+ refundTotal.toPlainString() + " " + order.currency()
						+ (memoNumber == null ? "" : " (credit memo " + memoNumber + ")")
						+ (fees.isEmpty() ? "" : ", fees kept: " + String.join("; ", fees)));
			}
		});
		return require(returnId);
	}

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<ReturnOrder> find(UUID id) {
		return repository.find(id);
	}

	/** The order's returns, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<ReturnOrder> ofOrder(UUID orderId) {
		orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		return repository.ofOrder(orderId);
	}

	// --- helpers -------------------------------------------------------------------------------

	/**
	 * Reads {@code "lineNumber:count, ..."} (the forms' way to name counts per line).
	 * @throws InvalidRequestException naming {@code field} when it cannot be read
	 */
	static Map<Integer, Integer> parseLineCounts(String field, String text) {
		Map<Integer, Integer> counts = new TreeMap<>();
		if (text == null || text.isBlank()) {
			return counts;
		}
		for (String part : text.split("[,;\\n]")) {
			if (part.isBlank()) {
				continue;
			}
			String[] pair = part.strip().split("\\s*[:x×]\\s*");
			try {
				if (pair.length != 2) {
					throw new NumberFormatException(part);
				}
				int line = Integer.parseInt(pair[0].strip());
				int count = Integer.parseInt(pair[1].strip());
				if (count < 0 || counts.putIfAbsent(line, count) != null) {
					throw new NumberFormatException(part);
				}
			}
			catch (NumberFormatException unreadable) {
				throw new InvalidRequestException(List.of(new FieldViolation(field, "\"" + part.strip()
						+ "\" is not \"line number:count\" (e.g. \"1:2, 3:1\"), or names a line twice")));
			}
		}
		return counts;
	}

	ReturnOrder require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No return order " + id));
	}

	private static String describe(Order order, List<ReturnRepository.NewLine> lines) {
		return lines.stream()
			.map(l -> "line " + l.lineNumber() + ": " + l.quantity() + " × " + order.lines()
				.stream()
				.filter(ol -> ol.lineNumber() == l.lineNumber())
				.findFirst()
				.map(OrderLine::sku)
				.orElse("?") + " (" + l.reason() + ")")
			.collect(Collectors.joining(", "));
	}

	static String describe(ReturnOrder ret) {
		return ret.rmaNumber() + "\n" + ret.lines()
			.stream()
			.map(l -> "line " + l.lineNumber() + ": " + l.quantity() + " × " + l.sku() + ", reason " + l.reason())
			.collect(Collectors.joining("\n")) + "\nRequested by " + ret.requestedBy()
				+ (ret.note() == null ? "" : "\nNote: " + ret.note());
	}

	private static String describeCounts(Map<Integer, Integer> counts) {
		return counts.entrySet()
			.stream()
			.map(e -> "line " + e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining(", "));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
