package io.orderflow.addresschange;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.Address;

/**
 * One change of an order's shipping address, of the whole order ({@code fulfillmentOrderId} null) or of one
 * fulfillment order. {@code orderAddressChanged}: the order's own address was changed (what is allocated from
 * then on ships to it); {@code unallocatedChanged}: some of its units were not yet allocated then, and follow it. Per fulfillment order it reached, a {@link Target}: changed at once, or asked of its
 * location and what came of it. {@code result} says it in words.
 */
public record AddressChange(UUID id, UUID orderId, String orderNumber, UUID fulfillmentOrderId, Address shippingAddress,
		String reason, AddressChangeStatus status, boolean orderAddressChanged, boolean unallocatedChanged, String requestedBy,
		String processInstanceId, OffsetDateTime answerDeadline, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		List<Target> targets) {

	public AddressChange {
		targets = List.copyOf(targets);
	}

	/** What the change did to one fulfillment order; {@code decidedBy} is the location that answered, if one did. */
	public record Target(UUID fulfillmentOrderId, String fulfillmentOrderNumber, String locationId, Outcome outcome,
			String reason, String decidedBy, OffsetDateTime updatedAt) {
	}

	/** What came of the change for one fulfillment order. */
	public enum Outcome {

		/** Not yet released: changed at once; its location learns the new address with the release. */
		CHANGED,
		/** At its location, which is asked to accept; waiting for the answer. */
		ASKED,
		/** Its location accepted: it ships to the new address. */
		ACCEPTED,
		/** Its location refused: it ships to the old address. */
		REFUSED,
		/** No answer before the deadline: it ships to the old address. */
		NO_ANSWER,
		/** It shipped before its location answered: refused, it went to the old address. */
		SHIPPED;

		boolean applied() {
			return this == CHANGED || this == ACCEPTED;
		}

		boolean refused() {
			return this == REFUSED || this == NO_ANSWER || this == SHIPPED;
		}

	}

	/** The final status its targets make: what ships to the new address, and what to the old one. */
	AddressChangeStatus settled() {
		long applied = targets.stream().filter(target -> target.outcome().applied()).count()
				+ (unallocatedChanged ? 1 : 0);
		long refused = targets.stream().filter(target -> target.outcome().refused()).count();
		return applied == 0 ? AddressChangeStatus.REFUSED
				: refused == 0 ? AddressChangeStatus.APPLIED : AddressChangeStatus.PARTIALLY_APPLIED;
	}

	public String result() {
		return switch (status) {
			case REQUESTED -> "Requested; being applied";
			case AWAITING_LOCATIONS -> "Waiting for the locations to accept or refuse it until " + answerDeadline;
			case APPLIED -> "Everything still to ship goes to the new address";
			case REFUSED, PARTIALLY_APPLIED -> targets.isEmpty() ? "Refused: everything had shipped" : (status == AddressChangeStatus.REFUSED ? "Refused: " : "Partly applied: ")
					+ String.join("; ", targets.stream()
						.filter(target -> target.outcome().refused())
						.map(target -> target.fulfillmentOrderNumber() + " ships to the old address ("
								+ switch (target.outcome()) {
									case REFUSED -> target.locationId() + " refused" + (target.reason() == null ? ""
											: ": " + target.reason());
									case NO_ANSWER -> "no answer from " + target.locationId() + " in time";
									default -> target.reason();
								} + ")")
						.toList());
		};
	}

}
