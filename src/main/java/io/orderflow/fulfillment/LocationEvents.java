package io.orderflow.fulfillment;

import static io.orderflow.platform.Text.blankToNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventCorrelator;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.events.EventSubjectNotFoundException;
import io.orderflow.platform.events.InboundEvent;
import io.orderflow.platform.events.InboundEvents;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Location reports about fulfillment orders: validated, stored by event id (a repeat changes
 * nothing), applied to the fulfillment order, and SHIPPED / REJECTED correlated to its process, now or,
 * when the process is not waiting yet, as soon as it is. A SHIPPED report moves the order's status
 * ({@link OrderProgress}) in the transaction that counts the units as shipped. PARCEL_RETURNED says the parcel of a
 * failed delivery, awaited back for a refund, is back at the location: it counts as the carrier's RETURNED_TO_SENDER
 * ({@link ReturnedParcels}, whichever comes first; the second changes nothing), and is refused (409) when no parcel is
 * awaited back.
 */
@Service
public class LocationEvents implements EventCorrelator {

	static final String SOURCE = "LOCATION";

	static final String SHIPPED = "SHIPPED";

	static final String REJECTED = "REJECTED";

	static final String PARCEL_RETURNED = "PARCEL_RETURNED";

	private static final Set<FulfillmentOrderStatus> FINISHED = Set.of(FulfillmentOrderStatus.DELIVERED,
			FulfillmentOrderStatus.CANCELED, FulfillmentOrderStatus.REJECTED, FulfillmentOrderStatus.UNDELIVERED);

	private final FulfillmentOrders fulfillmentOrders;

	private final InboundEvents inbox;

	private final RuntimeService runtime;

	private final ReturnedParcels returnedParcels;

	private final OrderProgress progress;

	LocationEvents(FulfillmentOrders fulfillmentOrders, InboundEvents inbox, RuntimeService runtime,
			ReturnedParcels returnedParcels, OrderProgress progress) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.inbox = inbox;
		this.runtime = runtime;
		this.returnedParcels = returnedParcels;
		this.progress = progress;
	}

	@Transactional
	public EventReceipt receive(UUID fulfillmentOrderId, LocationEventRequest event) {
		FulfillmentOrder fulfillmentOrder = find(fulfillmentOrderId);
		if (!inbox.acceptOnce(event.eventId(), SOURCE, fulfillmentOrderId, event.type(), event.reason())) {
			return receipt(event, EventReceipt.Outcome.DUPLICATE, fulfillmentOrder);
		}
		validate(event, fulfillmentOrder);
		if (PARCEL_RETURNED.equals(event.type())) {
			// 409 when no parcel is awaited back; a parcel known back already (by the carrier) changes nothing
			if (returnedParcels.backAtLocation(fulfillmentOrderId, fulfillmentOrder.locationId(), event.reason())) {
				inbox.deliver(event.eventId(), this);
			}
			else {
				inbox.markCorrelated(event.eventId());
			}
			return receipt(event, EventReceipt.Outcome.ACCEPTED, find(fulfillmentOrderId));
		}
		if (FINISHED.contains(fulfillmentOrder.status())) {
			throw new EventConflictException("Fulfillment order " + fulfillmentOrder.number() + " is "
					+ fulfillmentOrder.status() + ": it takes no more " + event.type() + " reports");
		}
		try {
			switch (event.type()) {
				case "PICKED" -> fulfillmentOrders.markPicked(fulfillmentOrderId);
				case "PACKED" -> fulfillmentOrders.markPacked(fulfillmentOrderId);
				case SHIPPED -> {
					fulfillmentOrders.markShipped(fulfillmentOrderId, blankToNull(event.carrier()),
							blankToNull(event.trackingNumber()));
					// with the shipment, under the order's lock it took: the status never lags behind the quantities
					progress.refresh(fulfillmentOrder.orderId(), "system:fulfillment");
				}
				case REJECTED -> {
					if (fulfillmentOrder.status().compareTo(FulfillmentOrderStatus.SHIPPED) >= 0) {
						throw new EventConflictException(
								"Fulfillment order " + fulfillmentOrder.number() + " has already shipped");
					}
				}
				default -> throw new IllegalArgumentException(event.type());
			}
		}
		catch (FulfillmentOrderStateException illegal) {
			throw new EventConflictException(illegal.getMessage());
		}
		inbox.deliver(event.eventId(), this);
		return receipt(event, EventReceipt.Outcome.ACCEPTED, find(fulfillmentOrderId));
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public boolean correlate(InboundEvent event) {
		String message = switch (event.type()) {
			case SHIPPED -> FulfillmentOrderProcess.Messages.FULFILLMENT_ORDER_SHIPPED;
			case REJECTED -> FulfillmentOrderProcess.Messages.FULFILLMENT_ORDER_REJECTED;
			case PARCEL_RETURNED -> FulfillmentOrderProcess.Messages.PARCEL_RETURNED;
			default -> null;
		};
		if (message == null) {
			return true;
		}
		if (PARCEL_RETURNED.equals(event.type())) {
			// waited for by "Await parcel back at sender" or "Parcel not returned"; done too once the process took the
			// parcel in otherwise (the carrier's report, an agent's decision)
			return !runtime.createMessageCorrelation(message)
				.processInstanceBusinessKey(fulfillmentOrders.find(event.subjectId()).number())
				.correlateAllWithResult()
				.isEmpty() || !returnedParcels.refundAwaitsReturn(event.subjectId());
		}
		// the FulfillmentOrder instance has the fulfillment order's number as business key (indexed),
		// set when it releases the order; a report that comes earlier is picked up by Task_CheckLocationReport
		return !runtime.createMessageCorrelation(message)
			.processInstanceBusinessKey(fulfillmentOrders.find(event.subjectId()).number())
			.setVariables(event.payload() == null ? Map.of() : Map.of(FulfillmentOrderProcess.Variables.REJECTION_REASON, event.payload()))
			.correlateAllWithResult()
			.isEmpty();
	}

	private void validate(LocationEventRequest event, FulfillmentOrder fulfillmentOrder) {
		List<FieldViolation> violations = new ArrayList<>();
		boolean carrier = event.carrier() != null && !event.carrier().isBlank();
		boolean tracking = event.trackingNumber() != null && !event.trackingNumber().isBlank();
		if (carrier != tracking) {
			violations.add(new FieldViolation(carrier ? "trackingNumber" : "carrier",
					"carrier and trackingNumber come together, or neither (Orderflow books the carrier)"));
		}
		if ((carrier || tracking) && !SHIPPED.equals(event.type())) {
			violations.add(new FieldViolation("trackingNumber", "only a SHIPPED report has a tracking number"));
		}
		if (event.lines() != null) {
			if (!REJECTED.equals(event.type())) {
				violations.add(new FieldViolation("lines", "only a REJECTED report names lines"));
			}
			for (int i = 0; i < event.lines().size(); i++) {
				int lineNumber = event.lines().get(i).lineNumber();
				if (fulfillmentOrder.lines().stream().noneMatch(line -> line.lineNumber() == lineNumber)) {
					violations.add(new FieldViolation("lines[" + i + "].lineNumber",
							"fulfillment order " + fulfillmentOrder.number() + " has no line " + lineNumber));
				}
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	private FulfillmentOrder find(UUID id) {
		try {
			return fulfillmentOrders.find(id);
		}
		catch (FulfillmentOrderNotFoundException notFound) {
			throw new EventSubjectNotFoundException("No fulfillment order " + id);
		}
	}

	private static EventReceipt receipt(LocationEventRequest event, EventReceipt.Outcome outcome, FulfillmentOrder fo) {
		return new EventReceipt(event.eventId(), outcome, fo.id(), fo.status().name());
	}

}
