package io.orderflow.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.Refunds;
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
 * Exchanges: units of an order sent back and a replacement (another size or product) sent in their place.
 * Requested over REST (validated, idempotent, stored together with their {@code OrderExchange} process instance),
 * then carried out by {@link ExchangeSteps}: the return policy, the money, the replacement as a line of the order.
 */
@Service
public class Exchanges {

	static final String OPERATION_REQUEST = "POST /api/orders/{id}/exchanges";

	static final int MAX_LINES = 100;

	static final int MAX_QUANTITY = 1000;

	static final int MAX_NOTE = 500;

	/** The return policy's reasons (bpmn/return-eligibility.dmn, bpmn/refund-fee.dmn). */
	static final Set<String> REASONS = Set.of("DEFECTIVE", "ARRIVED_DAMAGED", "WRONG_ITEM", "NOT_AS_DESCRIBED",
			"DOES_NOT_FIT", "CHANGED_MIND", "OTHER");

	private final ExchangeRepository repository;

	private final AvailableUnits availableUnits;

	private final Orders orders;

	private final Inventory inventory;

	private final Refunds refunds;

	private final FulfillmentOrders fulfillmentOrders;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final Clock clock;

	Exchanges(ExchangeRepository repository, AvailableUnits availableUnits, Orders orders, Inventory inventory,
			Refunds refunds, FulfillmentOrders fulfillmentOrders, IdempotentRequests idempotency,
			RuntimeService runtime, Clock clock) {
		this.repository = repository;
		this.availableUnits = availableUnits;
		this.orders = orders;
		this.inventory = inventory;
		this.refunds = refunds;
		this.fulfillmentOrders = fulfillmentOrders;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.clock = clock;
	}

	/**
	 * Stores an exchange and starts its {@code OrderExchange} process (business key: the order number) in one
	 * transaction. Each line may send back at most what it has available to return (shipped, minus what is being
	 * returned, reshipped or exchanged).
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field; nothing is stored
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public IdempotentRequests.Outcome<Exchange> request(UUID orderId, ExchangeRequest request, String idempotencyKey,
			String principal) {
		Order order = orders.require(orderId);
		validate(order, request);
		return idempotency.accepted(OPERATION_REQUEST, principal, idempotencyKey, orderId, request, repository::find,
				Exchange::id, () -> create(orderId, request, null, principal, null));
	}

	/**
	 * {@code Task_RegisterExchange} for an exchange started in Tasklist (start form): the same validation and
	 * storage as {@link #request}, attached to the running instance instead of starting one, and the agent's note on
	 * the timeline. Runs in the engine's transaction, which a refusal rolls back (the start with it).
	 * @param orderNumberField the name of the order number in the violations
	 * @throws InvalidRequestException naming every invalid field (an unknown order under {@code orderNumberField};
	 * a note longer than {@value #MAX_NOTE} under {@code note}); nothing is stored
	 */
	public Exchange registerFromProcess(String orderNumber, String orderNumberField, ExchangeRequest request,
			String note, String principal, String processInstanceId) {
		List<FieldViolation> violations = new ArrayList<>();
		Order order = StartFormChecks.order(orders, orderNumber, orderNumberField, violations);
		StartFormChecks.note(note, "note", MAX_NOTE, violations);
		StartFormChecks.validate(() -> validate(order, request), violations);
		orders.lock(order.id());
		RepeatedStart.refuse("exchange", orderNumberField, repository.ofOrder(order.id()), Exchange::requestedBy,
				Exchange::createdAt, earlier -> earlier.lines()
					.stream()
					.map(line -> line.lineNumber() + ":" + line.quantity())
					.collect(Collectors.toSet())
					.equals(request.lines()
						.stream()
						.map(line -> line.lineNumber() + ":" + line.quantity())
						.collect(Collectors.toSet()))
						&& earlier.replacement().sku().equals(request.replacement().sku()),
				principal, OffsetDateTime.now(clock));
		return create(order.id(), request, note, principal, processInstanceId);
	}

	private Exchange create(UUID orderId, ExchangeRequest request, String note, String principal,
			String processInstanceId) {
		orders.lock(orderId);
		Order order = orders.require(orderId);
		Map<Integer, Integer> available = availableUnits.toReturnOrReship(order);
		List<FieldViolation> violations = new ArrayList<>();
		for (int i = 0; i < request.lines().size(); i++) {
			ExchangeRequest.Line line = request.lines().get(i);
			int free = available.getOrDefault(line.lineNumber(), 0);
			if (line.quantity() > free) {
				violations.add(new FieldViolation("lines[" + i + "].quantity", "line " + line.lineNumber() + " has only "
						+ free + " unit(s) available to exchange, not " + line.quantity()
						+ " (shipped, minus what is being returned, reshipped or exchanged)"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		int scale = Currency.getInstance(order.currency()).getDefaultFractionDigits();
		BigDecimal returned = BigDecimal.ZERO.setScale(scale);
		List<Exchange.Line> lines = new ArrayList<>();
		for (ExchangeRequest.Line line : request.lines()) {
			CreditMemoItem paid = refunds.unitsPaid(orderId, line.lineNumber(), line.quantity());
			returned = returned.add(paid.netAmount()).add(paid.taxAmount());
			lines.add(new Exchange.Line(line.lineNumber(), order.line(line.lineNumber()).sku(), line.quantity(),
					line.reason(), paid.netAmount(), paid.taxAmount()));
		}
		OrderLine first = order.line(request.lines().get(0).lineNumber());
		ExchangeRequest.Replacement wanted = request.replacement();
		BigDecimal unitPrice = (wanted.unitPrice() != null ? wanted.unitPrice() : first.unitPrice()).setScale(scale,
				RoundingMode.HALF_UP);
		BigDecimal taxRate = (wanted.taxRate() != null ? wanted.taxRate() : first.taxRate()).stripTrailingZeros();
		BigDecimal net = unitPrice.multiply(BigDecimal.valueOf(wanted.quantity())).setScale(scale);
		BigDecimal tax = net.multiply(taxRate).setScale(scale, RoundingMode.HALF_UP);
		String name = inventory.product(wanted.sku()).map(Product::name).orElse(wanted.sku());
		OffsetDateTime now = OffsetDateTime.now(clock);
		Exchange exchange = new Exchange(UUID.randomUUID(), orderId, order.orderNumber(), ExchangeStatus.REQUESTED,
				null, null, order.currency(), returned, net.add(tax),
				new Exchange.Replacement(wanted.sku(), name, wanted.quantity(), unitPrice, taxRate), null, null,
				principal, null, now, now, lines);
		repository.insert(exchange);
		orders.record(orderId, TimelineType.EXCHANGE, principal, "Exchange requested: " + describe(exchange));
		if (note != null && !note.isBlank()) {
			orders.record(orderId, TimelineType.EXCHANGE, principal, "Note on the exchange: " + note.strip());
		}
		if (processInstanceId == null) {
			processInstanceId = runtime.createProcessInstanceByKey(ExchangeProcess.KEY)
				.businessKey(order.orderNumber())
				.setVariable(Variables.ORDER_ID, orderId.toString())
				.setVariable(Variables.ORDER_NUMBER, order.orderNumber())
				.setVariable(ExchangeProcess.Variables.EXCHANGE_ID, exchange.id().toString())
				.execute()
				.getId();
		}
		repository.updateProcessInstance(exchange.id(), processInstanceId);
		return repository.find(exchange.id()).orElseThrow();
	}

	/**
	 * The rules that need no lock: every broken one named by its JSON path. Without an order (a start form naming
	 * none), the line numbers are not checked against it and the replacement's price is not.
	 */
	private void validate(Order order, ExchangeRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		LineRequests.check(request.lines(), order, MAX_LINES, "name at least one line to send back", violations,
				(at, line, found) -> {
					if (line.reason() == null || !REASONS.contains(line.reason())) {
						found.add(new FieldViolation(at + ".reason", "must be one of "
								+ REASONS.stream().sorted().collect(Collectors.joining(", "))));
						return false;
					}
					return true;
				});
		ExchangeRequest.Replacement replacement = request.replacement();
		if (replacement == null) {
			violations.add(new FieldViolation("replacement", "is required: the SKU and quantity to send instead"));
		}
		else {
			if (replacement.sku() == null || replacement.sku().isBlank()) {
				violations.add(new FieldViolation("replacement.sku", "is required"));
			}
			else if (inventory.product(replacement.sku()).filter(Product::active).isEmpty()) {
				violations.add(new FieldViolation("replacement.sku", "the catalog has no active product " + replacement.sku()));
			}
			if (replacement.quantity() == null || replacement.quantity() < 1 || replacement.quantity() > MAX_QUANTITY) {
				violations.add(new FieldViolation("replacement.quantity", "must be between 1 and " + MAX_QUANTITY));
			}
			int scale = order == null ? 2 : Currency.getInstance(order.currency()).getDefaultFractionDigits();
			if (replacement.unitPrice() != null && (replacement.unitPrice().signum() < 0
					|| replacement.unitPrice().stripTrailingZeros().scale() > scale)) {
				violations.add(new FieldViolation("replacement.unitPrice",
						"must be at least 0 with at most " + scale + " decimals"));
			}
			if (replacement.taxRate() != null && (replacement.taxRate().signum() < 0
					|| replacement.taxRate().compareTo(BigDecimal.ONE) >= 0
					|| replacement.taxRate().stripTrailingZeros().scale() > 6)) {
				violations.add(new FieldViolation("replacement.taxRate", "must be at least 0 and below 1, at most 6 decimals"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<Exchange> find(UUID id) {
		return repository.find(id);
	}

	/** The order's exchanges, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<Exchange> ofOrder(UUID orderId) {
		orders.require(orderId);
		return repository.ofOrder(orderId);
	}

	/** The fulfillment orders that ship the exchange's replacement (those with its line). */
	@Transactional(readOnly = true)
	public List<FulfillmentOrder> fulfillmentOrders(Exchange exchange) {
		if (exchange.replacementLineNumber() == null) {
			return List.of();
		}
		return fulfillmentOrders.ofOrder(exchange.orderId())
			.stream()
			.filter(fo -> fo.lines().stream().anyMatch(l -> l.lineNumber() == exchange.replacementLineNumber()))
			.toList();
	}

	static String describe(Exchange exchange) {
		return exchange.lines()
			.stream()
			.map(line -> line.quantity() + " × " + line.sku() + " of line " + line.lineNumber() + " (" + line.reason() + ")")
			.collect(Collectors.joining(", ")) + " back for " + exchange.replacement().quantity() + " × "
				+ exchange.replacement().sku() + "; " + exchange.returnedValue().toPlainString() + " returned, "
				+ exchange.replacementValue().toPlainString() + " " + exchange.currency() + " replacement ("
				+ exchange.kind() + ")";
	}

}
