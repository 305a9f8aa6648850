package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_SHIP_FULFILLMENT_ORDER;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/**
 * What a carrier's failure does to "Hand over to carrier": Given a shipped fulfillment order, When the carrier
 * cannot be reached, Then the booking is tried again by its retry cycle; When the carrier refuses the parcel (the
 * sandbox: a country it does not serve), Then trying again cannot help, and it is an incident at once with the
 * carrier's words, which an operator's retry in Cockpit does not turn into more automatic attempts.
 */
class CarrierFailureScenarioTest extends DeliveryScenario {

	CarrierFailureScenarioTest() {
		super("CAR", "Carrier", "carrier");
	}

	@Test
	void aCarrierThatCannotBeReachedIsTriedAgainByTheRetryCycle() throws Exception {
		// Given an order to the postal code the sandbox carrier cannot be reached for
		Order order = releasedTo("UNREACHABLE", "DE", "00000");

		// When the location ships it and the booking fails
		ship(onlyFulfillmentOrder(order));

		// Then the job waits for its next attempt: retries left, no incident
		Job booking = bookingJob();
		assertThat(booking.getExceptionMessage()).contains("unreachable for postal code 00000");
		assertThat(booking.getRetries()).isPositive();
		assertThat(engine.getRuntimeService().createIncidentQuery().list()).isEmpty();
		cancelled(order);
	}

	@Test
	void aParcelTheCarrierRefusesIsAnIncidentAtOnceWithTheCarriersWords() throws Exception {
		// Given an order to a country the sandbox carrier does not deliver to
		Order order = releasedTo("REFUSED", "JP", "100-0001");

		// When the location ships it and the carrier refuses the booking
		ship(onlyFulfillmentOrder(order));

		// Then no retry is left: an incident on the fulfillment order's process, with the carrier's words
		assertThat(bookingJob().getRetries()).isZero();
		assertThat(bookingIncidents()).singleElement()
			.satisfies(incident -> assertThat(incident.getIncidentMessage())
				.isEqualTo("Sandbox carrier does not deliver to JP"));
		assertThat(orders.timeline(order.id())).anyMatch(entry -> "INCIDENT".equals(entry.type())
				&& entry.description().contains("Sandbox carrier does not deliver to JP"));

		// And an operator's retry is one attempt, which ends in the incident again
		Jobs.retry(engine, TASK_SHIP_FULFILLMENT_ORDER);
		assertThat(bookingJob().getRetries()).isZero();
		assertThat(bookingIncidents()).hasSize(1);
		assertThat(shipments.ofFulfillmentOrder(onlyFulfillmentOrder(order).id())).isEmpty();
		cancelled(order);
	}

	private Order releasedTo(String name, String country, String postalCode) throws Exception {
		String sku = sku(name);
		stock(location(name), sku, 5);
		Map<String, Object> input = orderOf(orderLine(sku, 1, "10.00"));
		TestOrders.part(input, "shippingAddress").put("country", country);
		TestOrders.part(input, "shippingAddress").put("postalCode", postalCode);
		Order order = submitOrder(input);
		Jobs.runDue(engine);
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		assertThat(fo.status().name()).isEqualTo("RELEASED");
		return order;
	}

	/** The incidents of "Hand over to carrier" (the lifecycle's call activity shows each again, as its cause). */
	private List<Incident> bookingIncidents() {
		return engine.getRuntimeService().createIncidentQuery().activityId(TASK_SHIP_FULFILLMENT_ORDER).list();
	}

	private Job bookingJob() {
		return engine.getManagementService()
			.createJobQuery()
			.activityId(TASK_SHIP_FULFILLMENT_ORDER)
			.withException()
			.singleResult();
	}

	/** The operator gives the order up in Cockpit: its process instances are deleted, and their incidents with them. */
	private void cancelled(Order order) {
		engine.getRuntimeService()
			.deleteProcessInstance(orders.find(order.id()).orElseThrow().processInstanceId(), "given up by an operator");
	}

}
