package io.orderflow.addresschange;

import static io.orderflow.AddressChangeProcess.Elements.END_EVENT_ADDRESS_CHANGE_COMPLETED;
import static io.orderflow.AddressChangeProcess.Elements.TASK_APPLY_ADDRESS_CHANGE;
import static io.orderflow.AddressChangeProcess.Elements.TASK_REGISTER_ADDRESS_CHANGE;
import static io.orderflow.service.StartFormRefusal.byField;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.AddressChangeProcess;
import io.orderflow.AddressChangeProcess.Variables;
import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Groups;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
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
 * Address changes a service agent starts in Tasklist ("Start process", form {@code forms/start-address-change.form}):
 * a valid one is stored by the same rules as {@code POST /api/orders/{id}/address-changes}, requested by the agent;
 * an invalid or too late one is refused as a whole, naming every field by its label, and nothing is stored. Only
 * service agents (and administrators) may start it.
 */
class AddressChangeStartFormTest extends ServiceScenario {

	@Autowired
	AddressChanges changes;

	final String agent = "agent-" + run.toLowerCase();

	AddressChangeStartFormTest() {
		super("ASF", "Address change form", "address-form");
	}

	@Test
	void theStartEventOffersTheStartForm() {
		assertThat(engine.getFormService()
			.getStartFormData(definitionId(AddressChangeProcess.KEY))
			.getCamundaFormRef()
			.getKey()).isEqualTo("start-address-change");
	}

	@Test
	void agentChangesTheAddressOfOneFulfillmentOrderBeforeItIsReleased() throws Exception {
		// Given an order whose fulfillment order exists but is not yet released
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));
		runUntilFulfillmentOrderExists(order);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);

		// When a service agent changes its address from Tasklist, the country in lower case
		Map<String, Object> form = form(order.orderNumber(), "Vienna office");
		form.put(Variables.FORM_FULFILLMENT_ORDER_NUMBER, fo.number());
		form.put(Variables.FORM_COUNTRY, "at");
		ProcessInstance started = submitStartForm(AddressChangeProcess.KEY, agent, Groups.SERVICE_AGENTS, form);

		// Then the change is stored, requested by the agent, attached to this instance
		assertThat(started).hasPassed(TASK_REGISTER_ADDRESS_CHANGE).isWaitingAt(TASK_APPLY_ADDRESS_CHANGE);
		AddressChange stored = changes.ofOrder(order.id()).get(0);
		assertThat(stored.requestedBy()).isEqualTo(agent);
		assertThat(stored.fulfillmentOrderId()).isEqualTo(fo.id());
		assertThat(stored.shippingAddress().country()).isEqualTo("AT");
		assertThat(stored.processInstanceId()).isEqualTo(started.getId());
		assertThat(engine.getRuntimeService().getVariables(started.getId()))
			.containsEntry(Variables.ADDRESS_CHANGE_ID, stored.id().toString())
			.containsEntry(OrderProcess.Variables.ORDER_NUMBER, order.orderNumber());

		// And when its job runs before the release, it changes at once: the location is released with the new address
		var management = engine.getManagementService();
		management.createJobQuery()
			.processInstanceId(started.getId())
			.list()
			.forEach(job -> management.executeJob(job.getId()));
		Jobs.runDue(engine);
		AddressChange done = changes.find(stored.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AddressChangeStatus.APPLIED);
		assertThat(done.targets()).singleElement()
			.satisfies(t -> assertThat(t.outcome()).isEqualTo(AddressChange.Outcome.CHANGED));
		assertThat(new ProcessInstanceRef(started.getId())).isEnded().hasPassed(END_EVENT_ADDRESS_CHANGE_COMPLETED);
		assertThat(jdbc.sql("select payload from order_event where order_id = :id and event_type = "
				+ "'fulfillment_order.released'")
			.param("id", order.id())
			.query(String.class)
			.single()).contains("\"city\":\"Wien\"");
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals(agent)
				&& e.description().contains("now ships to") && e.description().contains("Vienna office"));
	}

	@Test
	void anInvalidFormIsRefusedNamingEveryFieldByItsLabel() {
		// When an agent submits no order number, no street, no postal code, an unknown country and no reason
		Map<String, Object> form = form(null, null);
		form.remove(Variables.FORM_LINE1);
		form.remove(Variables.FORM_POSTAL_CODE);
		form.put(Variables.FORM_COUNTRY, "XX");
		List<FieldViolation> refused = StartFormRefusal.refused(engine, AddressChangeProcess.KEY, agent,
				Groups.SERVICE_AGENTS, form);

		// Then every field is named, and the message an agent reads uses the form's labels
		assertThat(byField(refused)).containsOnlyKeys(Variables.FORM_ORDER_NUMBER, Variables.FORM_LINE1,
				Variables.FORM_POSTAL_CODE, Variables.FORM_COUNTRY, Variables.FORM_REASON);
		Throwable thrown = catchThrowable(() -> submitStartForm(AddressChangeProcess.KEY, agent, Groups.SERVICE_AGENTS,
				form));
		assertThat(thrown.getMessage()).contains("The address change was not started", "Order number: is required",
				"Street and number: ", "Postal code: ", "Country: unknown country code XX", "Reason: is required");
	}

	@Test
	void aShippedFulfillmentOrderIsRefusedByItsNumber() throws Exception {
		// Given an order whose parcel has shipped
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		ship(fo);

		// When an agent asks to send it elsewhere, or the whole order
		Map<String, Object> onlyIt = form(order.orderNumber(), "moved");
		onlyIt.put(Variables.FORM_FULFILLMENT_ORDER_NUMBER, fo.number());
		Map<String, String> parcel = byField(StartFormRefusal.refused(engine, AddressChangeProcess.KEY, agent,
				Groups.SERVICE_AGENTS, onlyIt));
		Map<String, String> whole = byField(StartFormRefusal.refused(engine, AddressChangeProcess.KEY, agent,
				Groups.SERVICE_AGENTS, form(order.orderNumber(), "moved")));

		// Then it is refused, naming the field, and nothing is stored
		assertThat(parcel).containsOnlyKeys(Variables.FORM_FULFILLMENT_ORDER_NUMBER);
		assertThat(parcel.get(Variables.FORM_FULFILLMENT_ORDER_NUMBER)).contains("has shipped");
		assertThat(whole).containsOnlyKeys(Variables.FORM_ORDER_NUMBER);
		assertThat(changes.ofOrder(order.id())).isEmpty();
	}

	@Test
	void onlyServiceAgentsMayStartItFromTasklist() throws Exception {
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));
		for (String group : List.of(Groups.WAREHOUSE, Groups.FRAUD_ANALYSTS, Groups.INTEGRATORS)) {
			assertThatThrownBy(() -> submitStartForm(AddressChangeProcess.KEY, "user-" + group, group,
					form(order.orderNumber(), "moved")))
				.as(group)
				.isInstanceOf(AuthorizationException.class);
		}
		assertThat(changes.ofOrder(order.id())).isEmpty();
		engine.getIdentityService().setAuthentication(agent, List.of(Groups.SERVICE_AGENTS));
		assertThat(engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(AddressChangeProcess.KEY)
			.startablePermissionCheck()
			.startableInTasklist()
			.latestVersion()
			.count()).isEqualTo(1);
		engine.getIdentityService().clearAuthentication();
		Jobs.runDue(engine);
	}

	/** What Tasklist submits for the start form: the order number, a Viennese address and the reason. */
	static Map<String, Object> form(String orderNumber, String reason) {
		Map<String, Object> form = new HashMap<>();
		if (orderNumber != null) {
			form.put(Variables.FORM_ORDER_NUMBER, orderNumber);
		}
		form.put(Variables.FORM_NAME, "Ada Lovelace");
		form.put(Variables.FORM_LINE1, "Ringstrasse 5");
		form.put(Variables.FORM_POSTAL_CODE, "1010");
		form.put(Variables.FORM_CITY, "Wien");
		form.put(Variables.FORM_COUNTRY, "AT");
		if (reason != null) {
			form.put(Variables.FORM_REASON, reason);
		}
		return form;
	}

}
