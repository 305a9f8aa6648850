package io.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Routing decides where an order ships from: fewest fulfillment orders first, then the tie-breakers. */
class RoutingTest {

	static final GeoPoint BERLIN = new GeoPoint(52.520008, 13.404954);

	static final GeoPoint HAMBURG = new GeoPoint(53.551086, 9.993682);

	static final GeoPoint MUNICH = new GeoPoint(48.137154, 11.576124);

	static final GeoPoint SZCZECIN = new GeoPoint(53.428543, 14.552812);

	final Routing routing = new Routing();

	@Test
	void singleLocationShipsTheWholeOrder() {
		RoutingPlan plan = routing.plan(List.of(line(1, "A", 2), line(2, "B", 1)),
				List.of(candidate(location("WH-1", 1), "A", 10, "B", 10)), Destination.country("DE"));

		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-1", List.of(line(1, "A", 2), line(2, "B", 1))));
		assertThat(plan.backordered()).isEmpty();
		assertThat(plan.fullyCovered()).isTrue();
	}

	@Test
	void oneLocationIsPreferredOverTwoEvenWithALowerPriority() {
		// Given the best locations each hold only one of the SKUs, a far worse one holds both
		List<StockCandidate> candidates = List.of(candidate(location("WH-A", 1), "A", 10),
				candidate(location("WH-B", 1), "B", 10), candidate(location("STORE-AB", 9), "A", 2, "B", 1));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 2), line(2, "B", 1)), candidates, null);

		// Then one fulfillment order beats two
		assertThat(locations(plan)).containsExactly("STORE-AB");
	}

	@Test
	void orderIsSplitAcrossTwoLocationsWhenNoSingleOneCanShipIt() {
		List<StockCandidate> candidates = List.of(candidate(location("WH-A", 1), "A", 10),
				candidate(location("WH-B", 2), "B", 10));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 2), line(2, "B", 1)), candidates, null);

		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-A", List.of(line(1, "A", 2))),
				new PlannedShipment("WH-B", List.of(line(2, "B", 1))));
		assertThat(plan.backordered()).isEmpty();
	}

	@Test
	void lineIsSplitOnlyWhenNoLocationOfTheChosenSetCanTakeItWhole() {
		// Given 5 units wanted, and no location holding 5
		List<StockCandidate> candidates = List.of(candidate(location("WH-1", 1), "A", 3),
				candidate(location("WH-2", 2), "A", 4));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 5)), candidates, null);

		// Then the line is split, the largest stock first
		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-1", List.of(line(1, "A", 1))),
				new PlannedShipment("WH-2", List.of(line(1, "A", 4))));
	}

	@Test
	void lineThatOneLocationOfTheSetCanTakeWholeIsNotSplit() {
		// Given two locations are needed (each has one SKU the other lacks), and both hold some A
		List<StockCandidate> candidates = List.of(candidate(location("WH-1", 1), "A", 1, "B", 1),
				candidate(location("WH-2", 2), "A", 3, "C", 1));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 3), line(2, "B", 1), line(3, "C", 1)), candidates,
				null);

		// Then the 3 × A ship whole from the location that has 3, although the better one has 1
		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-1", List.of(line(2, "B", 1))),
				new PlannedShipment("WH-2", List.of(line(1, "A", 3), line(3, "C", 1))));
	}

	@Test
	void threeLinesAreSpreadOverTheFewestLocations() {
		// Given a location with most of the order (a greedy choice), and two that cover it all together
		List<StockCandidate> candidates = List.of(candidate(location("WH-BIG", 1), "A", 1, "B", 1),
				candidate(location("WH-AC", 5), "A", 1, "C", 1), candidate(location("WH-BC", 5), "B", 1, "C", 1),
				candidate(location("WH-C", 2), "C", 1));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 1), line(2, "B", 1), line(3, "C", 1)), candidates,
				null);

		// Then two fulfillment orders, and of the two-location sets the one with the best priorities
		assertThat(locations(plan)).containsExactly("WH-BIG", "WH-C");
		assertThat(plan.backordered()).isEmpty();
	}

	@Test
	void exactSearchFindsTheMinimumWhereTheGreedyFirstChoiceIsWrong() {
		// Given the classic set cover trap: one location covers four SKUs, two others cover all six together
		List<StockCandidate> candidates = List.of(candidate(location("WH-BIG", 1), "A", 1, "B", 1, "C", 1, "D", 1),
				candidate(location("WH-L", 5), "A", 1, "B", 1, "E", 1),
				candidate(location("WH-R", 5), "C", 1, "D", 1, "F", 1));
		List<LineQuantity> order = List.of(line(1, "A", 1), line(2, "B", 1), line(3, "C", 1), line(4, "D", 1),
				line(5, "E", 1), line(6, "F", 1));

		assertThat(locations(routing.plan(order, candidates, null))).containsExactly("WH-L", "WH-R");
	}

	@Test
	void beyondTheExactSearchLimitGreedyStillShipsEverythingWithoutRedundantLocations() {
		// Given more candidate locations than the exact search handles
		Routing greedy = new Routing(3);
		List<StockCandidate> candidates = new ArrayList<>();
		candidates.add(candidate(location("WH-BIG", 1), "A", 1, "B", 1, "C", 1, "D", 1));
		candidates.add(candidate(location("WH-L", 5), "A", 1, "B", 1, "E", 1));
		candidates.add(candidate(location("WH-R", 5), "C", 1, "D", 1, "F", 1));
		for (int i = 0; i < 20; i++) {
			candidates.add(candidate(location("STORE-" + i, 9), "A", 1));
		}
		List<LineQuantity> order = List.of(line(1, "A", 1), line(2, "B", 1), line(3, "C", 1), line(4, "D", 1),
				line(5, "E", 1), line(6, "F", 1));

		RoutingPlan plan = greedy.plan(order, candidates, null);

		// Then everything ships, and the location the others made redundant is dropped again
		assertThat(plan.backordered()).isEmpty();
		assertThat(plan.allocatedUnits()).isEqualTo(6);
		assertThat(locations(plan)).containsExactly("WH-L", "WH-R");
	}

	@Test
	void tiesBetweenEquallySmallSetsAreBrokenByPriority() {
		List<StockCandidate> candidates = List.of(candidate(location("WH-3", 3), "A", 5),
				candidate(location("WH-2", 2), "A", 5), candidate(location("WH-7", 7), "A", 5));

		assertThat(locations(routing.plan(List.of(line(1, "A", 1)), candidates, null))).containsExactly("WH-2");
	}

	@Test
	void prioritiesOfEquallySmallSetsAreComparedLexicographicallyNotSummed() {
		// Given exactly two pairs cover the order: {P1, P5} and {P2, P3}; the sum (6 > 5) would prefer the
		// second, the lexicographic order ([1, 5] < [2, 3]) prefers the first
		List<StockCandidate> candidates = List.of(candidate(location("P1", 1), "A", 1, "B", 1),
				candidate(location("P5", 5), "C", 1, "D", 1), candidate(location("P2", 2), "A", 1, "C", 1),
				candidate(location("P3", 3), "B", 1, "D", 1));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 1), line(2, "B", 1), line(3, "C", 1), line(4, "D", 1)),
				candidates, null);

		assertThat(locations(plan)).containsExactly("P1", "P5");
	}

	@Test
	void tiesOfEqualPriorityAreBrokenByDistanceToTheShippingAddress() {
		List<StockCandidate> candidates = List.of(candidate(location("STORE-MUNICH", 1, "DE", MUNICH), "A", 5),
				candidate(location("WH-HAMBURG", 1, "DE", HAMBURG), "A", 5));

		RoutingPlan toBerlin = routing.plan(List.of(line(1, "A", 1)), candidates, new Destination("DE", BERLIN));
		RoutingPlan toNuremberg = routing.plan(List.of(line(1, "A", 1)), candidates,
				new Destination("DE", new GeoPoint(49.45, 11.08)));

		assertThat(locations(toBerlin)).containsExactly("WH-HAMBURG");
		assertThat(locations(toNuremberg)).containsExactly("STORE-MUNICH");
	}

	@Test
	void withoutAPointTiesFallBackToTheLocationId() {
		List<StockCandidate> candidates = List.of(candidate(location("WH-Z", 1, "DE", BERLIN), "A", 5),
				candidate(location("WH-A", 1, "DE", MUNICH), "A", 5));

		assertThat(locations(routing.plan(List.of(line(1, "A", 1)), candidates, Destination.country("DE"))))
			.containsExactly("WH-A");
	}

	@Test
	void locationWithoutCoordinatesRanksAfterOneWithWhenDistanceDecides() {
		List<StockCandidate> candidates = List.of(candidate(location("WH-A", 1, "DE", null), "A", 5),
				candidate(location("WH-B", 1, "DE", MUNICH), "A", 5));

		assertThat(locations(routing.plan(List.of(line(1, "A", 1)), candidates, new Destination("DE", BERLIN))))
			.containsExactly("WH-B");
	}

	@Test
	void sameCountryIsPreferredBeforeDistance() {
		// Given Szczecin (PL) is far closer to Berlin than Munich (DE)
		List<StockCandidate> candidates = List.of(candidate(location("WH-SZCZECIN", 1, "PL", SZCZECIN), "A", 5),
				candidate(location("STORE-MUNICH", 1, "DE", MUNICH), "A", 5));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 1)), candidates, new Destination("DE", BERLIN));

		assertThat(locations(plan)).containsExactly("STORE-MUNICH");
	}

	@Test
	void priorityComesBeforeCountryAndDistance() {
		List<StockCandidate> candidates = List.of(candidate(location("WH-FAR", 1, "PL", SZCZECIN), "A", 5),
				candidate(location("WH-NEAR", 2, "DE", BERLIN), "A", 5));

		assertThat(locations(routing.plan(List.of(line(1, "A", 1)), candidates, new Destination("DE", BERLIN))))
			.containsExactly("WH-FAR");
	}

	@Test
	void whatNoLocationHasIsBackordered() {
		List<StockCandidate> candidates = List.of(candidate(location("WH-1", 1), "A", 1),
				candidate(location("WH-2", 2), "A", 1));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 3), line(2, "NOBODY-HAS-IT", 2)), candidates, null);

		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-1", List.of(line(1, "A", 1))),
				new PlannedShipment("WH-2", List.of(line(1, "A", 1))));
		assertThat(plan.backordered()).containsExactly(Map.entry(1, 1), Map.entry(2, 2));
		assertThat(plan.fullyCovered()).isFalse();
	}

	@Test
	void whatCanShipShipsAndOnlyTheRestIsBackordered() {
		// Given SKU B is out of stock everywhere
		List<StockCandidate> candidates = List.of(candidate(location("WH-1", 1), "A", 10, "B", 0, "C", 10));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 2), line(2, "B", 1), line(3, "C", 1)), candidates,
				null);

		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-1", List.of(line(1, "A", 2), line(3, "C", 1))));
		assertThat(plan.backordered()).containsExactly(Map.entry(2, 1));
	}

	@Test
	void inactiveLocationsAreIgnored() {
		Location closed = new Location("WH-CLOSED", "closed", LocationType.WAREHOUSE, 1, "DE", null, null, false);
		List<StockCandidate> candidates = List.of(candidate(closed, "A", 10, "B", 10),
				candidate(location("WH-A", 5), "A", 10), candidate(location("WH-B", 5), "B", 10));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 1), line(2, "B", 1)), candidates, null);

		assertThat(locations(plan)).containsExactly("WH-A", "WH-B");
		assertThat(routing.plan(List.of(line(1, "A", 1)), List.of(candidate(closed, "A", 10)), null).backordered())
			.containsExactly(Map.entry(1, 1));
	}

	@Test
	void noCandidateAtAllBackordersEverything() {
		RoutingPlan plan = routing.plan(List.of(line(1, "A", 2), line(2, "B", 1)), List.of(), null);

		assertThat(plan.shipments()).isEmpty();
		assertThat(plan.backordered()).containsExactly(Map.entry(1, 2), Map.entry(2, 1));
	}

	@Test
	void nothingToPlaceIsAnEmptyPlan() {
		RoutingPlan plan = routing.plan(List.of(line(1, "A", 0)), List.of(candidate(location("WH-1", 1), "A", 1)),
				null);

		assertThat(plan.shipments()).isEmpty();
		assertThat(plan.backordered()).isEmpty();
	}

	@Test
	void linesOfTheSameSkuArePlacedLargestFirstSoThatNoneIsSplit() {
		// Given 1 + 5 units of A wanted, 5 at the better location and 1 at the other
		List<StockCandidate> candidates = List.of(candidate(location("WH-1", 1), "A", 5),
				candidate(location("WH-2", 2), "A", 1));

		RoutingPlan plan = routing.plan(List.of(line(1, "A", 1), line(2, "A", 5)), candidates, null);

		assertThat(plan.shipments()).containsExactly(new PlannedShipment("WH-1", List.of(line(2, "A", 5))),
				new PlannedShipment("WH-2", List.of(line(1, "A", 1))));
	}

	@Test
	void locationNamedTwiceIsRefused() {
		assertThatThrownBy(() -> routing.plan(List.of(line(1, "A", 1)),
				List.of(candidate(location("WH-1", 1), "A", 1), candidate(location("WH-1", 1), "A", 2)), null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void haversineDistanceMatchesKnownDistances() {
		assertThat(BERLIN.distanceKm(MUNICH)).isCloseTo(504, within(3.0));
		assertThat(BERLIN.distanceKm(HAMBURG)).isCloseTo(255, within(3.0));
		assertThat(BERLIN.distanceKm(BERLIN)).isZero();
	}

	static LineQuantity line(int lineNumber, String sku, int quantity) {
		return new LineQuantity(lineNumber, sku, quantity);
	}

	static Location location(String id, int priority) {
		return new Location(id, id, LocationType.WAREHOUSE, priority, "DE", null, null, true);
	}

	static Location location(String id, int priority, String country, GeoPoint point) {
		return new Location(id, id, LocationType.WAREHOUSE, priority, country,
				point == null ? null : BigDecimal.valueOf(point.latitude()),
				point == null ? null : BigDecimal.valueOf(point.longitude()), true);
	}

	static StockCandidate candidate(Location location, Object... skusAndQuantities) {
		Map<String, Integer> available = new LinkedHashMap<>();
		for (int i = 0; i < skusAndQuantities.length; i += 2) {
			available.put((String) skusAndQuantities[i], (Integer) skusAndQuantities[i + 1]);
		}
		return new StockCandidate(location, available);
	}

	static List<String> locations(RoutingPlan plan) {
		return plan.shipments().stream().map(PlannedShipment::locationId).toList();
	}

}
