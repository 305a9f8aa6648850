package io.orderflow.benchmark;

import java.util.List;

/** Orders (or bare instances) stopped moving: the run ends and reports where they stand. */
final class StalledException extends RuntimeException {

	private final List<String> diagnosis;

	StalledException(String message, List<String> diagnosis) {
		super(message);
		this.diagnosis = List.copyOf(diagnosis);
	}

	List<String> diagnosis() {
		return diagnosis;
	}

}
