package io.orderflow.order;

/** The kinds of timeline entries; plain strings in the table so later stages can add their own. */
final class TimelineType {

	static final String ORDER_RECEIVED = "ORDER_RECEIVED";

	static final String LIFECYCLE_STARTED = "LIFECYCLE_STARTED";

	private TimelineType() {
	}

}
