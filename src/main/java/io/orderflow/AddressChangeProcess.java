package io.orderflow;

/**
 * A change of shipping address, {@code bpmn/order-address-change.bpmn}: the names its model and the code share.
 * Part of {@link OrderProcess}'s catalogue of names, in a file of its own because that one is at the 500 lines a
 * source file may have.
 */
public interface AddressChangeProcess {

	/** Its process definition key. */
	String KEY = "OrderAddressChange";

	interface Variables {

		/** The address change an OrderAddressChange instance is about. */
		String ADDRESS_CHANGE_ID = "addressChangeId";

		/** Whether some fulfillment order is at its location, which is asked to accept the change. */
		String ADDRESS_CHANGE_ASKED = "addressChangeAsked";

		/** Until when the locations may answer (ISO 8601 date-time), the date of the deadline's timer. */
		String ADDRESS_CHANGE_DEADLINE = "addressChangeDeadline";

		/** Start form of OrderAddressChange in Tasklist: the order number. */
		String FORM_ORDER_NUMBER = "addressChangeOrderNumber";

		/** Address change start form: the one fulfillment order to change (its number), or empty for the order. */
		String FORM_FULFILLMENT_ORDER_NUMBER = "addressChangeFulfillmentOrderNumber";

		/** Address change start form: the new address's fields. */
		String FORM_NAME = "addressChangeName";

		String FORM_LINE1 = "addressChangeLine1";

		String FORM_LINE2 = "addressChangeLine2";

		String FORM_POSTAL_CODE = "addressChangePostalCode";

		String FORM_CITY = "addressChangeCity";

		String FORM_REGION = "addressChangeRegion";

		String FORM_COUNTRY = "addressChangeCountry";

		String FORM_PHONE = "addressChangePhone";

		/** Address change start form: why, recorded on the order's timeline. */
		String FORM_REASON = "addressChangeReason";

	}

	interface Messages {

		/** Every location asked has answered (accepted or refused). */
		String LOCATIONS_ANSWERED = "Message_LocationsAnswered";

	}

	interface Elements {

		String START_EVENT_ADDRESS_CHANGE_REQUESTED = "StartEvent_AddressChangeRequested";

		String TASK_REGISTER_ADDRESS_CHANGE = "Task_RegisterAddressChange";

		String TASK_APPLY_ADDRESS_CHANGE = "Task_ApplyAddressChange";

		String TASK_ASK_LOCATIONS = "Task_AskLocationsToChangeAddress";

		String GATEWAY_AWAIT_ANSWERS = "Gateway_AwaitAnswers";

		String EVENT_LOCATIONS_ANSWERED = "Event_LocationsAnswered";

		String TIMER_ANSWER_DEADLINE = "Timer_AnswerDeadline";

		String TASK_KEEP_OLD_ADDRESS = "Task_KeepOldAddress";

		String TASK_COMPLETE_ADDRESS_CHANGE = "Task_CompleteAddressChange";

		String END_EVENT_ADDRESS_CHANGE_COMPLETED = "EndEvent_AddressChangeCompleted";

	}

}
