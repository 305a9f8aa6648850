package io.orderflow.addresschange;

import static io.orderflow.OrderProcess.actor;
import static io.orderflow.service.StartFormChecks.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.AddressChangeProcess.Variables;
import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.FormRefusedException;
import io.orderflow.service.StartFormChecks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterAddressChange}. A change requested over {@code /api/orders/{id}/address-changes} is stored
 * before its process starts: nothing to do. One started in Tasklist with the start form
 * ({@code forms/start-address-change.form}: order number, optional fulfillment order number, the address fields,
 * reason) is validated and stored here by the same code as the REST API, requested by the user who started it;
 * an invalid or too late one is refused with a {@link FormRefusedException}: the start is rolled back, nothing is
 * stored, and Tasklist shows the agent every invalid field by its label (over {@code /engine-rest}: a 400).
 */
@Component("registerAddressChange")
class RegisterAddressChangeDelegate implements JavaDelegate {

	/** The REST API's field names and the start form's. */
	private static final Map<String, String> FORM_FIELDS = Map.ofEntries(
			Map.entry("shippingAddress.name", Variables.FORM_NAME), Map.entry("shippingAddress.line1", Variables.FORM_LINE1),
			Map.entry("shippingAddress.line2", Variables.FORM_LINE2),
			Map.entry("shippingAddress.postalCode", Variables.FORM_POSTAL_CODE),
			Map.entry("shippingAddress.city", Variables.FORM_CITY), Map.entry("shippingAddress.region", Variables.FORM_REGION),
			Map.entry("shippingAddress.country", Variables.FORM_COUNTRY),
			Map.entry("shippingAddress.phone", Variables.FORM_PHONE), Map.entry("reason", Variables.FORM_REASON),
			Map.entry("fulfillmentOrderId", Variables.FORM_FULFILLMENT_ORDER_NUMBER));

	/** The start form's labels, for what the agent reads when it is refused. */
	static final Map<String, String> LABELS = Map.ofEntries(Map.entry(Variables.FORM_ORDER_NUMBER, "Order number"),
			Map.entry(Variables.FORM_FULFILLMENT_ORDER_NUMBER, "Fulfillment order number"),
			Map.entry(Variables.FORM_NAME, "Name"), Map.entry(Variables.FORM_LINE1, "Street and number"),
			Map.entry(Variables.FORM_LINE2, "Address line 2"), Map.entry(Variables.FORM_POSTAL_CODE, "Postal code"),
			Map.entry(Variables.FORM_CITY, "City"), Map.entry(Variables.FORM_REGION, "Region"),
			Map.entry(Variables.FORM_COUNTRY, "Country"), Map.entry(Variables.FORM_PHONE, "Phone"),
			Map.entry(Variables.FORM_REASON, "Reason"));

	private final AddressChanges changes;

	private final Orders orders;

	RegisterAddressChangeDelegate(AddressChanges changes, Orders orders) {
		this.changes = changes;
		this.orders = orders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (execution.getVariable(Variables.ADDRESS_CHANGE_ID) != null) {
			return;
		}
		String country = string(execution, Variables.FORM_COUNTRY);
		AddressChangeRequest request = new AddressChangeRequest(
				new AddressInput(string(execution, Variables.FORM_NAME), string(execution, Variables.FORM_LINE1),
						string(execution, Variables.FORM_LINE2), string(execution, Variables.FORM_POSTAL_CODE),
						string(execution, Variables.FORM_CITY), string(execution, Variables.FORM_REGION),
						country == null ? null : country.strip().toUpperCase(java.util.Locale.ROOT),
						string(execution, Variables.FORM_PHONE)),
				blankToNull(string(execution, Variables.FORM_FULFILLMENT_ORDER_NUMBER)),
				string(execution, Variables.FORM_REASON));
		List<FieldViolation> violations = new ArrayList<>();
		Order order = StartFormChecks.order(orders, string(execution, Variables.FORM_ORDER_NUMBER),
				Variables.FORM_ORDER_NUMBER, violations);
		try {
			if (order == null) {
				changes.validation().collect(request, null, violations);
				throw new InvalidRequestException(violations);
			}
			AddressChange change = changes.registerFromProcess(order, request, actor(execution),
					execution.getProcessInstanceId());
			execution.setProcessBusinessKey(change.orderNumber());
			execution.setVariable(io.orderflow.OrderProcess.Variables.ORDER_ID, change.orderId().toString());
			execution.setVariable(io.orderflow.OrderProcess.Variables.ORDER_NUMBER, change.orderNumber());
			execution.setVariable(Variables.ADDRESS_CHANGE_ID, change.id().toString());
		}
		catch (InvalidRequestException invalid) {
			java.util.Set<FieldViolation> all = new java.util.LinkedHashSet<>(violations);
			all.addAll(invalid.violations());
			throw new FormRefusedException("The address change", all.stream()
				.map(v -> new FieldViolation(FORM_FIELDS.getOrDefault(v.field(), v.field()), v.message()))
				.toList(), LABELS).asBadUserRequest();
		}
		catch (StateConflictException tooLate) {
			String field = request.fulfillmentOrderId() == null ? Variables.FORM_ORDER_NUMBER
					: Variables.FORM_FULFILLMENT_ORDER_NUMBER;
			throw new FormRefusedException("The address change", List.of(new FieldViolation(field, tooLate.getMessage())),
					LABELS).asBadUserRequest();
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
