package io.orderflow.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.platform.Sequences;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order module's public service: the one way to store, find and change the central order
 * record. Every change appends to the order's timeline.
 */
@Service
public class Orders {

	private final OrderRepository repository;

	private final Sequences sequences;

	private final OrderMoney money;

	private final OrderEvents events;

	private final OrderMetrics metrics;

	private final Clock clock;

	Orders(OrderRepository repository, Sequences sequences, OrderMoney money, OrderEvents events,
			OrderMetrics metrics, Clock clock) {
		this.repository = repository;
		this.metrics = metrics;
		this.money = money;
		this.sequences = sequences;
		this.events = events;
		this.clock = clock;
	}

	/** The data of {@code order.created}: the order as it was taken. */
	record Created(Channel channel, String externalReference, OrderStatus status, Customer customer, String currency,
			Address shippingAddress, Address billingAddress, DeliveryMethod deliveryMethod, PaymentMethod paymentMethod,
			Totals totals, List<CreatedLine> lines) {
	}

	record CreatedLine(int lineNumber, String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal total) {
	}

	/** The data of {@code order.status_changed}. */
	record StatusChanged(OrderStatus from, OrderStatus to, String reason) {
	}

	/**
	 * Locks the order's row until the caller's transaction ends: the first lock of every change to the
	 * order's quantities, allocation or money, taken by every module in this one place, so that two nodes
	 * never change one order at once and two lockers never wait for each other in a cycle.
	 * @return false when there is no such order
	 */
	@Transactional
	public boolean lock(UUID orderId) {
		return repository.lock(orderId);
	}

	/**
	 * Stores a validated order with status RECEIVED. Throws
	 * {@link org.springframework.dao.DuplicateKeyException} when the channel already has an order with
	 * this external reference: the database, not this method, is what keeps orders unique.
	 */
	@Transactional
	public Order register(NewOrder order, String actor) {
		UUID id = UUID.randomUUID();
		String orderNumber = "OF-" + sequences.next("order_number_seq");
		OffsetDateTime now = now();
		repository.insert(id, orderNumber, order, OrderStatus.RECEIVED, actor, now);
		repository.insertTimeline(id, now, TimelineType.ORDER_RECEIVED, actor,
				"Order " + orderNumber + " received from channel " + order.channel() + " (reference "
						+ order.externalReference() + "), " + order.lines().size() + " line(s), total "
						+ order.totals().grandTotal().toPlainString() + " " + order.currency(),
				null, OrderStatus.RECEIVED.name());
		Order stored = repository.findById(id).orElseThrow();
		metrics.accepted(stored.channel());
		events.publish(id, EventType.ORDER_CREATED, new Created(stored.channel(), stored.externalReference(),
				stored.status(), stored.customer(), stored.currency(), stored.shippingAddress(), stored.billingAddress(),
				stored.deliveryMethod(), stored.paymentMethod(), stored.totals(),
				stored.lines()
					.stream()
					.map(line -> new CreatedLine(line.lineNumber(), line.sku(), line.name(), line.quantities().ordered(),
							line.unitPrice(), line.total()))
					.toList()));
		return stored;
	}

	@Transactional
	public void attachProcessInstance(UUID orderId, String processInstanceId, String actor) {
		OffsetDateTime now = now();
		if (!repository.claimLifecycle(orderId, processInstanceId, now)) {
			throw new StateConflictException("Order " + orderId + " already has its lifecycle; a second one is not started");
		}
		repository.updateProcessInstance(orderId, processInstanceId, now);
		repository.insertTimeline(orderId, now, TimelineType.LIFECYCLE_STARTED, actor,
				"Order lifecycle started (process instance " + processInstanceId + ")", null, null);
	}

	/**
	 * Changes the quantities of one line, e.g. {@code QuantityChange.allocated(2)} when stock is
	 * reserved for it, and records the change on the timeline. A change that would make the quantities
	 * inconsistent (docs/domain.md) is refused by the database and changes nothing.
	 */
	@Transactional
	public void changeQuantities(UUID orderId, int lineNumber, QuantityChange change, String actor,
			String description) {
		if (repository.changeLineQuantities(orderId, lineNumber, change) != 1) {
			throw new IllegalArgumentException("Order " + orderId + " has no line " + lineNumber);
		}
		OffsetDateTime now = now();
		repository.touch(orderId, now);
		repository.insertTimeline(orderId, now, TimelineType.QUANTITIES_CHANGED, actor, description, null,
				"line " + lineNumber + ": " + change);
	}

	/**
	 * Adds an exchange's replacement to the order as a line of its own ({@code exchangeId} on it), with the next
	 * line number, nothing allocated yet; the order's totals grow by its amounts. The caller holds the order's lock.
	 * @return the new line's number
	 */
	@Transactional
	public int addExchangeLine(UUID orderId, UUID exchangeId, String sku, String name, BigDecimal unitPrice,
			BigDecimal taxRate, BigDecimal subtotal, BigDecimal tax, int quantity, String actor) {
		OffsetDateTime now = now();
		int lineNumber = repository.insertExchangeLine(orderId, exchangeId, sku, name, unitPrice, taxRate, subtotal,
				tax, quantity, now);
		repository.insertTimeline(orderId, now, TimelineType.EXCHANGE, actor, "Line " + lineNumber + " added: "
				+ quantity + " × " + sku + " (" + name + ") in exchange, " + subtotal.add(tax).toPlainString(), null,
				"line " + lineNumber);
		return lineNumber;
	}

	/** Moves the order to {@code status}; a no-op (and no timeline entry) when it already has it. */
	@Transactional
	public void changeStatus(UUID orderId, OrderStatus status, String actor, String reason) {
		OffsetDateTime now = now();
		OrderStatus previous = repository.updateStatus(orderId, status, now);
		if (previous == null) {
			throw new IllegalArgumentException("No order " + orderId);
		}
		if (previous != status) {
			repository.enteredAt(orderId, previous)
				.ifPresent(entered -> metrics.left(previous, Duration.between(entered, now)));
			repository.insertTimeline(orderId, now, TimelineType.STATUS_CHANGED, actor, reason, previous.name(),
					status.name());
			StatusChanged change = new StatusChanged(previous, status, reason);
			events.publish(orderId, EventType.ORDER_STATUS_CHANGED, change);
			// the risk review's hold; an agent's is not a status (OrderHolds)
			OrderHolds.HoldChanged hold = new OrderHolds.HoldChanged(previous, status, reason, OrderHolds.RISK_REVIEW,
					null, null);
			if (status == OrderStatus.ON_HOLD) {
				events.publish(orderId, EventType.ORDER_HELD, hold);
			}
			else if (previous == OrderStatus.ON_HOLD) {
				events.publish(orderId, EventType.ORDER_RELEASED, hold);
			}
		}
	}

	/**
	 * Changes the order's shipping address: what is allocated from now on routes by it and ships to it.
	 * Fulfillment orders that are to keep the old one take it as their own first (the fulfillment module's
	 * ship-to). On the timeline with who and why, the old and the new address.
	 * @throws UnknownOrderException when there is no such order
	 */
	@Transactional
	public void changeShippingAddress(UUID orderId, Address address, String actor, String why) {
		Order order = require(orderId);
		OffsetDateTime now = now();
		repository.updateShippingAddress(orderId, address, now);
		repository.insertTimeline(orderId, now, TimelineType.ADDRESS_CHANGE, actor,
				"Shipping address changed: " + why, oneLine(order.shippingAddress()), oneLine(address));
	}

	private static String oneLine(Address a) {
		return a.name() + ", " + a.line1() + (a.line2() == null || a.line2().isBlank() ? "" : ", " + a.line2()) + ", "
				+ a.postalCode() + " " + a.city() + ", " + a.country();
	}

	/** Appends an entry to the order's timeline: what happened, who or which system did it. */
	@Transactional
	public void record(UUID orderId, String type, String actor, String description) {
		repository.insertTimeline(orderId, now(), type, actor, description, null, null);
	}

	/** The payment provider's token the order was submitted with; only the payment stage needs it. */
	@Transactional(readOnly = true)
	public String paymentToken(UUID orderId) {
		return repository.paymentToken(orderId);
	}

	/** The order. @throws UnknownOrderException when there is no such order (404 over REST) */
	@Transactional(readOnly = true)
	public Order require(UUID id) {
		return repository.findById(id).orElseThrow(() -> new UnknownOrderException(id));
	}

	@Transactional(readOnly = true)
	public Optional<Order> find(UUID id) {
		return repository.findById(id);
	}

	/** The orders with these ids by id, read together (a page of a work queue); ids of no order are left out. */
	@Transactional(readOnly = true)
	public Map<UUID, Order> findAll(Collection<UUID> ids) {
		return repository.findAllById(ids).stream().collect(Collectors.toMap(Order::id, o -> o));
	}

	/**
	 * The order a request names by its id or its number.
	 * @throws UnknownOrderException when there is no such order (404 over REST)
	 */
	@Transactional(readOnly = true)
	public Order require(OrderKey key) {
		Optional<Order> order = key.id() != null ? repository.findById(key.id()) : repository.findByNumber(key.number());
		return order.orElseThrow(() -> new UnknownOrderException(key));
	}

	/**
	 * The id of the order a request names by its id or its number, read without its lines.
	 * @throws UnknownOrderException when there is no such order (404 over REST)
	 */
	@Transactional(readOnly = true)
	public UUID idOf(OrderKey key) {
		return repository.idOf(key.id(), key.number()).orElseThrow(() -> new UnknownOrderException(key));
	}

	/** The order with this number ({@code OF-100001}), e.g. as an agent types it on a start form. */
	@Transactional(readOnly = true)
	public Optional<Order> findByNumber(String orderNumber) {
		return repository.findByNumber(orderNumber);
	}

	@Transactional(readOnly = true)
	public Optional<Order> findByReference(Channel channel, String externalReference) {
		return repository.findByReference(channel, externalReference);
	}

	@Transactional(readOnly = true)
	public OrderPage search(OrderSearch search, int page, int size) {
		return repository.search(search, page, size, OrderPage.EXACT_TOTAL_UP_TO);
	}

	@Transactional(readOnly = true)
	public List<TimelineEntry> timeline(UUID orderId) {
		return repository.timeline(orderId);
	}

	/**
	 * The lifecycle process instances of the open orders that wait for stock of any of {@code skus} (a line
	 * with units no location was found for), oldest order first.
	 */
	@Transactional(readOnly = true)
	public List<String> lifecyclesWaitingForStock(Collection<String> skus) {
		return skus.isEmpty() ? List.of() : repository.lifecyclesWaitingFor(skus);
	}

	/** The order's money, as the payment stage keeps it ({@link OrderMoney}). */
	@Transactional(readOnly = true)
	public MoneySummary money(Order order) {
		return money.of(order);
	}

	/** The money of each of these orders (a page of a search), by order id, in one look-up. */
	@Transactional(readOnly = true)
	public Map<UUID, MoneySummary> money(List<Order> orders) {
		return orders.isEmpty() ? Map.of() : money.ofOrders(orders);
	}

	/** Whether the order is its customer's first (no earlier order with the same e-mail address). */
	@Transactional(readOnly = true)
	public boolean firstOfItsCustomer(Order order) {
		return repository.countEarlierOrders(order.customer().email(), order.createdAt()) == 0;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
