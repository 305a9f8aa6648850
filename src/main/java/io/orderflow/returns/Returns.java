package io.orderflow.returns;

import static io.orderflow.platform.Text.blankToNull;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.inventory.Inventory;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
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

	static final String ACTOR = "system:return";

	private final ReturnRepository repository;

	private final AvailableUnits availableUnits;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final Clock clock;

	private final Inventory inventory;

	Returns(ReturnRepository repository, AvailableUnits availableUnits, Orders orders,
			FulfillmentOrders fulfillmentOrders, IdempotentRequests idempotency, RuntimeService runtime, Clock clock,
			Inventory inventory) {
		this.repository = repository;
		this.availableUnits = availableUnits;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.clock = clock;
		this.inventory = inventory;
	}

	/**
	 * Stores a return order and starts its {@code OrderReturn} process (business key: the order number) in one
	 * transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field, or a line asking for more than it has
	 * available to return; nothing is stored
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public IdempotentRequests.Outcome<ReturnOrder> request(UUID orderId, ReturnRequest request, String idempotencyKey, String principal) {
		Order order = orders.require(orderId);
		List<ReturnRepository.NewLine> lines = validate(order, request);
		return idempotency.accepted(OPERATION_REQUEST, principal, idempotencyKey,
				orderId, request, repository::find, ReturnOrder::id,
				() -> create(orderId, lines, request.note(), principal, null));
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
		Order order = StartFormChecks.order(orders, orderNumber, ReturnProcess.Variables.RETURN_FORM_ORDER_NUMBER, unknown);
		if (order == null) {
			throw new InvalidRequestException(unknown);
		}
		List<ReturnRepository.NewLine> lines = validate(order, request);
		orders.lock(order.id());
		RepeatedStart.refuse("return", ReturnProcess.Variables.RETURN_FORM_ORDER_NUMBER, repository.ofOrder(order.id()),
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
		Order order = orders.require(orderId);
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
		repository.insert(id, order, rma, principal, location, blankToNull(note), lines, now());
		orders.record(orderId, TIMELINE_TYPE, principal, "Return " + rma + " requested: " + describe(order, lines));
		if (processInstanceId == null) {
			processInstanceId = runtime.createProcessInstanceByKey(OrderProcess.ReturnProcess.KEY)
				.businessKey(order.orderNumber())
				.setVariable(Variables.ORDER_ID, orderId.toString())
				.setVariable(Variables.ORDER_NUMBER, order.orderNumber())
				.setVariable(ReturnProcess.Variables.RETURN_ORDER_ID, id.toString())
				.setVariable(ReturnProcess.Variables.RMA_NUMBER, rma)
				.execute()
				.getId();
		}
		repository.updateProcessInstance(id, processInstanceId);
		return repository.find(id).orElseThrow();
	}

	/**
	 * Where the units come back to: the location that shipped the line most recently, unless it takes no
	 * returns (then the preferred location that does, in the shipping country if one there does).
	 */
	private String returnLocation(Order order, int lineNumber) {
		String shippedFrom = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(fo -> fo.shippedAt() != null)
			.filter(fo -> fo.lines().stream().anyMatch(l -> l.lineNumber() == lineNumber))
			.max(Comparator.comparing(FulfillmentOrder::shippedAt))
			.map(FulfillmentOrder::locationId)
			.orElse(null);
		return shippedFrom == null ? null : inventory.returnLocation(shippedFrom, order.shippingAddress().country());
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

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<ReturnOrder> find(UUID id) {
		return repository.find(id);
	}

	/** The order's returns, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<ReturnOrder> ofOrder(UUID orderId) {
		orders.require(orderId);
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

	static String describe(Order order, List<ReturnRepository.NewLine> lines) {
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

	static String describeCounts(Map<Integer, Integer> counts) {
		return counts.entrySet()
			.stream()
			.map(e -> "line " + e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining(", "));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
