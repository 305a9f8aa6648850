package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A line's status and what it can still do follow from its quantities alone. */
class QuantitiesTest {

	@ParameterizedTest(name = "ordered {0}, canceled {1}, allocated {2}, fulfilled {3}, return initiated {4}, returned {5}, reshipped {6} -> {7}")
	@CsvSource({ "3, 0, 0, 0, 0, 0, 0, ORDERED", "3, 0, 1, 0, 0, 0, 0, PARTIALLY_ALLOCATED",
			"3, 0, 3, 0, 0, 0, 0, ALLOCATED", "3, 1, 2, 0, 0, 0, 0, ALLOCATED", "3, 0, 3, 1, 0, 0, 0, PARTIALLY_FULFILLED",
			"3, 0, 3, 3, 0, 0, 0, FULFILLED", "3, 3, 0, 0, 0, 0, 0, CANCELED", "3, 0, 3, 3, 1, 0, 0, RETURN_INITIATED",
			"3, 0, 3, 3, 1, 1, 0, RETURN_INITIATED", "3, 0, 3, 3, 3, 3, 0, RETURNED", "3, 0, 3, 3, 0, 0, 1, RESHIPPED" })
	void statusFollowsFromTheQuantities(int ordered, int canceled, int allocated, int fulfilled, int returnInitiated,
			int returned, int reshipped, LineStatus expected) {
		Quantities quantities = new Quantities(ordered, canceled, allocated, fulfilled, returnInitiated, returned,
				reshipped);
		assertThat(quantities.consistent()).isTrue();
		assertThat(quantities.status()).isEqualTo(expected);
	}

	@Test
	void derivedQuantitiesFollowDesign() {
		Quantities q = new Quantities(10, 2, 5, 4, 1, 0, 1);
		assertThat(q.netOrdered()).isEqualTo(8);
		assertThat(q.availableToCancel()).isEqualTo(3);
		assertThat(q.availableToReturn()).isEqualTo(3);
		assertThat(q.availableToReship()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "more canceled and allocated than ordered, 3, 2, 2, 0, 0, 0, 0",
			"more shipped than allocated, 3, 0, 1, 2, 0, 0, 0", "more returned than initiated, 3, 0, 3, 3, 1, 2, 0",
			"returns and reshipments beyond what shipped, 3, 0, 3, 2, 1, 0, 2", "nothing ordered, 0, 0, 0, 0, 0, 0, 0",
			"negative quantity, 3, -1, 0, 0, 0, 0, 0" })
	void inconsistentQuantitiesAreRecognised(String why, int ordered, int canceled, int allocated, int fulfilled,
			int returnInitiated, int returned, int reshipped) {
		assertThat(new Quantities(ordered, canceled, allocated, fulfilled, returnInitiated, returned, reshipped)
			.consistent()).as(why).isFalse();
	}

}
