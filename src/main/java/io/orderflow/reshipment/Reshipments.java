package io.orderflow.reshipment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReshipmentProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.fulfillment.AllocationResult;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderLine;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.AvailableUnits;
import io.orderflow.service.LineRequests;
import io.orderflow.service.RepeatedStart;
import io.orderflow.service.StartFormChecks;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reshipments: units of shipped lines sent again, free of charge, because they were lost or damaged.
 * Requested over REST (validated, idempotent, stored together with their {@code OrderReshipment} process
 * instance), allocated through the usual routing into fulfillment orders that carry the reshipment's id,
 * shipped and delivered by the FulfillmentOrder process without an invoice or a capture.
 */
@Service
public class Reshipments {

	static final String OPERATION_REQUEST = "POST /api/orders/{id}/reshipments";

	static final int MAX_REASON = 500;

	static final int MAX_LINES = 100;

	private static final String ACTOR = "system:reshipment";

	private final ReshipmentRepository repository;

	private final AvailableUnits availableUnits;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final Clock clock;

	private final OrderEvents events;

	Reshipments(ReshipmentRepository repository, AvailableUnits availableUnits, Orders orders,
			FulfillmentOrders fulfillmentOrders, IdempotentRequests idempotency, RuntimeService runtime, Clock clock,
			OrderEvents events) {
		this.repository = repository;
		this.events = events;
		this.availableUnits = availableUnits;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.clock = clock;
	}

	/**
	 * Stores a reshipment and starts its {@code OrderReshipment} process (business key: the order number) in
	 * one transaction. Each line may ask for at most {@code availableToReship} (shipped, minus what was
	 * reshipped or is being returned) minus what other open reshipments of the order ask for.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field; nothing is stored
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public IdempotentRequests.Outcome<Reshipment> request(UUID orderId, ReshipmentRequest request, String idempotencyKey, String principal) {
		Order order = orders.require(orderId);
		validate(order, request);
		return idempotency.accepted(OPERATION_REQUEST, principal, idempotencyKey,
				orderId, request, repository::find, Reshipment::id,
				() -> create(orderId, request, null, principal, null));
	}

	/**
	 * {@code Task_RegisterReshipment} for a reshipment started in Tasklist (start form): the same validation
	 * and storage as {@link #request}, attached to the running instance instead of starting one, and the
	 * agent's note on the timeline. Runs in the engine's transaction, which a refusal rolls back (the start with it).
	 * @param orderNumberField the name of the order number in the violations
	 * @throws InvalidRequestException naming every invalid field (an unknown order under
	 * {@code orderNumberField}; a note longer than {@value #MAX_REASON} under {@code note}); nothing is stored
	 */
	public Reshipment registerFromProcess(String orderNumber, String orderNumberField, ReshipmentRequest request,
			String note, String principal, String processInstanceId) {
		List<FieldViolation> violations = new ArrayList<>();
		Order order = StartFormChecks.order(orders, orderNumber, orderNumberField, violations);
		StartFormChecks.note(note, "note", MAX_REASON, violations);
		StartFormChecks.validate(() -> validate(order, request), violations);
		orders.lock(order.id());
		RepeatedStart.refuse("reshipment", orderNumberField, repository.ofOrder(order.id()), Reshipment::requestedBy,
				Reshipment::createdAt, earlier -> earlier.lines()
					.stream()
					.map(line -> line.lineNumber() + ":" + line.requested())
					.collect(Collectors.toSet())
					.equals(request.lines()
						.stream()
						.map(line -> line.lineNumber() + ":" + line.quantity())
						.collect(Collectors.toSet())),
				principal, now());
		return create(order.id(), request, note, principal, processInstanceId);
	}

	private Reshipment create(UUID orderId, ReshipmentRequest request, String note, String principal,
			String processInstanceId) {
		orders.lock(orderId);
		Order order = orders.require(orderId);
		Map<Integer, Integer> available = availableUnits.toReturnOrReship(order);
		Map<Integer, Integer> lines = new TreeMap<>();
		List<FieldViolation> violations = new ArrayList<>();
		for (int i = 0; i < request.lines().size(); i++) {
			ReshipmentRequest.Line line = request.lines().get(i);
			int free = available.getOrDefault(line.lineNumber(), 0);
			if (line.quantity() > free) {
				violations.add(new FieldViolation("lines[" + i + "].quantity",
						"line " + line.lineNumber() + " has only " + free + " unit(s) available to reship, not "
								+ line.quantity() + " (shipped, minus what was reshipped, is being returned or is "
								+ "being reshipped)"));
			}
			lines.put(line.lineNumber(), line.quantity());
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		UUID id = UUID.randomUUID();
		String reason = request.reason().strip();
		repository.insert(id, order, reason, principal, lines, now());
		orders.record(orderId, TimelineType.RESHIPMENT, principal,
				"Reshipment requested, free of charge: " + describe(order, lines) + " (" + reason + ")");
		if (note != null && !note.isBlank()) {
			orders.record(orderId, TimelineType.RESHIPMENT, principal, "Note on the reshipment: " + note.strip());
		}
		if (processInstanceId == null) {
			processInstanceId = runtime.createProcessInstanceByKey(OrderProcess.ReshipmentProcess.KEY)
				.businessKey(order.orderNumber())
				.setVariable(Variables.ORDER_ID, orderId.toString())
				.setVariable(Variables.ORDER_NUMBER, order.orderNumber())
				.setVariable(ReshipmentProcess.Variables.RESHIPMENT_ID, id.toString())
				.execute()
				.getId();
		}
		repository.updateProcessInstance(id, processInstanceId);
		return repository.find(id).orElseThrow();
	}


	/**
	 * The rules that need no lock: every broken one named by its JSON path. Without an order (a start form
	 * naming none), the line numbers are not checked against it.
	 */
	private static void validate(Order order, ReshipmentRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		if (request.reason() == null || request.reason().isBlank()) {
			violations.add(new FieldViolation("reason", "is required"));
		}
		else if (request.reason().strip().length() > MAX_REASON) {
			violations.add(new FieldViolation("reason", "must be at most " + MAX_REASON + " characters"));
		}
		LineRequests.check(request.lines(), order, MAX_LINES, "name at least one line to send again", violations, null);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	// --- the process ---------------------------------------------------------------------------

	/**
	 * {@code Task_AllocateReshipment}: reserves stock for the requested units through the usual routing; one
	 * fulfillment order per location, marked as this reshipment's (free of charge). What no location has is
	 * not reshipped.
	 * @return the fulfillment orders to run (none when no location has anything)
	 */
	@Transactional
	public List<UUID> allocate(UUID reshipmentId) {
		Reshipment reshipment = require(reshipmentId);
		Map<Integer, Integer> lines = new TreeMap<>();
		reshipment.lines().forEach(line -> lines.put(line.lineNumber(), line.requested()));
		AllocationResult result = fulfillmentOrders.allocateReshipment(reshipment.orderId(), reshipmentId, lines, ACTOR);
		if (!result.fulfillmentOrderIds().isEmpty()) {
			repository.updateStatus(reshipmentId, ReshipmentStatus.IN_PROGRESS, now());
		}
		return result.fulfillmentOrderIds();
	}

	/**
	 * {@code Task_CompleteReshipment}: every fulfillment order of the reshipment has ended; per line, what
	 * shipped was reshipped, the rest was not. A repeat changes nothing.
	 */
	@Transactional
	public Reshipment complete(UUID reshipmentId) {
		Reshipment reshipment = require(reshipmentId);
		if (!reshipment.status().open()) {
			return reshipment;
		}
		Map<Integer, Integer> shipped = new TreeMap<>();
		for (FulfillmentOrder fo : fulfillmentOrders.ofReshipment(reshipmentId)) {
			if (fo.status() == FulfillmentOrderStatus.SHIPPED || fo.status() == FulfillmentOrderStatus.DELIVERED) {
				for (FulfillmentOrderLine line : fo.lines()) {
					shipped.merge(line.lineNumber(), line.quantity(), Integer::sum);
				}
			}
		}
		int reshipped = 0;
		int notReshipped = 0;
		for (Reshipment.Line line : reshipment.lines()) {
			int done = Math.min(line.requested(), shipped.getOrDefault(line.lineNumber(), 0));
			repository.recordResult(reshipmentId, line.lineNumber(), done, line.requested() - done);
			reshipped += done;
			notReshipped += line.requested() - done;
		}
		ReshipmentStatus status = notReshipped == 0 ? ReshipmentStatus.RESHIPPED
				: reshipped == 0 ? ReshipmentStatus.NOT_RESHIPPED : ReshipmentStatus.PARTIALLY_RESHIPPED;
		repository.updateStatus(reshipmentId, status, now());
		Reshipment done = require(reshipmentId);
		orders.record(done.orderId(), TimelineType.RESHIPMENT, ACTOR, "Reshipment " + status + ": " + done.result());
		events.publish(done.orderId(), EventType.RESHIPMENT_COMPLETED,
				new ReshipmentCompleted(done.id(), done.status(), done.reason(), done.result(), done.lines()));
		return done;
	}

	/** The data of {@code reshipment.completed}: the outcome, line by line. */
	record ReshipmentCompleted(UUID reshipmentId, ReshipmentStatus status, String reason, String result,
			List<Reshipment.Line> lines) {
	}

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<Reshipment> find(UUID id) {
		return repository.find(id);
	}

	/** The order's reshipments, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<Reshipment> ofOrder(UUID orderId) {
		orders.require(orderId);
		return repository.ofOrder(orderId);
	}

	/** The fulfillment orders that send the reshipment's units. */
	@Transactional(readOnly = true)
	public List<FulfillmentOrder> fulfillmentOrders(UUID reshipmentId) {
		return fulfillmentOrders.ofReshipment(reshipmentId);
	}

	// --- helpers -------------------------------------------------------------------------------

	private Reshipment require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No reshipment " + id));
	}

	private static String describe(Order order, Map<Integer, Integer> lines) {
		return lines.entrySet()
			.stream()
			.map(e -> "line " + e.getKey() + ": " + e.getValue() + " × " + order.lines()
				.stream()
				.filter(l -> l.lineNumber() == e.getKey())
				.map(OrderLine::sku)
				.findFirst()
				.orElse("?"))
			.collect(Collectors.joining(", "));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
