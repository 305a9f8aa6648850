package io.orderflow.service;

import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.orderflow.OrderProcess;
import io.orderflow.capture.CaptureService;
import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.delivery.CarrierEvents;
import io.orderflow.delivery.Shipments;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.fulfillment.LocationEvents;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.payment.Authorizations;
import io.orderflow.payment.Captures;
import io.orderflow.payment.Payments;
import io.orderflow.payment.PendingCredits;
import io.orderflow.payment.Refunds;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the service scenario tests share: a full Orderflow on H2, its services, a quiet engine before each
 * test and the {@link Invariants} after it, and the Given/When/Then helpers. Each test class names its own
 * SKUs, locations and customer e-mail after a prefix and a run id, so that classes and runs sharing one
 * database do not meet. Public, with protected members, for the scenario tests outside this package
 * ({@code io.orderflow.OrderLifecycleScenarioTest}).
 */
@H2Test
public abstract class ServiceScenario {

	@Autowired
	protected ProcessEngine engine;

	@Autowired
	protected CaptureService capture;

	@Autowired
	protected Orders orders;

	@Autowired
	protected Inventory inventory;

	@Autowired
	protected FulfillmentOrders fulfillmentOrders;

	@Autowired
	protected LocationEvents locationEvents;

	@Autowired
	protected CarrierEvents carrierEvents;

	@Autowired
	protected Shipments shipments;

	@Autowired
	protected Payments payments;

	@Autowired
	protected Authorizations authorizations;

	@Autowired
	protected Captures captures;

	@Autowired
	protected Refunds refunds;

	@Autowired
	protected PendingCredits pendingCredits;

	@Autowired
	protected JdbcClient jdbc;

	protected final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	private final String prefix;

	private final String label;

	private final String emailPrefix;

	/**
	 * @param prefix of SKU and location ids ({@code prefix-run-name})
	 * @param label of product and location names ({@code "label product name"})
	 * @param emailPrefix of the customer's e-mail ({@code emailPrefix-run@example.com})
	 */
	protected ServiceScenario(String prefix, String label, String emailPrefix) {
		this.prefix = prefix;
		this.label = label;
		this.emailPrefix = emailPrefix;
	}

	@BeforeEach
	protected void quietEngine() {
		Jobs.discardLeftovers(engine);
	}

	@AfterEach
	protected void invariantsHold() {
		engine.getIdentityService().clearAuthentication();
		Invariants.assertHold(jdbc, engine);
	}

	// --- Given helpers ------------------------------------------------------------------------

	protected String sku(String name) {
		String sku = prefix + "-" + run + "-" + name;
		inventory.saveProduct(new Product(sku, label + " product " + name, true));
		return sku;
	}

	protected String location(String name) {
		return location(name, 1);
	}

	protected String location(String name, int priority) {
		String id = prefix + "-" + run + "-" + name;
		inventory.saveLocation(new Location(id, label + " location " + name, LocationType.WAREHOUSE, priority, "DE",
				null, null, true));
		return id;
	}

	protected void stock(String location, String sku, int onHand) {
		inventory.setOnHand(location, sku, onHand);
	}

	/** The default submission ({@link TestOrders#valid()}) with these lines, no shipping charge, this class's customer. */
	@SafeVarargs
	protected final Map<String, Object> orderOf(Map<String, Object>... lines) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", new ArrayList<>(List.of(lines)));
		order.put("shippingCharge", "0.00");
		TestOrders.part(order, "customer").put("email", emailPrefix + "-" + run + "@example.com");
		return order;
	}

	/** Submits an order as the integrator does, without running its jobs. */
	protected Order submitOrder(Map<String, Object> order) throws Exception {
		return capture.submit(TestOrders.submission(order), null, "integrator").order();
	}

	@SafeVarargs
	protected final Order submit(Map<String, Object>... lines) throws Exception {
		return submitOrder(orderOf(lines));
	}

	/** An order whose fulfillment orders are all released to their locations. */
	@SafeVarargs
	protected final Order releasedOrder(Map<String, Object>... lines) throws Exception {
		Order order = submit(lines);
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(order.id())).isNotEmpty()
			.allSatisfy(fo -> assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.RELEASED));
		return order;
	}

	/** An order that shipped, was captured and delivered, its lifecycle completed. */
	@SafeVarargs
	protected final Order deliveredOrder(Map<String, Object>... lines) throws Exception {
		Order order = submit(lines);
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
			shipAndDeliver(fo);
		}
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		return orders.find(order.id()).orElseThrow();
	}

	/** Runs the jobs of the order's lifecycle until its fulfillment orders exist, and no further. */
	protected void runUntilFulfillmentOrderExists(Order order) {
		for (int i = 0; i < 10 && fulfillmentOrders.ofOrder(order.id()).isEmpty(); i++) {
			engine.getManagementService()
				.createJobQuery()
				.processInstanceId(lifecycle(order).getId())
				.executable()
				.list()
				.forEach(job -> engine.getManagementService().executeJob(job.getId()));
		}
	}

	// --- When helpers -------------------------------------------------------------------------

	/** The location reports an event of {@code type} (e.g. SHIPPED) for a fulfillment order; no jobs run. */
	protected EventReceipt report(FulfillmentOrder fo, String type) {
		return locationEvents.receive(fo.id(),
				new LocationEventRequest(type + "-" + fo.id(), type, null, null, null, null, null));
	}

	protected void ship(FulfillmentOrder fo) {
		report(fo, "SHIPPED");
		Jobs.runDue(engine);
	}

	protected void shipAndDeliver(FulfillmentOrder fo) {
		ship(fo);
		deliver(fo);
	}

	protected void deliver(FulfillmentOrder fo) {
		var shipment = shipments.ofFulfillmentOrder(fo.id()).orElseThrow();
		carrierEvents.receive(shipment.id(), new CarrierEventRequest("DELIVERED-" + shipment.id(), "DELIVERED", null, null));
		Jobs.runDue(engine);
	}

	protected static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	// --- Then helpers -------------------------------------------------------------------------

	protected OrderStatus orderStatus(Order order) {
		return orders.find(order.id()).orElseThrow().status();
	}

	protected FulfillmentOrder at(Order order, String location) {
		return fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(fo -> fo.locationId().equals(location))
			.findFirst()
			.orElseThrow();
	}

	protected ProcessInstance lifecycle(Order order) {
		return ProcessInstanceRef.lifecycleOf(engine, order.orderNumber());
	}

	protected ProcessInstance fulfillmentProcess(FulfillmentOrder fo) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.FulfillmentOrderProcess.KEY)
			.variableValueEquals(OrderProcess.Variables.FULFILLMENT_ORDER_ID, fo.id().toString())
			.singleResult();
	}

	protected ProcessInstance historicFulfillmentProcess(FulfillmentOrder fo) {
		return new ProcessInstanceRef(engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.FulfillmentOrderProcess.KEY)
			.variableValueEquals(OrderProcess.Variables.FULFILLMENT_ORDER_ID, fo.id().toString())
			.singleResult()
			.getId());
	}

	/** On hand and reserved of a SKU at a location. */
	protected List<Integer> stockOf(String location, String sku) {
		return inventory.stock(sku)
			.stream()
			.filter(level -> level.locationId().equals(location))
			.flatMap(level -> Stream.of(level.onHand(), level.reserved()))
			.toList();
	}

	protected long count(String sql, Order order) {
		return jdbc.sql(sql).param("id", order.id()).query(Long.class).single();
	}

	/** The latest deployed definition of a process, e.g. to submit its start form. */
	protected String definitionId(String processKey) {
		return engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(processKey)
			.latestVersion()
			.singleResult()
			.getId();
	}

	/** "Start process" in Tasklist: the start form of a process submitted by a signed-in user of one group. */
	protected ProcessInstance submitStartForm(String processKey, String user, String group,
			Map<String, Object> form) {
		String definitionId = definitionId(processKey);
		engine.getIdentityService().setAuthentication(user, List.of(group));
		try {
			return engine.getFormService().submitStartForm(definitionId, form);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	/** A process started by key by a signed-in service agent, as Tasklist starts one without a start form. */
	protected ProcessInstance startAsAgent(String processKey, String user, Map<String, Object> variables) {
		engine.getIdentityService().setAuthentication(user, List.of("service-agents"));
		try {
			return engine.getRuntimeService().startProcessInstanceByKey(processKey, variables);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

}
