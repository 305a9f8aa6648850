package io.orderflow.service;

import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.capture.CaptureService;
import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.delivery.CarrierEvents;
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
import io.orderflow.returns.ReturnOrder;
import io.orderflow.returns.ReturnRequest;
import io.orderflow.returns.ReturnStatus;
import io.orderflow.returns.Returns;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

import org.springframework.context.ApplicationContext;

/** A "Review return" task waiting for a service agent, with its delivered order and return order. */
record ReturnReview(Order order, ReturnOrder returnOrder, Task task, String sku) {

	/** A delivered order of 2 × 40.00 and an eligible return of 1 unit that does not fit, waiting for an agent. */
	static ReturnReview given(ApplicationContext context, String run) throws Exception {
		ProcessEngine engine = context.getBean(ProcessEngine.class);
		Inventory inventory = context.getBean(Inventory.class);
		FulfillmentOrders fulfillmentOrders = context.getBean(FulfillmentOrders.class);
		String sku = "RET-" + run;
		String location = "RET-" + run;
		inventory.saveProduct(new Product(sku, "Return product", true));
		inventory.saveLocation(new Location(location, "Return location", LocationType.WAREHOUSE, 1, "DE", null, null,
				true));
		inventory.setOnHand(location, sku, 10);
		Map<String, Object> submission = TestOrders.valid();
		submission.put("lines", new ArrayList<>(List.of(TestOrders.map("sku", sku, "name", sku, "quantity", 2,
				"unitPrice", "40.00", "taxRate", "0.19"))));
		submission.put("shippingCharge", "0.00");
		TestOrders.part(submission, "customer").put("email", "return-" + run + "@example.com");
		Order order = context.getBean(CaptureService.class)
			.submit(TestOrders.submission(submission), null, "integrator")
			.order();
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
			context.getBean(LocationEvents.class)
				.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null, null));
			Jobs.runDue(engine);
			var shipment = context.getBean(Shipments.class).ofFulfillmentOrder(fo.id()).orElseThrow();
			context.getBean(CarrierEvents.class)
				.receive(shipment.id(), new CarrierEventRequest("DELIVERED-" + shipment.id(), "DELIVERED", null, null));
			Jobs.runDue(engine);
		}
		Returns returns = context.getBean(Returns.class);
		ReturnOrder ret = returns
			.request(order.id(), new ReturnRequest(List.of(new ReturnRequest.Line(1, 1, "DOES_NOT_FIT")), null), null,
					"integrator")
			.resource();
		Jobs.runDue(engine);
		assertThat(returns.find(ret.id()).orElseThrow().status()).isEqualTo(ReturnStatus.REQUESTED);
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(ret.processInstanceId())
			.taskDefinitionKey(USER_TASK_REVIEW_RETURN)
			.singleResult();
		assertThat(task).as("review task of " + ret.rmaNumber()).isNotNull();
		return new ReturnReview(order, ret, task, sku);
	}

}
