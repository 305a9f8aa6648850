package io.orderflow;

/**
 * The names of the delivery exceptions of {@code bpmn/fulfillment-order.bpmn} — its limits (the DMN table
 * {@code bpmn/fulfillment-limits.dmn}), the late tasks and failed deliveries — that Java and the tests share. They
 * are part of {@link OrderProcess.FulfillmentOrderProcess}, whose {@code Variables}, {@code Decisions},
 * {@code Messages} and {@code Elements} extend these, and are used through it
 * ({@code FulfillmentOrderProcess.Variables.DELIVERY_FAILURE}); a file of their own keeps {@link OrderProcess} small.
 */
public interface DeliveryExceptionNames {

	/**
	 * Decision key of the limits per delivery method ({@code bpmn/fulfillment-limits.dmn}): how long a location has
	 * from release to shipment, and a carrier from shipment to delivery.
	 */
	String LIMITS_DECISION = "FulfillmentLimits";

	/**
	 * The stage of {@link #LIMITS_DECISION} that says how long a parcel awaited back at the sender (a failed delivery
	 * the agent decided to refund) may take to come back.
	 */
	String RETURN_STAGE = "RETURN";

	interface Variables {

		/** Whether the carrier reported a failed delivery (or the parcel back at the sender) before the process waited. */
		String DELIVERY_FAILED = "deliveryFailed";

		/** The failed delivery in words, for the form of "Resolve failed delivery": the parcel, its units, the reason. */
		String DELIVERY_FAILURE = "deliveryFailure";

		/** The service agent's decision on a failed delivery: REDELIVER, RESHIP or REFUND. */
		String FAILED_DELIVERY_DECISION = "failedDeliveryDecision";

		/** Whether the parcel of a failed delivery is back at the sender (when the agent chose a refund). */
		String PARCEL_RETURNED = "parcelReturned";

		/** The parcel that did not come back by its deadline, in words, for the form of "Parcel not returned". */
		String PARCEL_NOT_RETURNED = "parcelNotReturned";

		/** The service agent's decision on a parcel not back by its deadline: REFUND (anyway) or KEEP_WAITING. */
		String PARCEL_NOT_RETURNED_DECISION = "parcelNotReturnedDecision";

		/** Why the fulfillment order is late, in words, for the forms of the late tasks. */
		String LATENESS = "lateness";

		/** The service agent's decision on a late fulfillment order: KEEP_WAITING or REROUTE. */
		String LATE_FULFILLMENT_DECISION = "lateFulfillmentDecision";

		/** The service agent's decision on a late parcel: KEEP_WAITING or RESHIP (treat it as lost). */
		String LATE_DELIVERY_DECISION = "lateDeliveryDecision";

		/** The new deadline of a late task's KEEP_WAITING: a date (the end of that day, UTC) or an ISO date-time. */
		String NEW_DEADLINE = "newDeadline";

	}

	/** The values of the decisions above. */
	interface Decisions {

		String REDELIVER = "REDELIVER";

		String RESHIP = "RESHIP";

		String REFUND = "REFUND";

		String KEEP_WAITING = "KEEP_WAITING";

		String REROUTE = "REROUTE";

	}

	interface Messages {

		/** The carrier could not deliver the parcel (DELIVERY_FAILED, or RETURNED_TO_SENDER without it). */
		String DELIVERY_FAILED = "Message_DeliveryFailed";

		/**
		 * The parcel of a failed delivery is back at the sender: the carrier's RETURNED_TO_SENDER or the location's
		 * PARCEL_RETURNED, whichever comes first.
		 */
		String PARCEL_RETURNED = "Message_ParcelReturned";

	}

	interface Elements {

		String END_EVENT_FULFILLMENT_ORDER_DELIVERED = "EndEvent_FulfillmentOrderDelivered";

		String END_EVENT_FULFILLMENT_ORDER_REROUTED = "EndEvent_FulfillmentOrderRerouted";

		/** The non-interrupting timer on "Await shipment": the location's limit passed. */
		String BOUNDARY_EVENT_SHIPMENT_LATE = "BoundaryEvent_ShipmentLate";

		/** The timer after "Keep waiting" on a late fulfillment order: the agent's new deadline passed. */
		String TIMER_NEW_SHIPPING_DEADLINE = "TimerEvent_NewShippingDeadline";

		String USER_TASK_RESOLVE_LATE_FULFILLMENT = "UserTask_ResolveLateFulfillment";

		/** The non-interrupting timer on "Await delivery": the carrier's limit passed. */
		String BOUNDARY_EVENT_DELIVERY_LATE = "BoundaryEvent_DeliveryLate";

		/** The timer after "Keep waiting" on a late parcel: the agent's new deadline passed. */
		String TIMER_NEW_DELIVERY_DEADLINE = "TimerEvent_NewDeliveryDeadline";

		String USER_TASK_RESOLVE_LATE_DELIVERY = "UserTask_ResolveLateDelivery";

		String USER_TASK_RESOLVE_FAILED_DELIVERY = "UserTask_ResolveFailedDelivery";

		String TASK_REDELIVER_PARCEL = "Task_RedeliverParcel";

		String TASK_AWAIT_PARCEL_RETURN = "Task_AwaitParcelReturn";

		String TASK_REFUND_UNDELIVERED_UNITS = "Task_RefundUndeliveredUnits";

		String CALL_ACTIVITY_RESHIP_UNDELIVERED_UNITS = "CallActivity_ReshipUndeliveredUnits";

		String END_EVENT_UNDELIVERED_UNITS_RESHIPPED = "EndEvent_UndeliveredUnitsReshipped";

		String END_EVENT_UNDELIVERED_UNITS_REFUNDED = "EndEvent_UndeliveredUnitsRefunded";

		/** The timer on "Await parcel back at sender": its return deadline passed. */
		String BOUNDARY_EVENT_PARCEL_NOT_RETURNED = "BoundaryEvent_ParcelNotReturned";

		String TASK_FLAG_PARCEL_NOT_RETURNED = "Task_FlagParcelNotReturned";

		String USER_TASK_RESOLVE_PARCEL_NOT_RETURNED = "UserTask_ResolveParcelNotReturned";

		String TASK_EXTEND_RETURN_DEADLINE = "Task_ExtendReturnDeadline";

		String TASK_WRITE_OFF_PARCEL = "Task_WriteOffParcel";

		/** The parcel came back while "Parcel not returned" was open: the task closes, the refund follows. */
		String BOUNDARY_EVENT_PARCEL_RETURNED_AFTER_ALL = "BoundaryEvent_ParcelReturnedAfterAll";

	}

}
