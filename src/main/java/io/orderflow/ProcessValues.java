package io.orderflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * How Java reads and writes the values {@link OrderProcess} names: ids as text, id lists as JSON, who runs a step.
 * {@link OrderProcess} extends it, so that a delegate calls {@code OrderProcess.orderId(execution)}; kept apart only
 * so that the names fit one file of at most 500 lines.
 */
public abstract class ProcessValues {

	/**
	 * Ids as a process variable that a multi-instance takes as its collection: a list of strings stored as JSON
	 * ({@code ["…", "…"]}, shown by Cockpit), never Java-serialized (the engine refuses that).
	 */
	public static ObjectValue idList(Collection<UUID> ids) {
		return org.camunda.bpm.engine.variable.Variables
			.objectValue(new ArrayList<>(ids.stream().map(UUID::toString).toList()))
			.serializationDataFormat(SerializationDataFormats.JSON)
			.create();
	}

	/** The order the process is about. */
	public static UUID orderId(VariableScope scope) {
		return UUID.fromString((String) scope.getVariable(OrderProcess.Variables.ORDER_ID));
	}

	/** The fulfillment order a FulfillmentOrder instance (or a multi-instance element) is about. */
	public static UUID fulfillmentOrderId(VariableScope scope) {
		return UUID.fromString((String) scope.getVariable(OrderProcess.Variables.FULFILLMENT_ORDER_ID));
	}

	/** Who started what the execution runs: the user the engine authenticated, or {@code system:engine}. */
	public static String actor(DelegateExecution execution) {
		Authentication authentication = execution.getProcessEngineServices()
			.getIdentityService()
			.getCurrentAuthentication();
		return authentication != null && authentication.getUserId() != null ? authentication.getUserId()
				: "system:engine";
	}

	/** A process variable that holds an id (stored as text), or null when it is not set. */
	public static UUID id(VariableScope execution, String variable) {
		Object value = execution.getVariable(variable);
		return value == null ? null : UUID.fromString(value.toString());
	}

	/** A process variable as text, or null when it is not set. */
	public static String text(VariableScope execution, String variable) {
		Object value = execution.getVariable(variable);
		return value == null ? null : value.toString();
	}

	protected ProcessValues() {
	}

}
