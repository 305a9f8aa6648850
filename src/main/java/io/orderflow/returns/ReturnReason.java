package io.orderflow.returns;



/** Why a customer returns units of a line; {@code bpmn/refund-fee.dmn} decides on fees by it. */
public enum ReturnReason {

	/** Broken or not working. */
	DEFECTIVE,
	/** Damaged when it arrived. */
	ARRIVED_DAMAGED,
	/** Not what was ordered. */
	WRONG_ITEM,
	/** Not as the shop described it. */
	NOT_AS_DESCRIBED,
	/** Size or fit. */
	DOES_NOT_FIT,
	/** The customer no longer wants it. */
	CHANGED_MIND,
	OTHER

}
