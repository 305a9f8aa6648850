package io.orderflow.reshipment;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_CAPTURE_PAYMENT;
import static io.orderflow.OrderProcess.ReshipmentProcess.Elements.END_EVENT_RESHIPMENT_COMPLETED;
import static io.orderflow.OrderProcess.ReshipmentProcess.Elements.TASK_ALLOCATE_RESHIPMENT;
import static io.orderflow.OrderProcess.ReshipmentProcess.Elements.TASK_REGISTER_RESHIPMENT;
import static io.orderflow.service.StartFormRefusal.byField;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Groups;
import io.orderflow.OrderProcess.ReshipmentProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.service.ServiceScenario;
import io.orderflow.service.StartFormRefusal;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reshipments a service agent starts in Tasklist ("Start process", form {@code forms/start-reshipment.form}):
 * Given a delivered order, When an agent submits the start form, Then a valid request is stored by the same
 * rules as {@code POST /api/orders/{id}/reshipments}, requested by the agent, and shipped free of charge like
 * one; an invalid one is refused as a whole, naming every invalid field, and nothing is stored. Only service agents (and administrators) may start it.
 */
class ReshipmentStartFormTest extends ServiceScenario {

	@Autowired
	Reshipments reshipments;

	final String agent = "agent-" + run.toLowerCase();

	ReshipmentStartFormTest() {
		super("RSF", "Reshipment form", "reship-form");
	}

	@Test
	void theStartEventOffersTheStartForm() {
		assertThat(engine.getFormService().getStartFormData(definitionId()).getCamundaFormRef().getKey())
			.isEqualTo("start-reshipment");
	}

	@Test
	void agentReshipsALostUnitFromTasklistAndItShipsFreeOfChargeLikeARestOne() throws Exception {
		// Given a delivered order of 3 × A, captured once
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 3, "10.00"));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("35.70");

		// When a service agent reships 1 unit from Tasklist, with a note
		ProcessInstance started = startAs(agent, Groups.SERVICE_AGENTS,
				form(order.orderNumber(), "1:1", "Lost in transit", "carrier confirmed the loss"));

		// Then the reshipment is stored, requested by the agent, and attached to this instance
		assertThat(started).isWaitingAt(TASK_ALLOCATE_RESHIPMENT).hasPassed(TASK_REGISTER_RESHIPMENT);
		List<Reshipment> stored = reshipments.ofOrder(order.id());
		assertThat(stored).singleElement().satisfies(r -> {
			assertThat(r.requestedBy()).isEqualTo(agent);
			assertThat(r.reason()).isEqualTo("Lost in transit");
			assertThat(r.processInstanceId()).isEqualTo(started.getId());
			assertThat(r.status()).isEqualTo(ReshipmentStatus.REQUESTED);
		});
		assertThat(engine.getRuntimeService().getVariables(started.getId()))
			.containsEntry(ReshipmentProcess.Variables.RESHIPMENT_ID, stored.get(0).id().toString())
			.containsEntry(Variables.ORDER_ID, order.id().toString())
			.containsEntry(Variables.ORDER_NUMBER, order.orderNumber());
		assertThat(engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceId(started.getId())
			.singleResult()
			.getBusinessKey()).isEqualTo(order.orderNumber());
		// and the order's timeline shows the agent's user id, with the note
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("RESHIPMENT") && e.actor().equals(agent)
				&& e.description().startsWith("Reshipment requested, free of charge: line 1: 1 × " + a));
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals(agent)
				&& e.description().equals("Note on the reshipment: carrier confirmed the loss"));

		// And when the jobs run, it is allocated, shipped and delivered without a capture
		Jobs.runDue(engine);
		List<FulfillmentOrder> fos = fulfillmentOrders.ofReshipment(stored.get(0).id());
		assertThat(fos).singleElement().satisfies(fo -> assertThat(fo.reshipment()).isTrue());
		shipAndDeliver(fos.get(0));
		Reshipment done = reshipments.find(stored.get(0).id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReshipmentStatus.RESHIPPED);
		assertThat(done.lines()).containsExactly(new Reshipment.Line(1, a, 1, 1, 0));
		assertThat(new ProcessInstanceRef(started.getId())).isEnded().hasPassed(END_EVENT_RESHIPMENT_COMPLETED);
		assertThat(new ProcessInstanceRef(engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.FulfillmentOrderProcess.KEY)
			.variableValueEquals(Variables.FULFILLMENT_ORDER_ID, fos.get(0).id().toString())
			.singleResult()
			.getId())).isEnded().hasNotPassed(TASK_CAPTURE_PAYMENT);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().reshipped()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("35.70");
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void theSameFormSubmittedTwiceByTheAgentShipsOnce() throws Exception {
		// Given a delivered order of 2 × A, and an agent who reshipped 1 unit from Tasklist
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:1", "Lost in transit", null));

		// When the same form is submitted again (a double click on "Start")
		List<FieldViolation> again = refused(form(order.orderNumber(), "1:1", "Lost in transit", null));

		// Then the repeat is refused, naming the order number, and one reshipment is stored
		assertThat(byField(again)).containsOnlyKeys(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER);
		assertThat(byField(again).get(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER)).contains("the same reshipment");
		assertThat(reshipments.ofOrder(order.id())).hasSize(1);
	}

	@Test
	void anInvalidFormIsRefusedNamingEveryInvalidFieldAndLeavesNothing() throws Exception {
		// When an agent submits no order number, unreadable lines, no reason and an overlong note
		List<FieldViolation> refused = refused(form(null, "first line", null, "x".repeat(Reshipments.MAX_REASON + 1)));

		// Then the start is refused, every field named (and no instance is left: see refused)
		Map<String, String> errors = byField(refused);
		assertThat(errors).containsOnlyKeys(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER, ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES,
				ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON, ReshipmentProcess.Variables.RESHIPMENT_FORM_NOTE);
		assertThat(errors.get(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES)).contains("\"first line\"");
		assertThat(errors.get(ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON)).contains("is required");
	}

	@Test
	void moreThanShippedOrUnknownLinesAreRefusedAndNothingIsStored() throws Exception {
		// Given a delivered order of 2 × A
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		// When an agent asks for 3 units of line 1, and for a line the order does not have, or none at all
		List<FieldViolation> tooMany = refused(form(order.orderNumber(), "1:3", "Other", null));
		List<FieldViolation> unknown = refused(form(order.orderNumber(), "1:1; 9:1; 1:1", "Other", null));
		List<FieldViolation> none = refused(form(order.orderNumber(), " ", "Other", null));

		// Then each is refused with the reason under the lines field, and nothing is stored
		assertThat(byField(tooMany)).containsOnlyKeys(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES)
			.hasEntrySatisfying(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES, m -> assertThat(m).startsWith("\"1:3\"")
				.contains("has only 2"));
		assertThat(byField(unknown)).containsOnlyKeys(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES)
			.hasEntrySatisfying(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES,
					m -> assertThat(m).contains("\"9:1\": order " + order.orderNumber() + " has no line 9")
						.contains("line 1 is named twice"));
		assertThat(byField(none)).containsOnlyKeys(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES);
		assertThat(reshipments.ofOrder(order.id())).isEmpty();
		assertThat(orders.timeline(order.id())).noneMatch(e -> e.type().equals("RESHIPMENT"));

		// And an unknown order is named as the order number
		assertThat(byField(refused(form("OF-NO-SUCH-" + run, "1:1", "Other", null))))
			.containsOnlyKeys(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER);
	}

	@Test
	void onlyServiceAgentsMayStartItFromTasklist() throws Exception {
		// Given a delivered order
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 1, "10.00"));

		// Then warehouse staff, fraud analysts and integrators may not start a reshipment, and nothing is stored
		for (String group : List.of(Groups.WAREHOUSE, Groups.FRAUD_ANALYSTS, Groups.INTEGRATORS)) {
			assertThatThrownBy(() -> startAs("user-" + group, group, form(order.orderNumber(), "1:1", "Other", null)))
				.as(group)
				.isInstanceOf(AuthorizationException.class);
		}
		assertThat(reshipments.ofOrder(order.id())).isEmpty();

		// And a service agent may (the process is startable in Tasklist for them)
		engine.getIdentityService().setAuthentication(agent, List.of(Groups.SERVICE_AGENTS));
		assertThat(engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(OrderProcess.ReshipmentProcess.KEY)
			.startablePermissionCheck()
			.startableInTasklist()
			.latestVersion()
			.count()).isEqualTo(1);
		engine.getIdentityService().clearAuthentication();
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:1", "Other", null));
		assertThat(reshipments.ofOrder(order.id())).hasSize(1);
		Jobs.runDue(engine);
	}

	@Test
	void aRestRequestIsStoredOnceAndPassesTheRegisterTaskUnchanged() throws Exception {
		// Given a delivered order, When an integrator requests a reshipment over the API
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Reshipment requested = reshipments
			.request(order.id(), new ReshipmentRequest(List.of(new ReshipmentRequest.Line(1, 1)), "lost"), null,
					"integrator")
			.resource();

		// Then Task_RegisterReshipment stores nothing more, and the process waits to allocate it
		ProcessInstance process = new ProcessInstanceRef(requested.processInstanceId());
		assertThat(process).hasPassed(TASK_REGISTER_RESHIPMENT).isWaitingAt(TASK_ALLOCATE_RESHIPMENT);
		assertThat(reshipments.ofOrder(order.id())).singleElement()
			.satisfies(r -> assertThat(r.requestedBy()).isEqualTo("integrator"));
		Jobs.runDue(engine);
		shipAndDeliver(fulfillmentOrders.ofReshipment(requested.id()).get(0));
		assertThat(reshipments.find(requested.id()).orElseThrow().status()).isEqualTo(ReshipmentStatus.RESHIPPED);
	}

	// --- When helpers -------------------------------------------------------------------------

	/** What Tasklist submits for the start form: only the fields the agent filled in. */
	static Map<String, Object> form(String orderNumber, String lines, String reason, String note) {
		Map<String, Object> form = new HashMap<>();
		if (orderNumber != null) {
			form.put(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER, orderNumber);
		}
		if (lines != null) {
			form.put(ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES, lines);
		}
		if (reason != null) {
			form.put(ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON, reason);
		}
		if (note != null) {
			form.put(ReshipmentProcess.Variables.RESHIPMENT_FORM_NOTE, note);
		}
		return form;
	}

	// --- Then helpers -------------------------------------------------------------------------

	/** Submits the start form as the agent; it must be refused as a whole (see {@link StartFormRefusal}). */
	List<FieldViolation> refused(Map<String, Object> form) {
		return StartFormRefusal.refused(engine, OrderProcess.ReshipmentProcess.KEY, agent, Groups.SERVICE_AGENTS, form);
	}

	ProcessInstance startAs(String user, String group, Map<String, Object> form) {
		return submitStartForm(OrderProcess.ReshipmentProcess.KEY, user, group, form);
	}

	String definitionId() {
		return definitionId(OrderProcess.ReshipmentProcess.KEY);
	}

}
