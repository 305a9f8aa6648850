package io.orderflow.addresschange;

/**
 * Where a change of shipping address stands. REQUESTED and AWAITING_LOCATIONS are open; the others are final
 * and say what came of it, per fulfillment order in the change's targets.
 */
public enum AddressChangeStatus {

	/** Stored; not yet applied. */
	REQUESTED,
	/** Applied where nothing was at a location yet; the locations that have the goods are asked to accept it. */
	AWAITING_LOCATIONS,
	/** Everything the change was about ships to the new address. */
	APPLIED,
	/** Some of it ships to the new address, some to the old (a location refused or did not answer in time). */
	PARTIALLY_APPLIED,
	/** Nothing ships to the new address: every location asked refused, did not answer in time, or shipped first. */
	REFUSED;

	public boolean open() {
		return this == REQUESTED || this == AWAITING_LOCATIONS;
	}

}
