package io.orderflow.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.adjustment.AdjustmentRequest;
import io.orderflow.adjustment.Adjustments;
import io.orderflow.cancellation.CancellationRequest;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.capture.CaptureService;
import io.orderflow.capture.OrderSubmission;
import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.capture.OrderSubmission.LineInput;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.order.Order;
import io.orderflow.order.OrderSearch;
import io.orderflow.order.Orders;
import io.orderflow.returns.ReturnEventRequest;
import io.orderflow.returns.ReturnEvents;
import io.orderflow.returns.ReturnOrder;
import io.orderflow.returns.ReturnRequest;
import io.orderflow.returns.ReturnStatus;
import io.orderflow.returns.Returns;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Orders for the demo, so that Tasklist has work for every demo user on the first start: a delivered order
 * with a return to review and one whose return came back for inspection, a cancellation to review, an
 * appeasement to approve, a backorder to resolve and an order on hold for a risk review. Played once, into an empty order book, through the same services the REST API
 * uses, by the demo users; in the background after startup (the processes run on the job executor). Off
 * with {@code orderflow.demo.orders=false}; never with the postgres profile.
 */
@Component
@Profile("demo & !postgres")
@ConditionalOnProperty(name = "orderflow.demo.orders", havingValue = "true", matchIfMissing = true)
class DemoOrders {

	private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);

	private static final Duration PATIENCE = Duration.ofMinutes(5);

	private final CaptureService capture;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final Returns returns;

	private final ReturnEvents returnEvents;

	private final Cancellations cancellations;

	private final Adjustments adjustments;

	private final TaskService tasks;

	private final IdentityService identity;

	DemoOrders(CaptureService capture, Orders orders, FulfillmentOrders fulfillmentOrders, Returns returns,
			ReturnEvents returnEvents, Cancellations cancellations, Adjustments adjustments, TaskService tasks,
			IdentityService identity) {
		this.capture = capture;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.returns = returns;
		this.returnEvents = returnEvents;
		this.cancellations = cancellations;
		this.adjustments = adjustments;
		this.tasks = tasks;
		this.identity = identity;
	}

	@EventListener(ApplicationReadyEvent.class)
	void play() {
		if (orders.search(new OrderSearch(null, null, null, null, null, null, null, null), 0, 1).totalElements() > 0) {
			return;
		}
		Thread player = new Thread(this::playAll, "demo-orders");
		player.setDaemon(true);
		player.start();
	}

	void playAll() {
		try {
			// the simulated locations and carrier move them along; the requests wait for the state they need
			Order returning = submit("DEMO-RETURN", "Grace Hopper", "grace@orderflow.example",
					line("SKU-TSHIRT-M", "Organic T-shirt, M", 2, "19.99"), line("SKU-MUG", "Enamel mug", 1, "12.00"));
			Order inspected = submit("DEMO-INSPECT", "Alan Turing", "alan@orderflow.example",
					line("SKU-JEANS-32", "Slim jeans, 32", 2, "49.00"));
			Order canceling = submit("DEMO-CANCEL", "Katherine Johnson", "katherine@orderflow.example",
					line("SKU-HOODIE-M", "Hoodie, M", 2, "59.00"));
			Order appeased = submit("DEMO-APPEASE", "Edsger Dijkstra", "edsger@orderflow.example",
					line("SKU-SNEAKER-42", "Sneaker, 42", 1, "89.00"));
			// more socks than Berlin and Hamburg have together: a backorder for the service agents
			submit("DEMO-BACKORDER", "Barbara Liskov", "barbara@orderflow.example",
					line("SKU-SOCKS", "Wool socks", 160, "1.20"));
			// over 1000: on hold for a fraud analyst
			submit("DEMO-RISK", "Ken Thompson", "ken@orderflow.example", line("SKU-SNEAKER-42", "Sneaker, 42", 12, "89.00"));

			// released, worth more than 50: a service agent reviews the cancellation
			await(canceling, FulfillmentOrderStatus.RELEASED);
			cancellations.request(canceling.id(), new CancellationRequest(List.of(new CancellationRequest.Line(1, 1)), null,
					"Ordered one too many"), null, "integrator");

			await(returning, FulfillmentOrderStatus.DELIVERED);
			returns.request(returning.id(), new ReturnRequest(List.of(new ReturnRequest.Line(1, 1, "DOES_NOT_FIT")),
					"Customer wants size L instead"), null, "integrator");

			await(appeased, FulfillmentOrderStatus.DELIVERED);
			adjustments.request(appeased.id(), new AdjustmentRequest(1, null, new BigDecimal("30.00"), null,
					"Delivered a week late"), null, "integrator");

			// approved by the agent, arrived with its condition unchecked: the warehouse inspects
			await(inspected, FulfillmentOrderStatus.DELIVERED);
			ReturnOrder ret = returns.request(inspected.id(), new ReturnRequest(List.of(new ReturnRequest.Line(1, 2,
					"ARRIVED_DAMAGED")), "Both pairs came with a torn seam"), null, "integrator").resource();
			approveReturn(ret);
			returnEvents.receive(ret.id(), new ReturnEventRequest("demo-received-" + ret.id(), "RETURN_RECEIVED", null, null));
			log.info("Demo orders played: returns, a cancellation, an appeasement, a backorder and a risk review wait in"
					+ " Tasklist");
		}
		catch (RuntimeException | InterruptedException failed) {
			log.warn("Demo orders stopped: {}", failed.toString());
			if (failed instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
	}

	// --- the steps ---------------------------------------------------------------------------

	private Order submit(String reference, String name, String email, LineInput... lines) {
		AddressInput address = new AddressInput(name, "Unter den Linden 1", null, "10117", "Berlin", null, "DE", null);
		OrderSubmission submission = new OrderSubmission(reference, "WEB",
				new OrderSubmission.CustomerInput(null, email, name, "de"), "EUR", address, address, "STANDARD", List.of(lines),
				new BigDecimal("4.90"), new OrderSubmission.PaymentInput("CARD", "tok_approve"));
		return capture.submit(submission, "demo:" + reference, "integrator").order();
	}

	/** Waits until every fulfillment order of the order has reached the status. */
	private void await(Order order, FulfillmentOrderStatus status) throws InterruptedException {
		await(order.orderNumber() + " " + status, () -> {
			List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
			return !fos.isEmpty() && fos.stream().allMatch(fo -> fo.status() == status);
		});
	}

	private void approveReturn(ReturnOrder ret) throws InterruptedException {
		await("review of " + ret.rmaNumber(), () -> reviewTask(ret) != null);
		identity.setAuthentication("agent", List.of(OrderProcess.Groups.SERVICE_AGENTS));
		try {
			tasks.complete(reviewTask(ret).getId(), Map.of(ReturnProcess.Variables.RETURN_DECISION, "APPROVE", Variables.DECISION_NOTE,
					"Photos show the damage; return label sent"));
		}
		finally {
			identity.clearAuthentication();
		}
		await(ret.rmaNumber() + " approved",
				() -> returns.find(ret.id()).map(r -> r.status() == ReturnStatus.APPROVED).orElse(false));
	}

	private Task reviewTask(ReturnOrder ret) {
		return tasks.createTaskQuery()
			.processInstanceId(ret.processInstanceId())
			.taskDefinitionKey(OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN)
			.singleResult();
	}

	private static LineInput line(String sku, String name, int quantity, String unitPrice) {
		return new LineInput(sku, name, quantity, new BigDecimal(unitPrice), new BigDecimal("0.19"));
	}

	private static void await(String what, Supplier<Boolean> done) throws InterruptedException {
		long until = System.nanoTime() + PATIENCE.toNanos();
		while (!Boolean.TRUE.equals(done.get())) {
			if (System.nanoTime() > until) {
				throw new IllegalStateException("gave up waiting for " + what);
			}
			Thread.sleep(250);
		}
	}

}
