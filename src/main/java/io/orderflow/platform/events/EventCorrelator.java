package io.orderflow.platform.events;

/**
 * Delivers stored events of one source to their processes. Implemented by the stages that receive
 * events (locations, carriers); used by {@link EventRedelivery}.
 */
public interface EventCorrelator {

	/** The source this correlator handles, as stored in {@link InboundEvent#source()}. */
	String source();

	/**
	 * Tries to deliver a pending event to its process.
	 * @return true when the event reached its process or no longer needs to (it is then marked correlated)
	 */
	boolean correlate(InboundEvent event);

}
