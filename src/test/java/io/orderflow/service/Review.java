package io.orderflow.service;

import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.cancellation.Cancellation;
import io.orderflow.cancellation.CancellationRequest;
import io.orderflow.cancellation.CancellationStatus;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.capture.CaptureService;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/** A "Review cancellation" task waiting for a service agent, with its order and cancellation. */
record Review(Order order, Cancellation cancellation, Task task) {

	String processInstanceId() {
		return task.getProcessInstanceId();
	}

	/** A released order of 2 × 50.00 and a cancellation of 1 unit, waiting for a service agent. */
	static Review given(ProcessEngine engine, CaptureService capture, Cancellations cancellations,
			Inventory inventory, FulfillmentOrders fulfillmentOrders, String run) throws Exception {
		String sku = "RVW-" + run;
		String location = "RVW-" + run;
		inventory.saveProduct(new Product(sku, "Review product", true));
		inventory.saveLocation(new Location(location, "Review location", LocationType.WAREHOUSE, 1, "DE", null, null,
				true));
		inventory.setOnHand(location, sku, 10);
		Map<String, Object> submission = TestOrders.valid();
		submission.put("lines", new ArrayList<>(List.of(TestOrders.map("sku", sku, "name", sku, "quantity", 2,
				"unitPrice", "50.00", "taxRate", "0.19"))));
		submission.put("shippingCharge", "0.00");
		TestOrders.part(submission, "customer").put("email", "review-" + run + "@example.com");
		Order order = capture.submit(TestOrders.submission(submission), null,
				"integrator").order();
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(order.id()).get(0).status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		Cancellation cancellation = cancellations
			.request(order.id(), new CancellationRequest(List.of(new CancellationRequest.Line(1, 1)), null,
					"customer request"), null, "integrator")
			.resource();
		Jobs.runDue(engine);
		assertThat(cancellations.find(cancellation.id()).orElseThrow().status()).isEqualTo(CancellationStatus.IN_REVIEW);
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(cancellation.processInstanceId())
			.taskDefinitionKey(USER_TASK_REVIEW_CANCELLATION)
			.singleResult();
		assertThat(task).isNotNull();
		return new Review(order, cancellation, task);
	}

}
