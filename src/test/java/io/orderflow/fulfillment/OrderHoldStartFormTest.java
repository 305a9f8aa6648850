package io.orderflow.fulfillment;

import static io.orderflow.HoldNames.Elements.END_EVENT_ORDER_HOLD_CHANGED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.CATCH_EVENT_ORDER_RELEASED_FROM_HOLD;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess.Groups;
import io.orderflow.OrderProcess.HoldProcess;
import io.orderflow.order.Order;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.TimelineEntry;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Holds started in Tasklist ("Start process": <i>Order hold</i>, form {@code forms/start-hold.form}): Given an order,
 * When a service agent or supervisor submits the start form, Then the order is held or released as over REST, by
 * them; a request that breaks a rule starts nothing and says why by the form's labels. Only agents and supervisors
 * (and administrators) may start it.
 */
class OrderHoldStartFormTest extends ServiceScenario {

	@Autowired
	OrderHolds holds;

	@LocalServerPort
	int port;

	final String agent = "agent-" + run.toLowerCase();

	OrderHoldStartFormTest() {
		super("HSF", "Hold form", "hold-form");
	}

	@Test
	void anAgentHoldsAnOrderFromTasklistAndASupervisorReleasesIt() throws Exception {
		// Given an order just received
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));

		// When an agent holds it from Tasklist
		ProcessInstance held = submitStartForm(HoldProcess.KEY, agent, Groups.SERVICE_AGENTS,
				form(" " + order.orderNumber() + " ", "HOLD", "customer asked to wait"));

		// Then the order is held by the agent, and it waits before allocating
		assertThat(held).isEnded().hasPassed(END_EVENT_ORDER_HOLD_CHANGED);
		assertThat(holds.active(order.id())).hasValueSatisfying(hold -> {
			assertThat(hold.heldBy()).isEqualTo(agent);
			assertThat(hold.reason()).isEqualTo("customer asked to wait");
		});
		assertThat(engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(held.getId())
			.singleResult()
			.getBusinessKey()).isEqualTo(order.orderNumber());
		Jobs.runDue(engine);
		assertThat(lifecycle(order)).isWaitingAt(CATCH_EVENT_ORDER_RELEASED_FROM_HOLD);

		// When a supervisor releases it from Tasklist, it goes on
		submitStartForm(HoldProcess.KEY, "supervisor-" + run, Groups.SUPERVISORS,
				form(order.orderNumber(), "RELEASE", "customer called back"));
		Jobs.runDue(engine);
		assertThat(holds.active(order.id())).isEmpty();
		assertThat(fulfillmentOrders.ofOrder(order.id())).singleElement()
			.satisfies(fo -> assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.RELEASED));
		assertThat(orders.timeline(order.id())).extracting(TimelineEntry::actor, TimelineEntry::description)
			.contains(tuple(agent, "Order held: customer asked to wait"),
					tuple("supervisor-" + run, "Order released from hold: customer called back"));
	}

	@Test
	void aRequestThatBreaksARuleStartsNothingAndSaysWhyByTheFormsLabels() throws Exception {
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));
		long instances = instancesOfHold();

		// no such order, and no reason
		assertThatThrownBy(() -> submitStartForm(HoldProcess.KEY, agent, Groups.SERVICE_AGENTS,
				form("OF-NO-SUCH-" + run, "HOLD", null)))
			.isInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("The order was not held")
			.hasMessageContaining("Order number: there is no order OF-NO-SUCH-" + run)
			.hasMessageContaining("Reason: is required");
		// releasing an order that is not held
		assertThatThrownBy(() -> submitStartForm(HoldProcess.KEY, agent, Groups.SERVICE_AGENTS,
				form(order.orderNumber(), "RELEASE", "go on")))
			.isInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("The hold was not released: Hold or release: Order " + order.orderNumber()
					+ " is not on hold");
		// holding twice (a double click on "Start")
		submitStartForm(HoldProcess.KEY, agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "HOLD", "wait"));
		assertThatThrownBy(() -> submitStartForm(HoldProcess.KEY, agent, Groups.SERVICE_AGENTS,
				form(order.orderNumber(), "HOLD", "wait")))
			.isInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("already on hold");

		assertThat(holds.ofOrder(order.id())).hasSize(1);
		assertThat(instancesOfHold()).isEqualTo(instances + 1);
		engine.getIdentityService().clearAuthentication();
		heldOrdersRelease(order);
	}

	@Test
	void overEngineRestARefusalNamesEveryFieldAndOnlyAgentsAndSupervisorsMayStartIt() throws Exception {
		ProcessEngines.registerProcessEngine(engine);
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));
		String path = "/engine-rest/process-definition/key/" + HoldProcess.KEY + "/submit-form";

		Response invalid = ApiClient.on(port).as("agent").post(path, Map.of("variables",
				Map.of("holdOrderNumber", Map.of("value", order.orderNumber()), "holdAction", Map.of("value", "HOLD"))));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
		assertThat(invalid.json().path("message").asText()).contains("The order was not held: Reason: is required");
		assertThat(invalid.json().path("violations").findValuesAsText("field")).containsExactly("holdReason");

		Response notHeld = ApiClient.on(port).as("supervisor").post(path, Map.of("variables",
				Map.of("holdOrderNumber", Map.of("value", order.orderNumber()), "holdAction", Map.of("value", "RELEASE"),
						"holdReason", Map.of("value", "why"))));
		assertThat(notHeld.status()).as(notHeld.toString()).isEqualTo(409);

		for (String group : List.of(Groups.WAREHOUSE, Groups.FRAUD_ANALYSTS, Groups.INTEGRATORS)) {
			assertThatThrownBy(() -> submitStartForm(HoldProcess.KEY, "user-" + group, group,
					form(order.orderNumber(), "HOLD", "why"))).as(group).isInstanceOf(AuthorizationException.class);
		}
		assertThat(holds.ofOrder(order.id())).isEmpty();
		Jobs.runDue(engine);
	}

	// --- helpers ------------------------------------------------------------------------------

	static Map<String, Object> form(String orderNumber, String action, String reason) {
		Map<String, Object> form = new HashMap<>();
		form.put(HoldProcess.Variables.HOLD_FORM_ORDER_NUMBER, orderNumber);
		form.put(HoldProcess.Variables.HOLD_FORM_ACTION, action);
		if (reason != null) {
			form.put(HoldProcess.Variables.HOLD_FORM_REASON, reason);
		}
		return form;
	}

	long instancesOfHold() {
		return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(HoldProcess.KEY).count();
	}

	/** Leaves the order free to go on, so that the test ends with nothing waiting. */
	void heldOrdersRelease(Order order) {
		submitStartForm(HoldProcess.KEY, agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "RELEASE", "done"));
		Jobs.runDue(engine);
	}

}
