package io.orderflow.cancellation;

import static io.orderflow.OrderProcess.CancellationProcess.Elements.END_EVENT_CANCELLATION_COMPLETED;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.TASK_REGISTER_CANCELLATION;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.service.StartFormRefusal.byField;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Groups;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.service.ServiceScenario;
import io.orderflow.service.StartFormRefusal;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cancellations a service agent starts in Tasklist ("Start process", form {@code forms/start-cancellation.form}):
 * Given an order, When an agent submits the start form, Then a valid request is stored by the same rules as
 * {@code POST /api/orders/{id}/cancellations}, requested by the agent, and carried out like one; an invalid one
 * is refused as a whole, naming every invalid field, and nothing is stored. Only service agents (and administrators) may start it.
 */
class CancellationStartFormTest extends ServiceScenario {

	@Autowired
	Cancellations cancellations;

	@LocalServerPort
	int port;

	final String agent = "agent-" + run.toLowerCase();

	CancellationStartFormTest() {
		super("CSF", "Cancellation form", "cancel-form");
	}

	@Test
	void theStartEventOffersTheStartForm() {
		assertThat(engine.getFormService().getStartFormData(definitionId()).getCamundaFormRef().getKey())
			.isEqualTo("start-cancellation");
	}

	@Test
	void agentCancelsSomeUnitsFromTasklistAndTheCancellationIsCarriedOutLikeARestOne() throws Exception {
		// Given an order of 3 × 10.00 released to its location
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = releasedOrder(orderLine(a, 3, "10.00"));

		// When a service agent cancels 1 unit from Tasklist, with a note
		ProcessInstance started = startAs(agent, Groups.SERVICE_AGENTS,
				form(order.orderNumber(), " 1:1 ", false, "Customer changed their mind", "called on the phone"));

		// Then the cancellation is stored, requested by the agent, and attached to this instance
		assertThat(started).isNotEnded().hasPassed(TASK_REGISTER_CANCELLATION);
		List<Cancellation> stored = cancellations.ofOrder(order.id());
		assertThat(stored).singleElement().satisfies(c -> {
			assertThat(c.requestedBy()).isEqualTo(agent);
			assertThat(c.reason()).isEqualTo("Customer changed their mind");
			assertThat(c.processInstanceId()).isEqualTo(started.getId());
			assertThat(c.status()).isEqualTo(CancellationStatus.REQUESTED);
		});
		assertThat(engine.getRuntimeService().getVariables(started.getId()))
			.containsEntry(CancellationProcess.Variables.CANCELLATION_ID, stored.get(0).id().toString())
			.containsEntry(Variables.ORDER_ID, order.id().toString())
			.containsEntry(Variables.ORDER_NUMBER, order.orderNumber());
		assertThat(engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceId(started.getId())
			.singleResult()
			.getBusinessKey()).isEqualTo(order.orderNumber());
		// and the order's timeline shows the agent's user id, with the note
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("CANCELLATION") && e.actor().equals(agent)
				&& e.description().startsWith("Cancellation requested: line 1: 1 × " + a));
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals(agent)
				&& e.description().equals("Note on the cancellation: called on the phone"));

		// And when the jobs run, the policy approves it and the unit is canceled as for a REST request
		Jobs.runDue(engine);
		Cancellation done = cancellations.find(stored.get(0).id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(done.lines()).containsExactly(new Cancellation.Line(1, a, 1, 1, 0));
		assertThat(new ProcessInstanceRef(started.getId())).isEnded().hasPassed(END_EVENT_CANCELLATION_COMPLETED);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().canceled()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("23.80");

		// And the rest ships and is captured
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.quantity()).isEqualTo(2);
		shipAndDeliver(fo);
		assertThat(ProcessInstanceRef.lifecycleOf(engine, order.orderNumber())).isEnded()
			.hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
	}

	@Test
	void agentCancelsTheWholeOrderWithTheCheckbox() throws Exception {
		// Given an order of 2 released to its location
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = releasedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);

		// When an agent cancels the whole order from Tasklist (no lines)
		ProcessInstance started = startAs(agent, Groups.SERVICE_AGENTS,
				form(order.orderNumber(), null, true, "Duplicate order", null));
		Jobs.runDue(engine);

		// Then everything is canceled, the order ends CANCELED with the authorization voided
		Cancellation done = cancellations.ofOrder(order.id()).get(0);
		assertThat(done.wholeOrder()).isTrue();
		assertThat(done.requestedBy()).isEqualTo(agent);
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(new ProcessInstanceRef(started.getId())).isEnded().hasPassed(END_EVENT_CANCELLATION_COMPLETED);
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(payments.ledger(order.id()).authorized()).isZero();
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals(agent)
				&& e.description().startsWith("Cancellation requested of the whole order"));
	}

	@Test
	void aCancellationFromTasklistThatNeedsAReviewGoesToTheReviewTask() throws Exception {
		// Given released units worth more than the policy lets through on its own
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 3, "30.00"));

		// When an agent requests 2 of them from Tasklist
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:2", false, "Ordered by mistake", null));
		Jobs.runDue(engine);

		// Then a service agent reviews it, as a REST request would be; the form says who asked
		Task review = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(USER_TASK_REVIEW_CANCELLATION)
			.singleResult();
		assertThat(review).isNotNull();
		assertThat(engine.getTaskService().getVariable(review.getId(), CancellationProcess.Variables.CANCELLATION_REQUEST).toString())
			.contains("Requested by " + agent);
		assertThat(cancellations.ofOrder(order.id()).get(0).status()).isEqualTo(CancellationStatus.IN_REVIEW);

		// And approved, it is carried out
		engine.getIdentityService().setAuthentication("reviewer", List.of(Groups.SERVICE_AGENTS));
		engine.getTaskService().complete(review.getId(), Map.of(CancellationProcess.Variables.CANCELLATION_DECISION, "APPROVE"));
		engine.getIdentityService().clearAuthentication();
		Jobs.runDue(engine);
		assertThat(cancellations.ofOrder(order.id()).get(0).status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().canceled()).isEqualTo(2);
	}

	@Test
	void theSameFormSubmittedTwiceByTheAgentIsCarriedOutOnce() throws Exception {
		// Given an order of 3 × A, released, and an agent who cancelled 1 unit from Tasklist
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 3, "10.00"));
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:1", false, "Other", null));

		// When the same form is submitted again (a double click on "Start")
		List<FieldViolation> again = refused(form(order.orderNumber(), "1:1", false, "Other", null));

		// Then the repeat is refused, naming the order number, and one cancellation is stored
		assertThat(byField(again)).containsOnlyKeys(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER);
		assertThat(byField(again).get(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER)).contains("the same cancellation");
		assertThat(cancellations.ofOrder(order.id())).hasSize(1);

		// And a different request of the same agent is not a repeat
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:2", false, "Other", null));
		assertThat(cancellations.ofOrder(order.id())).hasSize(2);
	}

	@Test
	void anInvalidFormIsRefusedNamingEveryInvalidFieldAndLeavesNothing() throws Exception {
		// When an agent submits no order number, an unreadable line, no reason and an overlong note
		List<FieldViolation> refused = refused(form(null, "one:two", false, null,
				"x".repeat(Cancellations.MAX_REASON + 1)));

		// Then the start is refused, every field named (and no instance is left: see refused)
		Map<String, String> errors = byField(refused);
		assertThat(errors).containsOnlyKeys(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, CancellationProcess.Variables.CANCELLATION_FORM_LINES,
				CancellationProcess.Variables.CANCELLATION_FORM_REASON, CancellationProcess.Variables.CANCELLATION_FORM_NOTE);
		assertThat(errors.get(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER)).contains("is required");
		assertThat(errors.get(CancellationProcess.Variables.CANCELLATION_FORM_LINES)).contains("\"one:two\"");
	}

	@Test
	void aRequestBeyondWhatIsAvailableOrOfUnknownLinesIsRefusedAndStoresNothing() throws Exception {
		// Given an order of 3 × A, released
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 3, "10.00"));

		// When an agent asks for line 7 and for 0 units of line 1
		List<FieldViolation> unknownLine = refused(form(order.orderNumber(), "7:1, 1:0", false, "Other", null));

		// Then both are named under the lines field, with the part of the text they are about
		assertThat(unknownLine).extracting(FieldViolation::field).containsOnly(CancellationProcess.Variables.CANCELLATION_FORM_LINES);
		assertThat(unknownLine).extracting(FieldViolation::message)
			.anySatisfy(m -> assertThat(m).startsWith("\"7:1\"").contains("has no line 7"))
			.anySatisfy(m -> assertThat(m).startsWith("\"1:0\"").contains("must be at least 1"));

		// And when an agent asks for more than is available, or for lines and the whole order at once
		List<FieldViolation> tooMany = refused(form(order.orderNumber(), "1:4", false, "Other", null));
		List<FieldViolation> both = refused(form(order.orderNumber(), "1:1", true, "Other", null));

		// Then it is refused naming the available quantity, and the lines of the other
		assertThat(byField(tooMany).get(CancellationProcess.Variables.CANCELLATION_FORM_LINES)).contains("has only 3");
		assertThat(byField(both).get(CancellationProcess.Variables.CANCELLATION_FORM_LINES)).contains("wholeOrder");
		assertThat(cancellations.ofOrder(order.id())).isEmpty();
		assertThat(orders.timeline(order.id())).noneMatch(e -> e.type().equals("CANCELLATION"));
	}

	@Test
	void anAgentCancelsAnOrderWhosePaymentIsStuckFromTasklist() throws Exception {
		// Given an order whose payment provider never answers, stopped at an incident while RECEIVED
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit("tok_timeout", orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);
		Jobs.retryNow(engine, OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT);
		Jobs.retryNow(engine, OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT);
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isEqualTo(1);

		// When a service agent cancels the whole order in Tasklist
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), null, true, "Other", "the bank never answers"));
		Jobs.runDue(engine);

		// Then it is CANCELED, its incident gone, nothing authorized
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);
		assertThat(cancellations.ofOrder(order.id())).singleElement()
			.satisfies(c -> assertThat(c.requestedBy()).isEqualTo(agent));
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		assertThat(authorizations.authorizations(order.id())).isEmpty();
	}

	@Test
	void anUnknownOrderOrARejectedOneIsNamedAsTheOrderNumber() throws Exception {
		// Given an order whose payment was declined (REJECTED: nothing to cancel)
		Order rejected = submit("tok_decline", orderLine(sku("A"), 1, "10.00"));
		Jobs.runDue(engine);
		assertThat(orders.find(rejected.id()).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);

		// When an agent tries to cancel it, or an order that does not exist
		List<FieldViolation> ofRejected = refused(form(rejected.orderNumber(), "1:1", false, "Other", null));
		List<FieldViolation> ofUnknown = refused(form("OF-NO-SUCH-" + run, "1:1", false, "Other", null));

		// Then both are refused, naming the order number
		assertThat(byField(ofRejected)).containsOnlyKeys(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER)
			.hasEntrySatisfying(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, m -> assertThat(m).contains("REJECTED"));
		assertThat(byField(ofUnknown)).containsOnlyKeys(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER)
			.hasEntrySatisfying(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, m -> assertThat(m).contains("no order"));
		assertThat(cancellations.ofOrder(rejected.id())).isEmpty();
	}

	@Test
	void onlyServiceAgentsMayStartItFromTasklist() throws Exception {
		// Given an order
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));

		// Then warehouse staff and fraud analysts may not start a cancellation, and nothing is stored
		for (String group : List.of(Groups.WAREHOUSE, Groups.FRAUD_ANALYSTS, Groups.INTEGRATORS)) {
			assertThatThrownBy(() -> startAs("user-" + group, group,
					form(order.orderNumber(), "1:1", false, "Other", null))).as(group)
				.isInstanceOf(AuthorizationException.class);
		}
		assertThat(cancellations.ofOrder(order.id())).isEmpty();

		// And a service agent may (the process is startable in Tasklist for them)
		engine.getIdentityService().setAuthentication(agent, List.of(Groups.SERVICE_AGENTS));
		assertThat(engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(OrderProcess.CancellationProcess.KEY)
			.startablePermissionCheck()
			.startableInTasklist()
			.latestVersion()
			.count()).isEqualTo(1);
		engine.getIdentityService().clearAuthentication();
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:1", false, "Other", null));
		assertThat(cancellations.ofOrder(order.id())).hasSize(1);
		Jobs.runDue(engine);
	}

	@Test
	void tasklistsOwnCallThroughEngineRestStoresItAsTheSignedInAgent() throws Exception {
		// Given an order, and Tasklist's way to start a process: submit-form over /engine-rest as the signed-in user
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 2, "10.00"));
		ProcessEngines.registerProcessEngine(engine);
		ApiClient api = ApiClient.on(port);
		String submitForm = "/engine-rest/process-definition/key/" + OrderProcess.CancellationProcess.KEY
				+ "/submit-form";
		Map<String, Object> body = Map.of("variables",
				Map.of(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, Map.of("value", order.orderNumber(), "type", "String"),
						CancellationProcess.Variables.CANCELLATION_FORM_LINES, Map.of("value", "1:1", "type", "String"),
						CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER, Map.of("value", false, "type", "Boolean"),
						CancellationProcess.Variables.CANCELLATION_FORM_REASON, Map.of("value", "Ordered by mistake", "type", "String")));

		// When warehouse staff try, Then they are refused and nothing is stored
		assertThat(api.as("warehouse").post(submitForm, body).status()).isEqualTo(403);
		assertThat(cancellations.ofOrder(order.id())).isEmpty();

		// When the demo agent submits it, Then it is stored, requested by the agent
		ApiClient.Response started = api.as("agent").post(submitForm, body);
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		assertThat(cancellations.ofOrder(order.id())).singleElement()
			.satisfies(c -> assertThat(c.requestedBy()).isEqualTo("agent"));
		Jobs.runDue(engine);
		assertThat(cancellations.ofOrder(order.id()).get(0).status()).isEqualTo(CancellationStatus.CANCELED);
	}

	@Test
	void aRestRequestIsStoredOnceAndPassesTheRegisterTaskUnchanged() throws Exception {
		// Given an order, When an integrator requests a cancellation over the API
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 2, "10.00"));
		Cancellation requested = cancellations
			.request(order.id(), new CancellationRequest(List.of(new CancellationRequest.Line(1, 1)), null, "api"), null,
					"integrator")
			.resource();

		// Then Task_RegisterCancellation stores nothing more, and the process waits to assess it
		ProcessInstance process = new ProcessInstanceRef(requested.processInstanceId());
		assertThat(process).hasPassed(TASK_REGISTER_CANCELLATION).isWaitingAt("Task_AssessCancellation");
		assertThat(cancellations.ofOrder(order.id())).singleElement()
			.satisfies(c -> assertThat(c.requestedBy()).isEqualTo("integrator"));
		Jobs.runDue(engine);
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.CANCELED);
	}

	// --- When helpers -------------------------------------------------------------------------

	/** What Tasklist submits for the start form: only the fields the agent filled in. */
	static Map<String, Object> form(String orderNumber, String lines, boolean wholeOrder, String reason, String note) {
		Map<String, Object> form = new HashMap<>();
		if (orderNumber != null) {
			form.put(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, orderNumber);
		}
		if (lines != null) {
			form.put(CancellationProcess.Variables.CANCELLATION_FORM_LINES, lines);
		}
		form.put(CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER, wholeOrder);
		if (reason != null) {
			form.put(CancellationProcess.Variables.CANCELLATION_FORM_REASON, reason);
		}
		if (note != null) {
			form.put(CancellationProcess.Variables.CANCELLATION_FORM_NOTE, note);
		}
		return form;
	}

	// --- Then helpers -------------------------------------------------------------------------

	/** Submits the start form as the agent; it must be refused as a whole (see {@link StartFormRefusal}). */
	List<FieldViolation> refused(Map<String, Object> form) {
		return StartFormRefusal.refused(engine, OrderProcess.CancellationProcess.KEY, agent, Groups.SERVICE_AGENTS, form);
	}

	@SafeVarargs
	final Order submit(String token, Map<String, Object>... lines) throws Exception {
		Map<String, Object> order = orderOf(lines);
		TestOrders.part(order, "payment").put("token", token);
		return submitOrder(order);
	}

	ProcessInstance startAs(String user, String group, Map<String, Object> form) {
		return submitStartForm(OrderProcess.CancellationProcess.KEY, user, group, form);
	}

	String definitionId() {
		return definitionId(OrderProcess.CancellationProcess.KEY);
	}

}
