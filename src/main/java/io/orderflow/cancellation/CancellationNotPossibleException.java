package io.orderflow.cancellation;



/** The order is in a state where no cancellation can be taken (it was rejected in Capture): 409. */
public class CancellationNotPossibleException extends RuntimeException {

	public CancellationNotPossibleException(String message) {
		super(message);
	}

}
