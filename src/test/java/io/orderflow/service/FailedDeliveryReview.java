package io.orderflow.service;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.capture.CaptureService;
import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.delivery.CarrierEvents;
import io.orderflow.delivery.Shipment;
import io.orderflow.delivery.Shipments;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.fulfillment.LocationEvents;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

import org.springframework.context.ApplicationContext;

/** A "Resolve failed delivery" task waiting for a service agent: an order of 2 × 15.00 shipped, its delivery failed. */
record FailedDeliveryReview(Order order, FulfillmentOrder fulfillmentOrder, Shipment shipment, String sku, Task task) {

	static final String REASON = "Recipient not at home, no safe place";

	static FailedDeliveryReview given(ApplicationContext context, String run) throws Exception {
		ProcessEngine engine = context.getBean(ProcessEngine.class);
		Inventory inventory = context.getBean(Inventory.class);
		FulfillmentOrders fulfillmentOrders = context.getBean(FulfillmentOrders.class);
		Shipments shipments = context.getBean(Shipments.class);
		String sku = "FDR-" + run;
		String location = "FDR-" + run;
		inventory.saveProduct(new Product(sku, "Failed delivery product", true));
		inventory.saveLocation(new Location(location, "Failed delivery location", LocationType.WAREHOUSE, 1, "DE",
				null, null, true));
		inventory.setOnHand(location, sku, 10);
		Map<String, Object> submission = TestOrders.valid();
		submission.put("lines", new ArrayList<>(List.of(TestOrders.map("sku", sku, "name", sku, "quantity", 2,
				"unitPrice", "15.00", "taxRate", "0.19"))));
		submission.put("shippingCharge", "0.00");
		TestOrders.part(submission, "customer").put("email", "failed-delivery-" + run + "@example.com");
		Order order = context.getBean(CaptureService.class)
			.submit(TestOrders.submission(submission), null, "integrator")
			.order();
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		context.getBean(LocationEvents.class)
			.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null, null));
		Jobs.runDue(engine);
		Shipment shipment = shipments.ofFulfillmentOrder(fo.id()).orElseThrow();
		context.getBean(CarrierEvents.class)
			.receive(shipment.id(),
					new CarrierEventRequest("FAILED-" + shipment.id(), "DELIVERY_FAILED", null, REASON));
		Jobs.runDue(engine);
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(fo.number())
			.taskDefinitionKey(USER_TASK_RESOLVE_FAILED_DELIVERY)
			.singleResult();
		assertThat(task).as("Resolve failed delivery of %s", fo.number()).isNotNull();
		return new FailedDeliveryReview(order, fo, shipment, sku, task);
	}

}
