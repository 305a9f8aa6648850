package io.orderflow.cancellation;

import static io.orderflow.platform.Text.blankToNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderLine;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.OrderProgress;
import io.orderflow.fulfillment.UnitCancellations;
import io.orderflow.fulfillment.UnitCancellations.UnitsCanceled;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Orders;
import io.orderflow.order.TaskDecisions;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.LineRequests;
import io.orderflow.service.RepeatedStart;
import io.orderflow.service.StartFormChecks;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancellations of orders: requested over REST (validated, idempotent, stored together with their
 * {@code OrderCancellation} process instance), decided by the policy {@code bpmn/cancellation-approval.dmn}
 * or a service agent, and carried out: unallocated units canceled, units at locations taken off their
 * fulfillment orders (shipped ones stay shipped), the payment authorization reduced or voided. An order still in
 * Capture is canceled too ({@link CaptureCancellations}); only a rejected one is not.
 */
@Service
public class Cancellations {

	static final String OPERATION_REQUEST = "POST /api/orders/{id}/cancellations";

	static final int MAX_REASON = 500;

	static final int MAX_LINES = 100;

	/**
	 * Orders refused in Capture cannot be canceled: there is nothing to cancel. Orders still in Capture can
	 * ({@link CaptureCancellations}).
	 */
	private static final Set<OrderStatus> NOT_CANCELABLE = Set.of(OrderStatus.REJECTED);

	private final Notifications notifications;

	private final CancellationRepository repository;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final UnitCancellations unitCancellations;

	private final OrderProgress progress;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final DecisionService decisions;

	private final Clock clock;

	private final TaskDecisions taskDecisions;

	private final OrderEvents events;

	private final CaptureCancellations captureCancellations;

	Cancellations(CancellationRepository repository, Orders orders, FulfillmentOrders fulfillmentOrders,
			UnitCancellations unitCancellations,
			OrderProgress progress, IdempotentRequests idempotency, RuntimeService runtime, DecisionService decisions,
			Clock clock, TaskDecisions taskDecisions, OrderEvents events, Notifications notifications,
			CaptureCancellations captureCancellations) {
		this.repository = repository;
		this.captureCancellations = captureCancellations;
		this.notifications = notifications;
		this.events = events;
		this.taskDecisions = taskDecisions;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.unitCancellations = unitCancellations;
		this.progress = progress;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.decisions = decisions;
		this.clock = clock;
	}

	/**
	 * Stores a cancellation and starts its {@code OrderCancellation} process (business key: the order
	 * number) in one transaction. Each requested line may ask for at most what has neither shipped nor
	 * been canceled, minus what other open cancellations of the order ask for; {@code wholeOrder} asks for
	 * exactly that on every line.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field; nothing is stored
	 * @throws CancellationNotPossibleException when the order was rejected
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public IdempotentRequests.Outcome<Cancellation> request(UUID orderId, CancellationRequest request, String idempotencyKey, String principal) {
		Order order = orders.require(orderId);
		validate(order, request);
		return idempotency.accepted(OPERATION_REQUEST, principal, idempotencyKey,
				orderId, request, repository::find, Cancellation::id, () -> {
					// checked after the look-up for a replay, as before: a replay is answered even if the order moved on
					if (NOT_CANCELABLE.contains(order.status())) {
						throw new CancellationNotPossibleException(notCancelable(order));
					}
					return create(orderId, request, null, principal, null);
				});
	}

	/**
	 * {@code Task_RegisterCancellation} for a cancellation started in Tasklist (start form): the same validation
	 * and storage as {@link #request}, attached to the running instance instead of starting one, and the
	 * agent's note on the timeline. Runs in the engine's transaction, which a refusal rolls back (the start with it).
	 * @param orderNumberField the name of the order number in the violations
	 * @throws InvalidRequestException naming every invalid field (an unknown order, or one that cannot be
	 * canceled, under {@code orderNumberField}; a note longer than {@value #MAX_REASON} under {@code note});
	 * nothing is stored
	 */
	public Cancellation registerFromProcess(String orderNumber, String orderNumberField, CancellationRequest request,
			String note, String principal, String processInstanceId) {
		List<FieldViolation> violations = new ArrayList<>();
		Order order = StartFormChecks.order(orders, orderNumber, orderNumberField, violations);
		if (order != null && NOT_CANCELABLE.contains(order.status())) {
			violations.add(new FieldViolation(orderNumberField, notCancelable(order)));
		}
		StartFormChecks.note(note, "note", MAX_REASON, violations);
		StartFormChecks.validate(() -> validate(order, request), violations);
		orders.lock(order.id());
		RepeatedStart.refuse("cancellation", orderNumberField, repository.ofOrder(order.id()), Cancellation::requestedBy,
				Cancellation::createdAt, earlier -> sameRequest(earlier, request), principal, now());
		return create(order.id(), request, note, principal, processInstanceId);
	}

	/** Whether a stored cancellation asks for what {@code request} asks for (lines, or the whole order, and why). */
	private static boolean sameRequest(Cancellation earlier, CancellationRequest request) {
		boolean wholeOrder = Boolean.TRUE.equals(request.wholeOrder());
		if (earlier.wholeOrder() != wholeOrder || !java.util.Objects.equals(earlier.reason(),
				request.reason() == null ? null : request.reason().strip())) {
			return false;
		}
		return wholeOrder || earlier.lines()
			.stream()
			.map(line -> line.lineNumber() + ":" + line.requested())
			.collect(Collectors.toSet())
			.equals(request.lines().stream().map(line -> line.lineNumber() + ":" + line.quantity()).collect(Collectors.toSet()));
	}

	private static String notCancelable(Order order) {
		return "Order " + order.orderNumber() + " is " + order.status() + ": there is nothing to cancel";
	}

	private Cancellation create(UUID orderId, CancellationRequest request, String note, String principal,
			String processInstanceId) {
		orders.lock(orderId);
		Order order = orders.require(orderId);
		Map<Integer, Integer> available = available(order);
		Map<Integer, Integer> lines = new TreeMap<>();
		List<FieldViolation> violations = new ArrayList<>();
		if (request.isWholeOrder()) {
			available.forEach((lineNumber, quantity) -> {
				if (quantity > 0) {
					lines.put(lineNumber, quantity);
				}
			});
			if (lines.isEmpty()) {
				violations.add(new FieldViolation("wholeOrder", "nothing of order " + order.orderNumber()
						+ " can be canceled any more: every unit has shipped, is canceled or is being canceled"));
			}
		}
		else {
			for (int i = 0; i < request.lines().size(); i++) {
				CancellationRequest.Line line = request.lines().get(i);
				int free = available.getOrDefault(line.lineNumber(), 0);
				if (line.quantity() > free) {
					violations.add(new FieldViolation("lines[" + i + "].quantity",
							"line " + line.lineNumber() + " has only " + free + " unit(s) available to cancel, not "
									+ line.quantity() + " (the rest has shipped, is canceled or is being canceled)"));
				}
				lines.put(line.lineNumber(), line.quantity());
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		UUID id = UUID.randomUUID();
		String reason = request.reason().strip();
		repository.insert(id, order, request.isWholeOrder(), reason, principal, lines, now());
		orders.record(orderId, TimelineType.CANCELLATION, principal, "Cancellation requested"
				+ (request.isWholeOrder() ? " of the whole order" : "") + ": " + describe(order, lines) + " (" + reason
				+ ")");
		if (blankToNull(note) != null) {
			orders.record(orderId, TimelineType.CANCELLATION, principal, "Note on the cancellation: " + note.strip());
		}
		if (processInstanceId == null) {
			processInstanceId = runtime.createProcessInstanceByKey(OrderProcess.CancellationProcess.KEY)
				.businessKey(order.orderNumber())
				.setVariable(Variables.ORDER_ID, orderId.toString())
				.setVariable(Variables.ORDER_NUMBER, order.orderNumber())
				.setVariable(CancellationProcess.Variables.CANCELLATION_ID, id.toString())
				.execute()
				.getId();
		}
		repository.updateProcessInstance(id, processInstanceId);
		return repository.find(id).orElseThrow();
	}

	/** Per line: units neither shipped nor canceled, minus what open cancellations already ask for. */
	private Map<Integer, Integer> available(Order order) {
		Map<Integer, Integer> pending = repository.pendingUnits(order.id());
		Map<Integer, Integer> available = new TreeMap<>();
		for (OrderLine line : order.lines()) {
			int free = line.quantities().netOrdered() - line.quantities().fulfilled()
					- pending.getOrDefault(line.lineNumber(), 0);
			available.put(line.lineNumber(), Math.max(0, free));
		}
		return available;
	}

	/**
	 * The rules that need no stock or locks: every broken one named by its JSON path. Without an order (a
	 * start form naming none), the line numbers are not checked against it.
	 */
	private static void validate(Order order, CancellationRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		if (request.reason() == null || request.reason().isBlank()) {
			violations.add(new FieldViolation("reason", "is required"));
		}
		else if (request.reason().strip().length() > MAX_REASON) {
			violations.add(new FieldViolation("reason", "must be at most " + MAX_REASON + " characters"));
		}
		boolean hasLines = request.lines() != null && !request.lines().isEmpty();
		if (request.isWholeOrder() && hasLines) {
			violations.add(new FieldViolation("lines", "must be left out when wholeOrder is true"));
		}
		else if (!request.isWholeOrder()) {
			LineRequests.check(request.lines(), order, MAX_LINES, "name at least one line, or set wholeOrder to true",
					violations, null);
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	// --- the process ---------------------------------------------------------------------------

	/** What the cancellation policy decided, and the request in words for the review form. */
	public record Assessment(boolean autoApproved, String reason, String request) {
	}

	/**
	 * {@code Task_AssessCancellation}: asks the policy whether the cancellation goes through without a
	 * service agent. Its facts: how many requested units are already released to a location (not counting
	 * what is unallocated or only reserved), their value and whether the whole order is canceled.
	 */
	@Transactional
	public Assessment assess(UUID cancellationId) {
		Cancellation cancellation = require(cancellationId);
		Order order = orders.find(cancellation.orderId()).orElseThrow();
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(fo -> !fo.reshipment())
			.toList();
		int released = 0;
		BigDecimal amount = BigDecimal.ZERO;
		for (Cancellation.Line requested : cancellation.lines()) {
			OrderLine line = order.line(requested.lineNumber());
			int reserved = units(fos, line.lineNumber(), FulfillmentOrderStatus.CREATED);
			int atLocation = units(fos, line.lineNumber(), FulfillmentOrderStatus.RELEASED,
					FulfillmentOrderStatus.PICKED, FulfillmentOrderStatus.PACKED);
			int beyond = Math.max(0, requested.requested() - line.quantities().availableToCancel() - reserved);
			released += Math.min(atLocation, beyond);
			amount = amount.add(line.total()
				.multiply(BigDecimal.valueOf(requested.requested()))
				.divide(BigDecimal.valueOf(line.quantities().ordered()), 2, RoundingMode.HALF_UP));
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("releasedQuantity", released);
		facts.put("amount", amount.doubleValue());
		facts.put("wholeOrder", cancellation.wholeOrder());
		DmnDecisionRuleResult result = decisions
			.evaluateDecisionTableByKey(OrderProcess.CancellationProcess.APPROVAL_DECISION, facts)
			.getSingleResult();
		boolean auto = Boolean.TRUE.equals(result.getEntry("autoApproved"));
		String reason = result.getEntry("reason");
		if (!auto) {
			repository.updateStatus(cancellationId, CancellationStatus.IN_REVIEW, null, now());
		}
		orders.record(order.id(), TimelineType.DECISION, "system:cancellation-policy",
				(auto ? "Cancellation approved automatically: " : "Cancellation needs a service agent: ") + reason);
		Map<Integer, Integer> lines = new TreeMap<>();
		cancellation.lines().forEach(l -> lines.put(l.lineNumber(), l.requested()));
		return new Assessment(auto, reason, (cancellation.wholeOrder() ? "Whole order: " : "") + describe(order, lines)
				+ "\nReason: " + cancellation.reason() + "\nRequested by " + cancellation.requestedBy()
				+ "\nOf this, " + released + " unit(s) are already at a location, worth about " + amount.toPlainString()
				+ " " + order.currency());
	}

	/**
	 * {@code Task_CancelLines}: carries an approved cancellation out. What has not shipped is canceled, what
	 * has shipped is not (the cancellation says per line); fulfillment orders canceled as a whole end their
	 * processes. A repeat (the cancellation is no longer open) changes nothing. A cancellation the policy sent
	 * to review (IN_REVIEW) is carried out only once "Review cancellation" was completed with APPROVE, as the
	 * engine recorded it, whatever the process variables say.
	 * @throws StateConflictException when it is in review and no service agent approved it; nothing changes
	 */
	@Transactional
	public Cancellation carryOut(UUID cancellationId, String note) {
		Cancellation cancellation = require(cancellationId);
		if (!cancellation.status().open()) {
			return cancellation;
		}
		if (cancellation.status() == CancellationStatus.IN_REVIEW && taskDecisions
			.approval(cancellation.processInstanceId(), OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION)
			.isEmpty()) {
			throw new StateConflictException("The cancellation of order " + cancellation.orderNumber()
					+ " is not carried out: it is in review and no service agent approved it");
		}
		UUID orderId = cancellation.orderId();
		orders.lock(orderId);
		boolean inCapture = CaptureCancellations.inCapture(orders.find(orderId).orElseThrow());
		Map<Integer, Integer> requested = new TreeMap<>();
		cancellation.lines().forEach(line -> requested.put(line.lineNumber(), line.requested()));
		String actor = "system:cancellation";
		UnitsCanceled result = unitCancellations.cancelUnits(orderId, requested,
				"cancellation (" + cancellation.reason() + ")", actor);
		int canceled = 0;
		int notCanceled = 0;
		for (Cancellation.Line line : cancellation.lines()) {
			int done = result.canceled().getOrDefault(line.lineNumber(), 0);
			int left = result.notCanceled().getOrDefault(line.lineNumber(), 0);
			repository.recordResult(cancellationId, line.lineNumber(), done, left);
			canceled += done;
			notCanceled += left;
		}
		CancellationStatus status = notCanceled == 0 ? CancellationStatus.CANCELED
				: canceled == 0 ? CancellationStatus.NOT_CANCELED : CancellationStatus.PARTIALLY_CANCELED;
		repository.updateStatus(cancellationId, status, blankToNull(note), now());
		for (UUID fulfillmentOrderId : result.canceledFulfillmentOrders()) {
			// a process not yet waiting for its shipment sees CANCELED when it gets there (Task_CheckLocationReport)
			runtime.createMessageCorrelation(FulfillmentOrderProcess.Messages.FULFILLMENT_ORDER_CANCELED)
				.processInstanceVariableEquals(Variables.FULFILLMENT_ORDER_ID, fulfillmentOrderId.toString())
				.correlateAllWithResult();
		}
		Order order = orders.find(orderId).orElseThrow();
		boolean nothingLeft = order.lines().stream().allMatch(line -> line.quantities().netOrdered() == 0);
		if (inCapture) {
			// nothing is allocated yet: the order stays in Capture with what is left, or ends here
			captureCancellations.settle(order, nothingLeft, actor);
		}
		else if (nothingLeft || order.status() != OrderStatus.APPROVED) {
			progress.refresh(orderId, actor);
		}
		Cancellation done = require(cancellationId);
		orders.record(orderId, TimelineType.CANCELLATION, actor, "Cancellation " + status + ": " + done.result());
		notifications.notifyCustomer(orderId, status == CancellationStatus.NOT_CANCELED ? CustomerMessage.NOT_CANCELED
				: nothingLeft ? CustomerMessage.CANCELED : CustomerMessage.ITEMS_CANCELED, customersWords(done));
		published(done);
		return done;
	}

	/** What a cancellation did, as the customer reads it: the units canceled, and those that had shipped. */
	private static String customersWords(Cancellation done) {
		List<String> said = new ArrayList<>();
		done.lines()
			.stream()
			.filter(line -> line.canceled() > 0)
			.forEach(line -> said.add(line.canceled() + " × " + line.sku() + " canceled"));
		done.lines()
			.stream()
			.filter(line -> line.notCanceled() > 0)
			.forEach(line -> said.add(line.notCanceled() + " × " + line.sku() + " had already shipped"));
		return String.join("; ", said);
	}

	/** {@code Task_RejectCancellation}: a service agent refused it; nothing is canceled. */
	@Transactional
	public void reject(UUID cancellationId, String note) {
		Cancellation cancellation = require(cancellationId);
		if (repository.updateStatus(cancellationId, CancellationStatus.REJECTED, blankToNull(note), now())) {
			orders.record(cancellation.orderId(), TimelineType.CANCELLATION, "system:cancellation",
					"Cancellation rejected; nothing was canceled" + (blankToNull(note) == null ? "" : " (" + note + ")"));
			published(require(cancellationId));
		}
	}

	/** The data of {@code cancellation.completed}: the outcome, line by line. */
	record CancellationCompleted(UUID cancellationId, CancellationStatus status, boolean wholeOrder, String reason,
			String decisionNote, String result, List<Cancellation.Line> lines) {
	}

	private void published(Cancellation done) {
		events.publish(done.orderId(), EventType.CANCELLATION_COMPLETED, new CancellationCompleted(done.id(),
				done.status(), done.wholeOrder(), done.reason(), done.decisionNote(), done.result(), done.lines()));
	}

	// --- reading -------------------------------------------------------------------------------

	/** Per line number, the units a new cancellation of the order may ask for (what the request checks). */
	@Transactional(readOnly = true)
	public Map<Integer, Integer> availableToCancel(UUID orderId) {
		return available(orders.require(orderId));
	}

	@Transactional(readOnly = true)
	public Optional<Cancellation> find(UUID id) {
		return repository.find(id);
	}

	/** The order's cancellations, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<Cancellation> ofOrder(UUID orderId) {
		orders.require(orderId);
		return repository.ofOrder(orderId);
	}

	// --- helpers -------------------------------------------------------------------------------

	private Cancellation require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No cancellation " + id));
	}


	private static int units(List<FulfillmentOrder> fos, int lineNumber, FulfillmentOrderStatus... statuses) {
		Set<FulfillmentOrderStatus> wanted = Set.of(statuses);
		return fos.stream()
			.filter(fo -> wanted.contains(fo.status()))
			.flatMap(fo -> fo.lines().stream())
			.filter(l -> l.lineNumber() == lineNumber)
			.mapToInt(FulfillmentOrderLine::quantity)
			.sum();
	}

	private static String describe(Order order, Map<Integer, Integer> lines) {
		return lines.entrySet()
			.stream()
			.map(e -> "line " + e.getKey() + ": " + e.getValue() + " × " + order.line(e.getKey()).sku())
			.collect(Collectors.joining(", "));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
