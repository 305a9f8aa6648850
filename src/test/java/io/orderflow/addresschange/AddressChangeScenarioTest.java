package io.orderflow.addresschange;

import static io.orderflow.AddressChangeProcess.Elements.END_EVENT_ADDRESS_CHANGE_COMPLETED;
import static io.orderflow.AddressChangeProcess.Elements.EVENT_LOCATIONS_ANSWERED;
import static io.orderflow.AddressChangeProcess.Elements.GATEWAY_AWAIT_ANSWERS;
import static io.orderflow.AddressChangeProcess.Elements.TASK_ASK_LOCATIONS;
import static io.orderflow.AddressChangeProcess.Elements.TASK_KEEP_OLD_ADDRESS;
import static io.orderflow.AddressChangeProcess.Elements.TIMER_ANSWER_DEADLINE;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderflow.addresschange.AddressChange.Outcome;
import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentShipTos;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.order.Order;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Changes of shipping address, path by path: before release the address simply changes (and allocation routes by
 * it); after release the location accepts (the carrier is booked to the new address), refuses, does not answer in
 * time, or ships first (the parcel goes to the old address); after shipment the change is refused.
 */
class AddressChangeScenarioTest extends ServiceScenario {

	static final AddressInput VIENNA = new AddressInput("Ada Lovelace", "Ringstrasse 5", null, "1010", "Wien", null,
			"AT", null);

	@Autowired
	AddressChanges changes;

	@Autowired
	AddressChangeEvents answers;

	@Autowired
	FulfillmentShipTos shipTos;

	AddressChangeScenarioTest() {
		super("ADR", "Address change", "address");
	}

	@Test
	void beforeAllocationTheAddressSimplyChangesAndAllocationRoutesByIt() throws Exception {
		// Given stock in Germany and in Austria, and an order to Berlin not yet allocated
		String a = sku("A");
		String berlin = location("BER", 1);
		String vienna = locationIn("VIE", "AT");
		stock(berlin, a, 5);
		stock(vienna, a, 5);
		Order order = submit(orderLine(a, 1, "10.00"));

		// When the customer moves to Vienna before anything is allocated
		AddressChange change = request(order, null);
		runJobsOf(change);

		// Then the order's address is the new one, and the change is APPLIED with nothing to ask
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.APPLIED);
		assertThat(done.orderAddressChanged()).isTrue();
		assertThat(done.targets()).isEmpty();
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded()
			.hasPassed(END_EVENT_ADDRESS_CHANGE_COMPLETED)
			.hasNotPassed(TASK_ASK_LOCATIONS);
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Wien");

		// And when the lifecycle allocates, it routes to the Austrian location, which ships to Vienna
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.locationId()).isEqualTo(vienna);
		assertThat(shipTos.shipTo(fo.id()).city()).isEqualTo("Wien");
		ship(fo);
		assertThat(bookedCountry(fo)).isEqualTo("AT");
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("ADDRESS_CHANGE")
				&& e.actor().equals("agent") && e.description().contains("Customer moved"));
	}

	@Test
	void afterReleaseTheLocationAcceptsAndTheCarrierIsBookedToTheNewAddress() throws Exception {
		// Given an order released to Berlin
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);

		// When the address changes
		AddressChange change = request(order, null);
		runJobsOf(change);

		// Then the location is asked, with a deadline, and the parcel keeps the old address meanwhile
		AddressChange waiting = changes.find(change.id()).orElseThrow();
		assertThat(waiting.status()).isEqualTo(AddressChangeStatus.AWAITING_LOCATIONS);
		assertThat(Duration.between(waiting.createdAt(), waiting.answerDeadline()))
			.isBetween(Duration.ofHours(4).minusMinutes(1), Duration.ofHours(4).plusMinutes(1));
		assertThat(waiting.targets()).singleElement().satisfies(t -> assertThat(t.outcome()).isEqualTo(Outcome.ASKED));
		assertThat(new ProcessInstanceRef(waiting.processInstanceId())).isWaitingAt(GATEWAY_AWAIT_ANSWERS);
		assertThat(shipTos.shipTo(fo.id()).city()).isEqualTo("Berlin");
		assertThat(count("select count(*) from order_event where order_id = :id and event_type = "
				+ "'fulfillment_order.address_change_requested'", order)).isEqualTo(1);
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Berlin");

		// When the location accepts
		EventReceipt receipt = answer(change, fo, "ACCEPTED", "acc-" + fo.id());
		assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.ACCEPTED);
		Jobs.runDue(engine);

		// Then the change is APPLIED, the order and the parcel go to Vienna, and the carrier is booked there
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.APPLIED);
		assertThat(done.targets()).singleElement().satisfies(t -> {
			assertThat(t.outcome()).isEqualTo(Outcome.ACCEPTED);
			assertThat(t.decidedBy()).isEqualTo(fo.locationId());
		});
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded().hasPassed(EVENT_LOCATIONS_ANSWERED);
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Wien");
		assertThat(shipTos.shipTo(fo.id()).city()).isEqualTo("Wien");
		ship(fo);
		assertThat(bookedCountry(fo)).isEqualTo("AT");
		assertThat(count("select count(*) from order_event where order_id = :id and event_type = "
				+ "'address_change.completed'", order)).isEqualTo(1);

		// And a repeated answer changes nothing
		assertThat(answer(change, fo, "ACCEPTED", "acc-" + fo.id()).outcome()).isEqualTo(EventReceipt.Outcome.DUPLICATE);
		assertThatThrownBy(() -> answer(change, fo, "REFUSED", "ref-" + fo.id()))
			.isInstanceOf(StateConflictException.class)
			.hasMessageContaining("has its answer already: ACCEPTED");
		assertThat(changes.find(change.id()).orElseThrow().targets().get(0).outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void aRefusalKeepsTheOldAddressForTheParcelAndTheOrder() throws Exception {
		// Given an order released to Berlin whose address is to change
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		AddressChange change = request(order, null);
		runJobsOf(change);

		// When the location refuses
		answer(change, fo, "REFUSED", "ref-" + fo.id());
		Jobs.runDue(engine);

		// Then the change is REFUSED, and the parcel and the order keep Berlin
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.REFUSED);
		assertThat(done.result()).contains(fo.number() + " ships to the old address", "refused: already labelled");
		assertThat(done.orderAddressChanged()).isFalse();
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Berlin");
		ship(fo);
		assertThat(bookedCountry(fo)).isEqualTo("DE");
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals(fo.locationId())
				&& e.description().contains("refused the change of address"));
	}

	@Test
	void withoutAnAnswerByTheDeadlineTheParcelShipsToTheOldAddress() throws Exception {
		// Given a change asked of the location
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		AddressChange change = request(order, null);
		runJobsOf(change);

		// When the deadline passes without an answer
		Jobs.fireTimers(engine, order.orderNumber(), TIMER_ANSWER_DEADLINE);
		Jobs.runDue(engine);

		// Then the change is REFUSED (no answer), and a late answer is refused
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.REFUSED);
		assertThat(done.targets()).singleElement().satisfies(t -> assertThat(t.outcome()).isEqualTo(Outcome.NO_ANSWER));
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded().hasPassed(TASK_KEEP_OLD_ADDRESS);
		assertThatThrownBy(() -> answer(change, fo, "ACCEPTED", "late-" + fo.id()))
			.isInstanceOf(StateConflictException.class)
			.hasMessageContaining("the deadline passed");
		ship(fo);
		assertThat(bookedCountry(fo)).isEqualTo("DE");
	}

	@Test
	void aParcelThatShipsBeforeTheLocationAnswersGoesToTheOldAddress() throws Exception {
		// Given a change asked of the location
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		AddressChange change = request(order, null);
		runJobsOf(change);

		// When it ships first, and the location accepts afterwards
		ship(fo);
		answer(change, fo, "ACCEPTED", "acc-" + fo.id());
		Jobs.runDue(engine);

		// Then the parcel went to the old address, and the change is refused: shipped before the answer
		assertThat(bookedCountry(fo)).isEqualTo("DE");
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.REFUSED);
		assertThat(done.targets()).singleElement().satisfies(t -> {
			assertThat(t.outcome()).isEqualTo(Outcome.SHIPPED);
			assertThat(t.reason()).isEqualTo("shipped before the location answered");
		});
		assertThat(shipTos.shipTo(fo.id()).city()).isEqualTo("Berlin");
	}

	@Test
	void oneFulfillmentOrderChangesAloneAndTheOtherLocationRefusesNothing() throws Exception {
		// Given an order split over two locations, both released
		Split split = splitOverBerlinAndHamburg();
		Order order = split.order();
		FulfillmentOrder fromBerlin = split.fromBerlin();
		FulfillmentOrder fromHamburg = split.fromHamburg();

		// When only Hamburg's parcel is to go to Vienna, and Hamburg accepts
		AddressChange change = request(order, fromHamburg.number());
		runJobsOf(change);
		assertThat(changes.find(change.id()).orElseThrow().targets()).extracting(AddressChange.Target::fulfillmentOrderId)
			.containsExactly(fromHamburg.id());
		answer(change, fromHamburg, "ACCEPTED", "acc-" + fromHamburg.id());
		Jobs.runDue(engine);

		// Then Hamburg ships to Vienna, Berlin and the order keep Berlin
		assertThat(changes.find(change.id()).orElseThrow().status()).isEqualTo(AddressChangeStatus.APPLIED);
		ship(fromHamburg);
		ship(fromBerlin);
		assertThat(bookedCountry(fromHamburg)).isEqualTo("AT");
		assertThat(bookedCountry(fromBerlin)).isEqualTo("DE");
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Berlin");
	}

	@Test
	void aChangeOfTheWholeOrderWithTwoLocationsIsPartlyAppliedWhenOneRefuses() throws Exception {
		// Given an order split over two locations, both released
		Split split = splitOverBerlinAndHamburg();
		Order order = split.order();
		FulfillmentOrder fromBerlin = split.fromBerlin();
		FulfillmentOrder fromHamburg = split.fromHamburg();
		AddressChange change = request(order, null);
		runJobsOf(change);

		// When Berlin accepts and Hamburg refuses
		answer(change, fromBerlin, "ACCEPTED", "acc-" + fromBerlin.id());
		assertThat(new ProcessInstanceRef(change.processInstanceId())).isWaitingAt(GATEWAY_AWAIT_ANSWERS);
		assertThatThrownBy(() -> answer(change, fromHamburg, "ACCEPTED", "acc-" + fromBerlin.id()))
			.as("Berlin's event id for Hamburg's answer")
			.isInstanceOf(EventConflictException.class);
		answer(change, fromHamburg, "REFUSED", "ref-" + fromHamburg.id());
		Jobs.runDue(engine);

		// Then it is PARTIALLY_APPLIED: Berlin's parcel and the order go to Vienna, Hamburg's to Berlin
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.PARTIALLY_APPLIED);
		assertThat(done.orderAddressChanged()).isTrue();
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Wien");
		ship(fromBerlin);
		ship(fromHamburg);
		assertThat(bookedCountry(fromBerlin)).isEqualTo("AT");
		assertThat(bookedCountry(fromHamburg)).isEqualTo("DE");
	}

	@Test
	void aParcelReleasedWithTheOldAddressWhileLocationsWereAskedKeepsIt() throws Exception {
		// Given an order split over Berlin and Hamburg, both released, whose address is to change
		Split split = splitOverBerlinAndHamburg();
		Order order = split.order();
		FulfillmentOrder fromBerlin = split.fromBerlin();
		FulfillmentOrder fromHamburg = split.fromHamburg();
		String munich = location("MUC", 3);
		stock(munich, split.a(), 5);
		AddressChange change = request(order, null);
		runJobsOf(change);

		// When Berlin rejects its fulfillment order (re-routed to Munich and released there with the old address),
		// Hamburg accepts, and the deadline passes
		report(fromBerlin, "REJECTED");
		Jobs.runDue(engine);
		FulfillmentOrder fromMunich = at(order, munich);
		answer(change, fromHamburg, "ACCEPTED", "acc-" + fromHamburg.id());
		Jobs.fireTimers(engine, order.orderNumber(), TIMER_ANSWER_DEADLINE);
		Jobs.runDue(engine);

		// Then the change is partly applied: the order and Hamburg's parcel go to Vienna, Munich's to the address
		// it was released with
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.PARTIALLY_APPLIED);
		assertThat(done.targets()).filteredOn(t -> t.fulfillmentOrderId().equals(fromBerlin.id()))
			.singleElement()
			.satisfies(t -> assertThat(t.outcome()).isEqualTo(Outcome.REFUSED));
		assertThat(orders.require(order.id()).shippingAddress().city()).isEqualTo("Wien");
		ship(fromMunich);
		ship(fromHamburg);
		assertThat(bookedCountry(fromMunich)).isEqualTo("DE");
		assertThat(bookedCountry(fromHamburg)).isEqualTo("AT");
	}

	@Test
	void twoLocationsAnsweringAtOnceEndTheChangeOnce() throws Exception {
		// Given an order split over Berlin and Hamburg, both asked to change the address
		Split split = splitOverBerlinAndHamburg();
		Order order = split.order();
		AddressChange change = request(order, null);
		runJobsOf(change);

		// When both accept at the same moment
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<EventReceipt>> answered = new ArrayList<>();
			for (FulfillmentOrder fo : List.of(split.fromBerlin(), split.fromHamburg())) {
				answered.add(pool.submit(() -> {
					await(start);
					return answer(change, fo, "ACCEPTED", "acc-" + fo.id());
				}));
			}
			start.countDown();
			for (Future<EventReceipt> receipt : answered) {
				assertThat(receipt.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(EventReceipt.Outcome.ACCEPTED);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Jobs.runDue(engine);

		// Then the change is APPLIED once, its process ended, and both parcels go to Vienna
		AddressChange done = changes.find(change.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.APPLIED);
		assertThat(done.targets()).extracting(AddressChange.Target::outcome).containsOnly(Outcome.ACCEPTED);
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded().hasPassed(EVENT_LOCATIONS_ANSWERED);
		assertThat(count("select count(*) from order_event where order_id = :id and event_type = "
				+ "'address_change.completed'", order)).isEqualTo(1);
	}

	@Test
	void afterShipmentTheChangeIsRefused() throws Exception {
		// Given an order whose only parcel has shipped
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		ship(fo);

		// Then neither the order's address nor the parcel's can change, and nothing is stored
		assertThatThrownBy(() -> request(order, null)).isInstanceOf(StateConflictException.class)
			.hasMessageContaining("has shipped");
		assertThatThrownBy(() -> request(order, fo.number())).isInstanceOf(StateConflictException.class)
			.hasMessageContaining("is SHIPPED");
		assertThat(changes.ofOrder(order.id())).isEmpty();
	}

	@Test
	void anInvalidAddressIsRefusedFieldByField() throws Exception {
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = submit(orderLine(a, 1, "10.00"));
		AddressChangeRequest invalid = new AddressChangeRequest(
				new AddressInput(" ", "Ringstrasse 5", null, null, "Wien", null, "XX", null), "OF-1-F9", " ");
		assertThatThrownBy(() -> changes.request(order.id(), invalid, null, "agent"))
			.isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
				.extracting(v -> v.field())
				.containsExactlyInAnyOrder("fulfillmentOrderId", "reason", "shippingAddress.country",
						"shippingAddress.name", "shippingAddress.postalCode"));
		assertThat(changes.ofOrder(order.id())).isEmpty();
	}

	// --- helpers -------------------------------------------------------------------------------

	/** An order of one A from Berlin (priority 1) and one B from Hamburg (priority 2), both released. */
	record Split(Order order, String a, FulfillmentOrder fromBerlin, FulfillmentOrder fromHamburg) {
	}

	private Split splitOverBerlinAndHamburg() throws Exception {
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, b, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"), orderLine(b, 1, "10.00"));
		return new Split(order, a, at(order, berlin), at(order, hamburg));
	}

	private AddressChange request(Order order, String fulfillmentOrder) {
		return changes.request(order.id(), new AddressChangeRequest(VIENNA, fulfillmentOrder, "Customer moved"), null,
				"agent").resource();
	}

	private EventReceipt answer(AddressChange change, FulfillmentOrder fo, String type, String eventId) {
		return answers.receive(change.id(),
				new AddressChangeEventRequest(eventId, type, fo.id(), type.equals("REFUSED") ? "already labelled" : null,
						null));
	}

	/** Runs the jobs of the change's own process only, not the order's lifecycle. */
	private void runJobsOf(AddressChange change) {
		var management = engine.getManagementService();
		for (int i = 0; i < 10; i++) {
			var jobs = management.createJobQuery().processInstanceId(change.processInstanceId()).executable().list();
			if (jobs.isEmpty()) {
				return;
			}
			jobs.forEach(job -> management.executeJob(job.getId()));
		}
	}

	private String locationIn(String name, String country) {
		String id = "ADR-" + run + "-" + name;
		inventory.saveLocation(new Location(id, "Address change location " + name, LocationType.WAREHOUSE, 1, country,
				null, null, true));
		return id;
	}

	private String bookedCountry(FulfillmentOrder fo) {
		return jdbc.sql("select country from sandbox_carrier_booking where idempotency_key = :key")
			.param("key", "book:" + fo.id())
			.query(String.class)
			.single();
	}

}
