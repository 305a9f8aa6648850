package io.orderflow;

/**
 * The names of an exchange ({@code bpmn/order-exchange.bpmn}) and its reservation policy that Java and the tests
 * share. They are part of {@link OrderProcess.ExchangeProcess}, which extends this, and are used through it; a file
 * of their own keeps {@link OrderProcess} small.
 */
public interface ExchangeNames {

	/** Its process definition key. */
	String KEY = "OrderExchange";

	/** Decision key of the reservation policy ({@code bpmn/exchange-reservation.dmn}). */
	String RESERVATION_DECISION = "ExchangeReservation";

	interface Variables {

		/** The exchange an OrderExchange instance is about. */
		String EXCHANGE_ID = "exchangeId";

		/** Whether the return policy lets every returned line come back. */
		String EXCHANGE_ELIGIBLE = "exchangeEligible";

		/** Why the exchange is refused (the return policy's reason, or the declined payment), for the timeline. */
		String EXCHANGE_REJECTION_REASON = "exchangeRejectionReason";

		/** When the replacement is reserved, by the reservation policy: APPROVAL or RECEIPT. */
		String EXCHANGE_RESERVE_ON = "exchangeReserveOn";

		/** How long after approval the returned units may take (ISO 8601 duration), by the reservation policy. */
		String EXCHANGE_RETURN_WITHIN = "exchangeReturnWithin";

		/** Set at the return deadline: whether any of the replacement had shipped (then a service agent settles). */
		String EXCHANGE_REPLACEMENT_SHIPPED = "exchangeReplacementShipped";

		/** "Settle units not returned": what did not come back and what the customer has, for the form. */
		String EXCHANGE_NOT_RETURNED = "exchangeNotReturned";

		/** "Settle units not returned": KEEP_BOTH (close, nothing more charged) or KEEP_WAITING (another period). */
		String EXCHANGE_NOT_RETURNED_DECISION = "exchangeNotReturnedDecision";

		/** Start form of OrderExchange in Tasklist: the order number. */
		String EXCHANGE_FORM_ORDER_NUMBER = "exchangeOrderNumber";

		/** Exchange start form: the units sent back, "lineNumber:quantity, ...". */
		String EXCHANGE_FORM_LINES = "exchangeLines";

		/** Exchange start form: why they come back (the return policy's reasons). */
		String EXCHANGE_FORM_REASON = "exchangeReason";

		/** Exchange start form: the replacement's SKU. */
		String EXCHANGE_FORM_REPLACEMENT_SKU = "exchangeReplacementSku";

		/** Exchange start form: how many of the replacement. */
		String EXCHANGE_FORM_REPLACEMENT_QUANTITY = "exchangeReplacementQuantity";

		/** Exchange start form: the replacement's unit price (net), when not the returned line's. */
		String EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE = "exchangeReplacementUnitPrice";

		/** Exchange start form: the agent's note, recorded on the order's timeline. */
		String EXCHANGE_FORM_NOTE = "exchangeNote";

	}

	interface Messages {

		/** The returned units arrived at a location (RETURN_RECEIVED on the exchange). */
		String RETURNED_UNITS_RECEIVED = "Message_ExchangeReturnReceived";

	}

	interface Elements {

		String TASK_REGISTER_EXCHANGE = "Task_RegisterExchange";

		String TASK_CHECK_EXCHANGE_ELIGIBILITY = "Task_CheckExchangeEligibility";

		String TASK_APPROVE_EXCHANGE = "Task_ApproveExchange";

		String RECEIVE_TASK_AWAIT_RETURNED_UNITS = "ReceiveTask_AwaitReturnedUnits";

		String EVENT_RETURNED_UNITS_RECEIVED = "Event_ReturnedUnitsReceived";

		String TASK_RESERVE_REPLACEMENT = "Task_ReserveReplacement";

		String CALL_ACTIVITY_SHIP_REPLACEMENT = "CallActivity_ShipReplacement";

		String END_EVENT_EXCHANGE_COMPLETED = "EndEvent_ExchangeCompleted";

		String END_EVENT_EXCHANGE_REJECTED = "EndEvent_ExchangeRejected";

		String BOUNDARY_EVENT_RETURN_DEADLINE_PASSED = "BoundaryEvent_ReturnDeadlinePassed";

		String TASK_EXPIRE_EXCHANGE = "Task_ExpireExchange";

		String END_EVENT_EXCHANGE_EXPIRED = "EndEvent_ExchangeExpired";

		String USER_TASK_SETTLE_UNRETURNED_UNITS = "UserTask_SettleUnreturnedUnits";

		String TASK_REOPEN_EXCHANGE = "Task_ReopenExchange";

		String TASK_CLOSE_UNRETURNED_EXCHANGE = "Task_CloseUnreturnedExchange";

		String START_EVENT_AUTHORIZATION_EXPIRING = "StartEvent_AuthorizationExpiring";

		String TASK_RENEW_DIFFERENCE_AUTHORIZATION = "Task_RenewDifferenceAuthorization";

	}
}
