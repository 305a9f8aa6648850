package io.orderflow.addresschange;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.orderflow.AddressChangeProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.addresschange.AddressChange.Outcome;
import io.orderflow.addresschange.AddressChange.Target;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.FulfillmentShipTos;
import io.orderflow.order.Address;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of shipping address before the goods ship, of a whole order or of one fulfillment order. Requested
 * over REST or in Tasklist (validated like an order's address at intake, idempotent, stored with its
 * {@code OrderAddressChange} process). What is not yet at a location changes at once: the order's address for
 * what is not yet allocated (later allocation routes by it), fulfillment orders not yet released. Each
 * fulfillment order at its location is asked: the location accepts or refuses (an event, before a deadline);
 * without an answer in time, or once shipped, it goes to the old address. Every step is on the order's timeline
 * with who and why.
 */
@Service
public class AddressChanges {

	static final String OPERATION_REQUEST = "POST /api/orders/{id}/address-changes";

	static final String ACTOR = "system:address-change";

	/** Orders whose goods can no longer go elsewhere. */
	private static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.CANCELED, OrderStatus.REJECTED,
			OrderStatus.COMPLETED, OrderStatus.DELIVERED);

	private final AddressChangeRepository repository;

	private final AddressChangeValidation validation;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final FulfillmentShipTos shipTos;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final OrderEvents events;

	private final AddressChangeSettings settings;

	private final Clock clock;

	AddressChanges(AddressChangeRepository repository, AddressChangeValidation validation, Orders orders,
			FulfillmentOrders fulfillmentOrders, FulfillmentShipTos shipTos, IdempotentRequests idempotency,
			RuntimeService runtime, OrderEvents events, AddressChangeSettings settings, Clock clock) {
		this.repository = repository;
		this.validation = validation;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.shipTos = shipTos;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Stores a change of address and starts its {@code OrderAddressChange} process (business key: the order
	 * number) in one transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming every invalid field; nothing is stored
	 * @throws StateConflictException when what it would change has shipped, the order is over, or another change
	 * of the order is under way
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public IdempotentRequests.Outcome<AddressChange> request(UUID orderId, AddressChangeRequest request,
			String idempotencyKey, String principal) {
		orders.require(orderId);
		Address address = validation.validate(request, fulfillmentOrders.ofOrder(orderId));
		return idempotency.accepted(OPERATION_REQUEST, principal, idempotencyKey, orderId, request, repository::find,
				AddressChange::id, () -> create(orderId, request, address, principal, null));
	}

	/**
	 * {@code Task_RegisterAddressChange} for a change started in Tasklist: the same rules and storage as
	 * {@link #request}, attached to the running instance. Runs in the engine's transaction, which a refusal
	 * rolls back (the start with it).
	 * @throws InvalidRequestException naming every invalid field (an unknown order under {@code orderNumberField})
	 * @throws StateConflictException as {@link #request}
	 */
	public AddressChange registerFromProcess(Order order, AddressChangeRequest request, String principal,
			String processInstanceId) {
		Address address = validation.validate(request, fulfillmentOrders.ofOrder(order.id()));
		return create(order.id(), request, address, principal, processInstanceId);
	}

	private AddressChange create(UUID orderId, AddressChangeRequest request, Address address, String principal,
			String processInstanceId) {
		orders.lock(orderId);
		Order order = orders.require(orderId);
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(orderId);
		FulfillmentOrder only = request.fulfillmentOrderId() == null ? null
				: AddressChangeValidation.fulfillmentOrder(request.fulfillmentOrderId(), fos);
		refuseWhenTooLate(order, only, fos);
		repository.ofOrder(orderId).stream().filter(earlier -> earlier.status().open()).findFirst().ifPresent(open -> {
			throw new StateConflictException("Address change " + open.id() + " of order " + order.orderNumber()
					+ " is still under way (" + open.status() + "); request another when it has ended");
		});
		UUID id = UUID.randomUUID();
		String reason = request.reason().strip();
		repository.insert(id, order, only == null ? null : only.id(), address, reason, principal, now());
		orders.record(orderId, TimelineType.ADDRESS_CHANGE, principal, "Change of shipping address requested for "
				+ (only == null ? "the order" : "fulfillment order " + only.number()) + ": "
				+ FulfillmentShipTos.oneLine(address) + " (" + reason + ")");
		if (processInstanceId == null) {
			processInstanceId = runtime.createProcessInstanceByKey(AddressChangeProcess.KEY)
				.businessKey(order.orderNumber())
				.setVariable(Variables.ORDER_ID, orderId.toString())
				.setVariable(Variables.ORDER_NUMBER, order.orderNumber())
				.setVariable(AddressChangeProcess.Variables.ADDRESS_CHANGE_ID, id.toString())
				.execute()
				.getId();
		}
		repository.updateProcessInstance(id, processInstanceId);
		return repository.find(id).orElseThrow();
	}

	/** 409 when the order is over or everything the change is about has shipped. */
	private static void refuseWhenTooLate(Order order, FulfillmentOrder only, List<FulfillmentOrder> fos) {
		if (FINAL.contains(order.status())) {
			throw new StateConflictException("Order " + order.orderNumber() + " is " + order.status()
					+ ": its shipping address can no longer change");
		}
		if (only != null && (only.status().shipped() || only.status().closed())) {
			throw new StateConflictException("Fulfillment order " + only.number() + " is " + only.status() + ": "
					+ (only.status().shipped() ? "it has shipped, its address can no longer change"
							: "it ships nothing"));
		}
		if (only == null && !anythingToShip(order, fos)) {
			throw new StateConflictException("Everything of order " + order.orderNumber()
					+ " has shipped: its shipping address can no longer change");
		}
	}

	private static boolean anythingToShip(Order order, List<FulfillmentOrder> fos) {
		return fos.stream().anyMatch(fo -> fo.status().open())
				|| order.lines().stream().anyMatch(line -> line.quantities().availableToCancel() > 0);
	}

	// --- the process ---------------------------------------------------------------------------

	/**
	 * {@code Task_ApplyAddressChange}: changes at once what is not yet at a location (the order's address, when
	 * some units are not yet allocated; fulfillment orders not yet released) and lists the fulfillment orders whose
	 * location is to be asked. Those and the shipped ones keep the old address as their own meanwhile.
	 * @return whether some location is to be asked
	 */
	@Transactional
	public boolean apply(UUID changeId) {
		AddressChange change = require(changeId);
		if (change.status() != AddressChangeStatus.REQUESTED || !change.targets().isEmpty()) {
			return change.targets().stream().anyMatch(target -> target.outcome() == Outcome.ASKED);
		}
		orders.lock(change.orderId());
		Order order = orders.require(change.orderId());
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
		String why = "address change requested by " + change.requestedBy() + " (" + change.reason() + ")";
		boolean asked = false;
		boolean orderChanged = false;
		boolean unallocatedChanged = false;
		if (change.fulfillmentOrderId() != null) {
			FulfillmentOrder fo = fulfillmentOrders.find(change.fulfillmentOrderId());
			asked = applyTo(change, fo, shipTos.shipTo(fo, order), why);
		}
		else if (!FINAL.contains(order.status()) && anythingToShip(order, fos)) {
			for (FulfillmentOrder fo : fos) {
				if (!fo.status().closed()) {
					asked |= applyTo(change, fo, shipTos.shipTo(fo, order), why);
				}
			}
			// units not yet allocated follow the new address at once; else the order's own address changes when
			// the locations have answered, unless none accepted
			unallocatedChanged = order.lines().stream().anyMatch(line -> line.quantities().availableToCancel() > 0);
			if (unallocatedChanged) {
				orders.changeShippingAddress(order.id(), change.shippingAddress(), change.requestedBy(), change.reason());
				orderChanged = true;
			}
		}
		repository.markApplied(changeId, asked ? AddressChangeStatus.AWAITING_LOCATIONS : AddressChangeStatus.REQUESTED,
				orderChanged, unallocatedChanged, now());
		return asked;
	}

	/** One fulfillment order: kept (shipped), changed (not released) or asked (at its location). @return asked */
	private boolean applyTo(AddressChange change, FulfillmentOrder fo, Address current, String why) {
		if (fo.status().shipped() || fo.status().closed()) {
			shipTos.keep(fo.id(), current);
			if (change.fulfillmentOrderId() != null) {
				target(change, fo, fo.status().shipped() ? Outcome.SHIPPED : Outcome.REFUSED,
						"it was " + fo.status() + " before the change was applied");
			}
			return false;
		}
		if (fo.status() == FulfillmentOrderStatus.CREATED) {
			shipTos.change(fo.id(), change.shippingAddress(), change.requestedBy(), why);
			target(change, fo, Outcome.CHANGED, null);
			return false;
		}
		shipTos.keep(fo.id(), current);
		target(change, fo, Outcome.ASKED, null);
		return true;
	}

	private void target(AddressChange change, FulfillmentOrder fo, Outcome outcome, String reason) {
		repository.insertTarget(change.id(), fo.id(), fo.number(), fo.locationId(),
				outcome == Outcome.CHANGED ? Outcome.CHANGED : Outcome.ASKED, now());
		if (outcome != Outcome.ASKED && outcome != Outcome.CHANGED) {
			repository.settle(change.id(), fo.id(), outcome, reason, ACTOR, now());
		}
	}

	/**
	 * {@code Task_AskLocationsToChangeAddress}: each location with a fulfillment order of the change is sent
	 * {@code fulfillment_order.address_change_requested} with the new address and the deadline of its answer.
	 * @return the deadline; asked again, the first one
	 */
	@Transactional
	public OffsetDateTime askLocations(UUID changeId) {
		AddressChange change = require(changeId);
		if (change.answerDeadline() != null) {
			return change.answerDeadline();
		}
		OffsetDateTime deadline = now().plus(settings.getAddressChangeDeadline());
		repository.updateDeadline(changeId, deadline, now());
		Order order = orders.require(change.orderId());
		for (Target target : change.targets()) {
			if (target.outcome() != Outcome.ASKED) {
				continue;
			}
			FulfillmentOrder fo = fulfillmentOrders.find(target.fulfillmentOrderId());
			events.publish(change.orderId(), EventType.FULFILLMENT_ORDER_ADDRESS_CHANGE_REQUESTED,
					new AddressChangeRequested(change.id(), fo.id(), fo.number(), fo.locationId(), fo.status(),
							change.shippingAddress(), shipTos.shipTo(fo, order), change.reason(), deadline));
			orders.record(change.orderId(), TimelineType.ADDRESS_CHANGE, ACTOR, "Asked " + fo.locationId()
					+ " to ship fulfillment order " + fo.number() + " to the new address; it answers by " + deadline);
		}
		return deadline;
	}

	/** The data of {@code fulfillment_order.address_change_requested}. */
	record AddressChangeRequested(UUID addressChangeId, UUID fulfillmentOrderId, String number, String locationId,
			FulfillmentOrderStatus status, Address shipTo, Address previousShipTo, String reason,
			OffsetDateTime answerBy) {
	}

	/**
	 * A location's answer ({@link AddressChangeEvents}): accepted, the fulfillment order ships to the new address
	 * — unless it shipped meanwhile, then it is refused; refused, it ships to the old one.
	 * @return whether every location asked has answered
	 * @throws InvalidRequestException when the change did not ask about that fulfillment order
	 * @throws StateConflictException when its answer was recorded before, or its deadline passed
	 */
	@Transactional
	public boolean answer(UUID changeId, UUID fulfillmentOrderId, boolean accepted, String reason) {
		AddressChange change = require(changeId);
		orders.lock(change.orderId());
		change = require(changeId);
		Target target = change.targets()
			.stream()
			.filter(t -> t.fulfillmentOrderId().equals(fulfillmentOrderId))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("fulfillmentOrderId",
					"the address change did not ask about fulfillment order " + fulfillmentOrderId));
		if (target.outcome() != Outcome.ASKED) {
			throw new StateConflictException("Fulfillment order " + target.fulfillmentOrderNumber()
					+ " has its answer already: " + target.outcome()
					+ (target.outcome() == Outcome.NO_ANSWER ? " (the deadline passed; it ships to the old address)" : ""));
		}
		String location = target.locationId();
		String because = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
		if (!accepted) {
			settle(change, target, Outcome.REFUSED, blankToNull(reason), location, "Location " + location
					+ " refused the change of address of " + target.fulfillmentOrderNumber() + because
					+ "; it ships to the old address");
		}
		else {
			FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
			if (fo.status().shipped()) {
				settle(change, target, Outcome.SHIPPED, "shipped before the location answered", location,
						"Location " + location + " accepted the change of address of " + fo.number()
								+ ", but it had shipped before: refused, it went to the old address");
			}
			else if (fo.status().closed()) {
				settle(change, target, Outcome.REFUSED, "it was " + fo.status() + " before the location answered",
						location, "Location " + location + " accepted the change of address of " + fo.number()
								+ ", but it was " + fo.status() + " before");
			}
			else {
				shipTos.change(fulfillmentOrderId, change.shippingAddress(), location,
						"the location accepted the change of address" + because);
				settle(change, target, Outcome.ACCEPTED, blankToNull(reason), location, "Location " + location
						+ " accepted the change of address of " + fo.number() + because);
			}
		}
		return require(changeId).targets().stream().noneMatch(t -> t.outcome() == Outcome.ASKED);
	}

	/**
	 * {@code Task_KeepOldAddress}: the deadline passed; what no location answered for ships to the old address
	 * (or has shipped to it).
	 */
	@Transactional
	public void keepOldAddress(UUID changeId) {
		AddressChange change = require(changeId);
		orders.lock(change.orderId());
		for (Target target : require(changeId).targets()) {
			if (target.outcome() != Outcome.ASKED) {
				continue;
			}
			FulfillmentOrder fo = fulfillmentOrders.find(target.fulfillmentOrderId());
			if (fo.status().closed()) {
				settle(change, target, Outcome.REFUSED, "it was " + fo.status() + " before the location answered",
						ACTOR, "Fulfillment order " + fo.number() + " was " + fo.status() + " before " + target.locationId()
								+ " answered the change of address");
				continue;
			}
			boolean shipped = fo.status().shipped();
			settle(change, target, shipped ? Outcome.SHIPPED : Outcome.NO_ANSWER,
					shipped ? "shipped before the location answered" : "no answer before " + change.answerDeadline(),
					ACTOR, "No answer from " + target.locationId() + " by " + change.answerDeadline() + ": "
							+ target.fulfillmentOrderNumber() + (shipped ? " shipped" : " ships") + " to the old address");
		}
	}

	private void settle(AddressChange change, Target target, Outcome outcome, String reason, String by,
			String timeline) {
		if (repository.settle(change.id(), target.fulfillmentOrderId(), outcome, reason, by, now())) {
			orders.record(change.orderId(), TimelineType.ADDRESS_CHANGE, by, cap(timeline));
		}
	}

	/**
	 * {@code Task_CompleteAddressChange}: APPLIED, PARTIALLY_APPLIED or REFUSED, on the timeline and as
	 * {@code address_change.completed}. A change of the whole order that was not refused makes the new address the
	 * order's, if that did not happen when it was applied. A repeat changes nothing.
	 */
	@Transactional
	public AddressChange complete(UUID changeId) {
		AddressChange change = require(changeId);
		if (!change.status().open()) {
			return change;
		}
		AddressChangeStatus status = change.settled();
		if (change.fulfillmentOrderId() == null && !change.orderAddressChanged() && status != AddressChangeStatus.REFUSED) {
			orders.lock(change.orderId());
			Order order = orders.require(change.orderId());
			for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
				// one allocated while the locations were asked, and released with the old address, keeps it
				if (!fo.status().closed() && fo.status() != FulfillmentOrderStatus.CREATED) {
					shipTos.keep(fo.id(), order.shippingAddress());
				}
			}
			orders.changeShippingAddress(change.orderId(), change.shippingAddress(), change.requestedBy(),
					change.reason());
			repository.markOrderAddressChanged(changeId, now());
		}
		repository.complete(changeId, status, now());
		AddressChange done = require(changeId);
		orders.record(done.orderId(), TimelineType.ADDRESS_CHANGE, ACTOR,
				cap("Change of shipping address " + done.status() + ": " + done.result()));
		events.publish(done.orderId(), EventType.ADDRESS_CHANGE_COMPLETED, new AddressChangeCompleted(done.id(),
				done.fulfillmentOrderId(), done.status(), done.shippingAddress(), done.reason(), done.result(),
				done.orderAddressChanged(), done.targets()));
		return done;
	}

	/** The data of {@code address_change.completed}: the outcome, per fulfillment order. */
	record AddressChangeCompleted(UUID addressChangeId, UUID fulfillmentOrderId, AddressChangeStatus status,
			Address shippingAddress, String reason, String result, boolean orderAddressChanged, List<Target> targets) {
	}

	// --- reading -------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<AddressChange> find(UUID id) {
		return repository.find(id);
	}

	/** The order's address changes, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<AddressChange> ofOrder(UUID orderId) {
		orders.require(orderId);
		return repository.ofOrder(orderId);
	}

	AddressChangeValidation validation() {
		return validation;
	}

	AddressChange require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No address change " + id));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String cap(String text) {
		return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
