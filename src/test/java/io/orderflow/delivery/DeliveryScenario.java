package io.orderflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.order.TimelineEntry;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.task.Task;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the delivery exception scenarios share: orders shipped and waiting for their carrier, carrier reports with
 * their reasons, the tasks of a fulfillment order's process and a service agent's decisions on them, as Tasklist
 * completes them (signed in, group service-agents).
 */
abstract class DeliveryScenario extends ServiceScenario {

	static final String AGENT = "agent";

	@Autowired
	DeliveryFailures failures;

	@Autowired
	FulfillmentDeadlines deadlines;

	DeliveryScenario(String prefix, String label, String emailPrefix) {
		super(prefix, label, emailPrefix);
	}

	/** An order of these lines, released, shipped and captured: its one fulfillment order waits for the carrier. */
	@SafeVarargs
	final Order shippedOrder(Map<String, Object>... lines) throws Exception {
		Order order = releasedOrder(lines);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
			ship(fo);
		}
		return orders.find(order.id()).orElseThrow();
	}

	FulfillmentOrder onlyFulfillmentOrder(Order order) {
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
		assertThat(fos).hasSize(1);
		return fos.get(0);
	}

	/** The fulfillment order's shipment in use. */
	Shipment shipmentOf(FulfillmentOrder fo) {
		return shipments.ofFulfillmentOrder(fo.id()).orElseThrow();
	}

	/** The carrier reports an event of {@code type} with {@code detail} for a parcel (event id: type-shipmentId); no jobs run. */
	EventReceipt carrier(Shipment shipment, String type, String detail) {
		return carrier(shipment, type, detail, type + "-" + shipment.id());
	}

	EventReceipt carrier(Shipment shipment, String type, String detail, String eventId) {
		return carrierEvents.receive(shipment.id(), new CarrierEventRequest(eventId, type, null, detail));
	}

	/** The open task of this kind in the fulfillment order's process. */
	Task task(FulfillmentOrder fo, String taskKey) {
		return openTask(fo, taskKey).orElseThrow(() -> new AssertionError("no task " + taskKey + " of " + fo.number()));
	}

	Optional<Task> openTask(FulfillmentOrder fo, String taskKey) {
		return Optional.ofNullable(engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(fo.number())
			.taskDefinitionKey(taskKey)
			.singleResult());
	}

	long openTasks(FulfillmentOrder fo) {
		return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(fo.number()).count();
	}

	/** A service agent completes the task with these variables, as Tasklist does; the jobs that follow run. */
	void decide(Task task, Map<String, Object> variables) {
		engine.getIdentityService().setAuthentication(AGENT, List.of("service-agents"));
		try {
			engine.getTaskService().complete(task.getId(), variables);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		Jobs.runDue(engine);
	}

	List<String> timeline(Order order) {
		return orders.timeline(order.id()).stream().map(TimelineEntry::description).toList();
	}

	List<String> toCustomer(Order order) {
		return orders.timeline(order.id())
			.stream()
			.filter(entry -> "NOTIFICATION".equals(entry.type()))
			.map(TimelineEntry::description)
			.toList();
	}

}
