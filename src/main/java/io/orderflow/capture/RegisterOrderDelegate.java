package io.orderflow.capture;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.FieldViolation;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterOrder}. An order submitted over {@code /api/orders} is already stored when its
 * process starts; this task then links the order to its process instance. An order submitted as the
 * {@code order} variable through {@code /engine-rest} is validated and stored here, by the same code
 * as the REST API; an invalid or duplicate one ends the instance through a BPMN error, with the reason
 * in the {@code validationErrors} variable, and nothing is stored.
 */
@Component("registerOrder")
class RegisterOrderDelegate implements JavaDelegate {

	private final CaptureService capture;

	private final Orders orders;

	private final ObjectMapper objectMapper;

	RegisterOrderDelegate(CaptureService capture, Orders orders, ObjectMapper objectMapper) {
		this.capture = capture;
		this.orders = orders;
		this.objectMapper = objectMapper;
	}

	@Override
	public void execute(DelegateExecution execution) throws Exception {
		String actor = OrderProcess.actor(execution);
		String orderId = (String) execution.getVariable(Variables.ORDER_ID);
		if (orderId == null) {
			Order order = registerSubmittedOrder(execution, actor);
			orderId = order.id().toString();
			execution.setProcessBusinessKey(order.orderNumber());
			execution.setVariable(Variables.ORDER_ID, orderId);
			execution.setVariable(Variables.ORDER_NUMBER, order.orderNumber());
			execution.removeVariable(LifecycleProcess.Variables.ORDER);
		}
		orders.attachProcessInstance(UUID.fromString(orderId), execution.getProcessInstanceId(), actor);
	}

	private Order registerSubmittedOrder(DelegateExecution execution, String actor) throws JsonProcessingException {
		OrderSubmission submission = readSubmission(execution);
		try {
			Optional<Order> registered = capture.registerFromProcess(submission, actor);
			if (registered.isPresent()) {
				return registered.get();
			}
		}
		catch (InvalidOrderException invalid) {
			throw invalid(execution, invalid.violations());
		}
		String existing = capture.existing(submission).map(Order::orderNumber).orElse("?");
		execution.setVariable(LifecycleProcess.Variables.VALIDATION_ERRORS, objectMapper.writeValueAsString(List.of(new FieldViolation(
				"externalReference", "channel " + submission.channel() + " already has order " + existing
						+ " for reference " + submission.externalReference()))));
		throw new BpmnError(LifecycleProcess.Errors.DUPLICATE_ORDER,
				"Order " + existing + " already holds reference " + submission.externalReference());
	}

	private OrderSubmission readSubmission(DelegateExecution execution) throws JsonProcessingException {
		// a Json (Spin) or Object variable is read in its serialized form; a String variable as it is
		TypedValue value = execution.getVariableTyped(LifecycleProcess.Variables.ORDER, false);
		Object raw = value instanceof SerializableValue serializable ? serializable.getValueSerialized()
				: value == null ? null : value.getValue();
		if (raw == null) {
			throw invalid(execution, List.of(new FieldViolation(LifecycleProcess.Variables.ORDER,
					"start the process with the order as the JSON variable '" + LifecycleProcess.Variables.ORDER + "'")));
		}
		try {
			return raw instanceof String text ? objectMapper.readValue(text, OrderSubmission.class)
					: objectMapper.convertValue(raw, OrderSubmission.class);
		}
		catch (JsonProcessingException | IllegalArgumentException unreadable) {
			throw invalid(execution, List.of(new FieldViolation(LifecycleProcess.Variables.ORDER,
					"not a readable order: " + io.orderflow.platform.web.JsonProblems.describe(unreadable))));
		}
	}

	private BpmnError invalid(DelegateExecution execution, List<FieldViolation> violations) {
		try {
			execution.setVariable(LifecycleProcess.Variables.VALIDATION_ERRORS, objectMapper.writeValueAsString(violations));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
		return new BpmnError(LifecycleProcess.Errors.INVALID_ORDER, violations.size() + " invalid field(s): " + violations.stream()
			.map(v -> v.field() + " " + v.message())
			.reduce((a, b) -> a + "; " + b)
			.orElse(""));
	}

}
