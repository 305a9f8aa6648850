package io.orderflow;

/**
 * The names of an agent's hold of an order, or its release, started in Tasklist ({@code bpmn/order-hold.bpmn}),
 * that Java and the tests share. They are part of {@link OrderProcess.HoldProcess}, which extends this, and are
 * used through it; a file of their own keeps {@link OrderProcess} small.
 */
public interface HoldNames {

	/** Its process definition key. */
	String KEY = "OrderHold";

	interface Variables {

		/** Start form: the order number. */
		String HOLD_FORM_ORDER_NUMBER = "holdOrderNumber";

		/** Start form: HOLD or RELEASE. */
		String HOLD_FORM_ACTION = "holdAction";

		/** Start form: why. */
		String HOLD_FORM_REASON = "holdReason";

		/** The hold that was placed or released. */
		String HOLD_ID = "holdId";

	}

	interface Elements {

		String END_EVENT_ORDER_HOLD_CHANGED = "EndEvent_OrderHoldChanged";

	}
}
