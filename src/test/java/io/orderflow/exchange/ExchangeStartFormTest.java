package io.orderflow.exchange;

import static io.orderflow.ExchangeNames.Elements.CALL_ACTIVITY_SHIP_REPLACEMENT;
import static io.orderflow.ExchangeNames.Elements.RECEIVE_TASK_AWAIT_RETURNED_UNITS;
import static io.orderflow.ExchangeNames.Elements.TASK_CHECK_EXCHANGE_ELIGIBILITY;
import static io.orderflow.ExchangeNames.Elements.TASK_REGISTER_EXCHANGE;
import static io.orderflow.service.StartFormRefusal.byField;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.Groups;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.order.Order;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.service.ServiceScenario;
import io.orderflow.service.StartFormRefusal;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exchanges a service agent starts in Tasklist ("Start process", form {@code forms/start-exchange.form}): Given a
 * delivered order, When an agent submits the start form, Then a valid request is stored by the same rules as
 * {@code POST /api/orders/{id}/exchanges}, requested by the agent, and carried out like one; an invalid one is
 * refused as a whole, naming every invalid field, and nothing is stored. Only service agents (and administrators)
 * may start it.
 */
class ExchangeStartFormTest extends ServiceScenario {

	@Autowired
	Exchanges exchanges;

	final String agent = "agent-" + run.toLowerCase();

	ExchangeStartFormTest() {
		super("EXF", "Exchange form", "exchange-form");
	}

	@Test
	void theStartEventOffersTheStartForm() {
		assertThat(engine.getFormService()
			.getStartFormData(definitionId(ExchangeProcess.KEY))
			.getCamundaFormRef()
			.getKey()).isEqualTo("start-exchange");
	}

	@Test
	void agentExchangesAUnitFromTasklistLikeARestRequest() throws Exception {
		// Given a delivered order of 2 × A and a large size in stock
		String a = sku("A");
		String large = sku("A-L");
		String berlin = location("BER");
		stock(berlin, a, 10);
		stock(berlin, large, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		// When a service agent exchanges 1 unit for the large size from Tasklist, with a note
		ProcessInstance started = startAs(agent, Groups.SERVICE_AGENTS,
				form(order.orderNumber(), "1:1", "DOES_NOT_FIT", large, "1", null, "customer called"));

		// Then the exchange is stored, requested by the agent, attached to this instance
		assertThat(started).hasPassed(TASK_REGISTER_EXCHANGE).isWaitingAt(TASK_CHECK_EXCHANGE_ELIGIBILITY);
		List<Exchange> stored = exchanges.ofOrder(order.id());
		assertThat(stored).singleElement().satisfies(e -> {
			assertThat(e.requestedBy()).isEqualTo(agent);
			assertThat(e.processInstanceId()).isEqualTo(started.getId());
			assertThat(e.kind()).isEqualTo("EVEN");
			assertThat(e.lines()).singleElement().satisfies(line -> {
				assertThat(line.lineNumber()).isEqualTo(1);
				assertThat(line.quantity()).isEqualTo(1);
				assertThat(line.reason()).isEqualTo("DOES_NOT_FIT");
				assertThat(line.paid()).isEqualByComparingTo("11.90");
			});
		});
		assertThat(engine.getRuntimeService().getVariables(started.getId()))
			.containsEntry(ExchangeProcess.Variables.EXCHANGE_ID, stored.get(0).id().toString())
			.containsEntry(Variables.ORDER_ID, order.id().toString());
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals(agent)
				&& e.description().equals("Note on the exchange: customer called"));

		// And when the jobs run, it is approved and the replacement goes out
		Jobs.runDue(engine);
		assertThat(started).isWaitingAt(RECEIVE_TASK_AWAIT_RETURNED_UNITS, CALL_ACTIVITY_SHIP_REPLACEMENT);
		assertThat(exchanges.find(stored.get(0).id()).orElseThrow().status()).isEqualTo(ExchangeStatus.APPROVED);
	}

	@Test
	void anInvalidFormIsRefusedNamingEveryInvalidFieldAndLeavesNothing() throws Exception {
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		// When an agent asks for more than shipped, an unknown SKU, an unreadable quantity and a negative price
		List<FieldViolation> refused = refused(form(order.orderNumber(), "1:3", "DOES_NOT_FIT", "NO-SUCH-SKU", "one",
				"-5", "x".repeat(Exchanges.MAX_NOTE + 1)));

		// Then every field is named by the form's names, and nothing is stored
		Map<String, String> errors = byField(refused);
		assertThat(errors).containsOnlyKeys(ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU,
				ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY,
				ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE, ExchangeProcess.Variables.EXCHANGE_FORM_NOTE);
		assertThat(errors.get(ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY)).contains("\"one\"");
		assertThat(exchanges.ofOrder(order.id())).isEmpty();

		// And too many units are named under the lines, an unknown order under the order number
		List<FieldViolation> tooMany = refused(form(order.orderNumber(), "1:3", "DOES_NOT_FIT", a, "1", null, null));
		assertThat(byField(tooMany)).containsOnlyKeys(ExchangeProcess.Variables.EXCHANGE_FORM_LINES)
			.hasEntrySatisfying(ExchangeProcess.Variables.EXCHANGE_FORM_LINES, m -> assertThat(m).contains("has only 2"));
		assertThat(byField(refused(form("OF-NO-SUCH-" + run, "1:1", "DOES_NOT_FIT", a, "1", null, null))))
			.containsOnlyKeys(ExchangeProcess.Variables.EXCHANGE_FORM_ORDER_NUMBER);
		assertThat(exchanges.ofOrder(order.id())).isEmpty();
	}

	@Test
	void onlyServiceAgentsMayStartItFromTasklist() throws Exception {
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		for (String group : List.of(Groups.WAREHOUSE, Groups.FRAUD_ANALYSTS, Groups.INTEGRATORS)) {
			assertThatThrownBy(() -> startAs("user-" + group, group,
					form(order.orderNumber(), "1:1", "DOES_NOT_FIT", a, "1", null, null)))
				.as(group)
				.isInstanceOf(AuthorizationException.class);
		}
		assertThat(exchanges.ofOrder(order.id())).isEmpty();
		engine.getIdentityService().setAuthentication(agent, List.of(Groups.SERVICE_AGENTS));
		assertThat(engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(ExchangeProcess.KEY)
			.startablePermissionCheck()
			.startableInTasklist()
			.latestVersion()
			.count()).isEqualTo(1);
		engine.getIdentityService().clearAuthentication();
		startAs(agent, Groups.SERVICE_AGENTS, form(order.orderNumber(), "1:1", "DOES_NOT_FIT", a, "1", null, null));
		assertThat(exchanges.ofOrder(order.id())).hasSize(1);
		Jobs.runDue(engine);
	}

	// --- helpers ------------------------------------------------------------------------------

	/** What Tasklist submits for the start form: only the fields the agent filled in. */
	static Map<String, Object> form(String orderNumber, String lines, String reason, String sku, String quantity,
			String unitPrice, String note) {
		Map<String, Object> form = new HashMap<>();
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_ORDER_NUMBER, orderNumber);
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_LINES, lines);
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_REASON, reason);
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU, sku);
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY, quantity);
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE, unitPrice);
		put(form, ExchangeProcess.Variables.EXCHANGE_FORM_NOTE, note);
		return form;
	}

	private static void put(Map<String, Object> form, String key, String value) {
		if (value != null) {
			form.put(key, value);
		}
	}

	List<FieldViolation> refused(Map<String, Object> form) {
		return StartFormRefusal.refused(engine, OrderProcess.ExchangeProcess.KEY, agent, Groups.SERVICE_AGENTS, form);
	}

	ProcessInstance startAs(String user, String group, Map<String, Object> form) {
		return submitStartForm(OrderProcess.ExchangeProcess.KEY, user, group, form);
	}

}
