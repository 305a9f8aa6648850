package io.orderflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.orderflow.cancellation.Cancellations;
import io.orderflow.capture.CaptureService;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.fulfillment.LocationEvents;
import io.orderflow.inventory.Inventory;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A task's form read over {@code /engine-rest} (as any client of Tasklist's API does) shows the order as it is
 * when it is read, with what changed since the task was made; a caller who is not signed in changes nothing.
 */
@H2Test
class TaskFormRefreshTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	CaptureService capture;

	@Autowired
	Cancellations cancellations;

	@Autowired
	Inventory inventory;

	@Autowired
	FulfillmentOrders fulfillmentOrders;

	@Autowired
	LocationEvents locationEvents;

	@LocalServerPort
	int port;

	final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	@Test
	void formVariablesReadAfterTheOrderShippedAreTheOrderAsItIsNowWithAWarning() throws Exception {
		// Given a cancellation waiting for review, made while the order was ALLOCATED
		Review review = Review.given(engine, capture, cancellations, inventory, fulfillmentOrders, run);
		String path = "/engine-rest/task/" + review.task().getId() + "/form-variables";
		assertThat(ApiClient.on(port).as("agent").get(path).json().path("orderChanges").path("value").asText()).isEmpty();
		assertThat(ApiClient.on(port).as("agent").get(path).json().path("decisionMoney").path("value").asText())
			.startsWith("Approve: 1 × " + review.order().lines().get(0).sku() + " (line 1) canceled; 59.50 EUR of the "
					+ "payment authorization is released");

		// When the location ships the order
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(review.order().id())) {
			locationEvents.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null,
					null, null));
		}
		Jobs.runDue(engine);

		// Then a caller who is not signed in is refused and the task still holds the old facts
		Response anonymous = ApiClient.on(port).get(path);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(engine.getTaskService().getVariableLocal(review.task().getId(), "orderStatus")).isEqualTo("ALLOCATED");

		// and the agent reading the form gets the order as it is now, with what changed since
		Response form = ApiClient.on(port).as("agent").get(path);
		assertThat(form.status()).as(form.toString()).isEqualTo(200);
		assertThat(form.json().path("orderStatus").path("value").asText()).isEqualTo("SHIPPED");
		assertThat(form.json().path("orderChanges").path("value").asText()).contains("already shipped");
		assertThat(form.json().path("orderHistory").path("value").asText()).contains("integrator: ");
		// and what approving would do to the money is what it would do now: nothing, as everything was charged
		assertThat(form.json().path("decisionMoney").path("value").asText()).isEqualTo("Approve: nothing is canceled, "
				+ "every unit asked for has shipped; nothing is released or refunded. 1 × " + review.order().lines().get(0).sku()
				+ " (line 1) has shipped and stays: it was charged, and only a return refunds it.\n"
				+ "Reject: nothing is canceled, released or refunded.");
	}

}
