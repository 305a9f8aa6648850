package io.orderflow.capture;

import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_DUPLICATE_ORDER;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_INVALID;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.START_EVENT_ORDER_RECEIVED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_REGISTER_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code Task_RegisterOrder}, path by path: an order from the REST API, an order handed to the
 * process as a JSON or text variable, an invalid one, an unreadable one, a missing one and a duplicate.
 */
@H2Test
class RegisterOrderProcessTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	CaptureService capture;

	@Autowired
	Orders orders;

	final ObjectMapper json = new ObjectMapper();

	@BeforeEach
	void initAssertions() {
		init(engine);
	}

	@Test
	void orderSubmittedOverTheApiIsLinkedToItsLifecycle() throws Exception {
		// Given an order submitted the way the REST API submits it
		SubmissionResult result = capture.submit(submission(TestOrders.valid()), null, "integrator");

		// Then its lifecycle registered it and goes on to authorize the payment
		ProcessInstance instance = lifecycleOf(result.order());
		assertThat(instance).hasPassedInOrder(START_EVENT_ORDER_RECEIVED, TASK_REGISTER_ORDER)
			.isWaitingAt(TASK_AUTHORIZE_PAYMENT)
			.hasBusinessKey(result.order().orderNumber());
		assertThat(orders.find(result.order().id()).orElseThrow().processInstanceId()).isEqualTo(instance.getId());
	}

	@Test
	void orderGivenAsJsonVariableIsValidatedAndRegistered() throws Exception {
		// Given an order as the JSON variable "order"
		Map<String, Object> order = TestOrders.valid();

		// When the lifecycle starts with it
		ProcessInstance instance = runtime.startProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY,
				Map.of(LifecycleProcess.Variables.ORDER, SpinValues.jsonValue(json.writeValueAsString(order)).create()));

		// Then the order is stored, the business key is its number and only ids remain in the process
		Order stored = storedOrder(order);
		assertThat(instance).isWaitingAt(TASK_AUTHORIZE_PAYMENT);
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getBusinessKey())
			.isEqualTo(stored.orderNumber());
		assertThat(runtime.getVariables(instance.getId())).containsOnlyKeys(Variables.ORDER_ID, Variables.ORDER_NUMBER)
			.containsEntry(Variables.ORDER_ID, stored.id().toString());
		assertThat(stored.processInstanceId()).isEqualTo(instance.getId());
		assertThat(stored.totals().grandTotal()).isEqualByComparingTo("58.43");
	}

	@Test
	void orderGivenAsTextVariableIsRegisteredToo() throws Exception {
		Map<String, Object> order = TestOrders.valid();

		ProcessInstance instance = runtime.startProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY,
				Map.of(LifecycleProcess.Variables.ORDER, json.writeValueAsString(order)));

		assertThat(instance).isWaitingAt(TASK_AUTHORIZE_PAYMENT);
		assertThat(storedOrder(order).processInstanceId()).isEqualTo(instance.getId());
	}

	@Test
	void invalidOrderEndsTheInstanceWithEveryInvalidFieldRecorded() throws Exception {
		// Given an order with an unknown SKU and no billing address
		Map<String, Object> order = TestOrders.valid();
		TestOrders.line(order, 0).put("sku", "SKU-NOPE");
		order.remove("billingAddress");

		// When the lifecycle starts with it
		ProcessInstance instance = runtime.startProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY,
				Map.of(LifecycleProcess.Variables.ORDER, SpinValues.jsonValue(json.writeValueAsString(order)).create()));

		// Then it ends as invalid, says why, and stores nothing
		assertThat(instance).isEnded().hasPassed(END_EVENT_ORDER_INVALID).hasNotPassed(TASK_AUTHORIZE_PAYMENT);
		assertThat(historicVariable(instance, LifecycleProcess.Variables.VALIDATION_ERRORS)).contains("lines[0].sku")
			.contains("billingAddress");
		assertThat(orders.findByReference(io.orderflow.order.Channel.WEB, (String) order.get("externalReference")))
			.isEmpty();
	}

	@Test
	void unreadableOrderEndsTheInstanceAsInvalid() {
		ProcessInstance instance = runtime.startProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY,
				Map.of(LifecycleProcess.Variables.ORDER, "{\"externalReference\": "));

		assertThat(instance).isEnded().hasPassed(END_EVENT_ORDER_INVALID);
		assertThat(historicVariable(instance, LifecycleProcess.Variables.VALIDATION_ERRORS)).contains("not a readable order");
	}

	@Test
	void missingOrderEndsTheInstanceAsInvalid() {
		ProcessInstance instance = runtime.startProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY);

		assertThat(instance).isEnded().hasPassed(END_EVENT_ORDER_INVALID);
		assertThat(historicVariable(instance, LifecycleProcess.Variables.VALIDATION_ERRORS)).contains("\"field\":\"order\"");
	}

	@Test
	void orderAlreadyRegisteredEndsTheSecondInstanceAsDuplicate() throws Exception {
		// Given an order the storefront already submitted over the REST API
		Map<String, Object> order = TestOrders.valid();
		SubmissionResult first = capture.submit(submission(order), null, "integrator");

		// When the same order is handed to a new lifecycle
		ProcessInstance second = runtime.startProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY,
				Map.of(LifecycleProcess.Variables.ORDER, SpinValues.jsonValue(json.writeValueAsString(order)).create()));

		// Then the second instance ends as duplicate and the first order keeps its one lifecycle
		assertThat(second).isEnded().hasPassed(END_EVENT_DUPLICATE_ORDER);
		assertThat(historicVariable(second, LifecycleProcess.Variables.VALIDATION_ERRORS)).contains(first.order().orderNumber());
		assertThat(lifecycleOf(first.order())).isWaitingAt(TASK_AUTHORIZE_PAYMENT);
	}

	private OrderSubmission submission(Map<String, Object> order) {
		return TestOrders.submission(order);
	}

	private Order storedOrder(Map<String, Object> order) {
		return orders.findByReference(io.orderflow.order.Channel.WEB, (String) order.get("externalReference"))
			.orElseThrow(() -> new AssertionError("order not stored"));
	}

	private ProcessInstance lifecycleOf(Order order) {
		return runtime.createProcessInstanceQuery().processInstanceBusinessKey(order.orderNumber()).singleResult();
	}

	private String historicVariable(ProcessInstance instance, String name) {
		return String.valueOf(engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableName(name)
			.singleResult()
			.getValue());
	}

}
