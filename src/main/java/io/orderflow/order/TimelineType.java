package io.orderflow.order;

/** The kinds of timeline entries; plain strings in the table, so that later stages can add their own. */
public final class TimelineType {

	public static final String ORDER_RECEIVED = "ORDER_RECEIVED";

	public static final String LIFECYCLE_STARTED = "LIFECYCLE_STARTED";

	public static final String STATUS_CHANGED = "STATUS_CHANGED";

	public static final String QUANTITIES_CHANGED = "QUANTITIES_CHANGED";

	public static final String PAYMENT = "PAYMENT";

	public static final String ALLOCATION = "ALLOCATION";

	public static final String FULFILLMENT = "FULFILLMENT";

	public static final String SHIPMENT = "SHIPMENT";

	public static final String NOTIFICATION = "NOTIFICATION";

	public static final String DECISION = "DECISION";

	public static final String CANCELLATION = "CANCELLATION";

	public static final String RESHIPMENT = "RESHIPMENT";

	/** A change of shipping address: requested, asked of a location, accepted, refused, done. */
	public static final String ADDRESS_CHANGE = "ADDRESS_CHANGE";

	/** A step of the order's processes stopped at an incident that an operator resolves in Cockpit. */
	public static final String INCIDENT = "INCIDENT";

	/** An agent held the order (a manual hold, not the risk review's ON_HOLD), or released it. */
	public static final String HOLD = "HOLD";
	// --- Adjustments ---

	/** An adjustment (discount, appeasement) requested, refunded or rejected. */
	public static final String ADJUSTMENT = "ADJUSTMENT";

	/** An exchange (units sent back, others sent in their place) requested, approved, rejected or received. */
	public static final String EXCHANGE = "EXCHANGE";

	private TimelineType() {
	}

}
