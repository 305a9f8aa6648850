package io.orderflow.exchange;

import static io.orderflow.OrderProcess.actor;
import static io.orderflow.service.StartFormChecks.string;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.FormRefusedException;
import io.orderflow.service.StartFormLines;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterExchange}. An exchange requested over {@code /api/orders/{id}/exchanges} is stored before its
 * process starts: nothing to do. One started in Tasklist with the start form ({@code forms/start-exchange.form}:
 * the order number, the lines sent back as "lineNumber:quantity, ...", one reason for them, the replacement's SKU,
 * quantity and, when it is not priced as the returned line, its unit price; a note) is validated and stored here by
 * the same code as the REST API, requested by the user who started it; an invalid one is refused with a
 * {@link FormRefusedException}: the start is rolled back, nothing is stored, and Tasklist shows the agent every
 * invalid field by its label (over {@code /engine-rest}: a 400).
 */
@Component("registerExchange")
class RegisterExchangeDelegate implements JavaDelegate {

	/** The REST API's field names and the start form's. */
	private static final Map<String, String> FORM_FIELDS = Map.of("note", ExchangeProcess.Variables.EXCHANGE_FORM_NOTE,
			"replacement", ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU, "replacement.sku",
			ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU, "replacement.quantity",
			ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY, "replacement.unitPrice",
			ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE);

	/** The start form's labels, for what the agent reads when it is refused. */
	private static final Map<String, String> LABELS = Map.of(ExchangeProcess.Variables.EXCHANGE_FORM_ORDER_NUMBER,
			"Order number", ExchangeProcess.Variables.EXCHANGE_FORM_LINES, "Lines sent back",
			ExchangeProcess.Variables.EXCHANGE_FORM_REASON, "Reason", ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU,
			"Replacement SKU", ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY, "Replacement quantity",
			ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE, "Replacement unit price",
			ExchangeProcess.Variables.EXCHANGE_FORM_NOTE, "Note");

	private final Exchanges exchanges;

	RegisterExchangeDelegate(Exchanges exchanges) {
		this.exchanges = exchanges;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (execution.getVariable(ExchangeProcess.Variables.EXCHANGE_ID) != null) {
			return;
		}
		List<FieldViolation> unreadable = new ArrayList<>();
		String reason = string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_REASON);
		List<StartFormLines.Part> parts = StartFormLines.parse(string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_LINES));
		Integer quantity = integer(string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY),
				ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY, unreadable);
		BigDecimal unitPrice = decimal(string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE),
				ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE, unreadable);
		ExchangeRequest request = new ExchangeRequest(
				parts.isEmpty() ? null
						: parts.stream().map(p -> new ExchangeRequest.Line(p.lineNumber(), p.quantity(), reason)).toList(),
				new ExchangeRequest.Replacement(string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU),
						quantity, unitPrice, null));
		try {
			Exchange exchange = exchanges.registerFromProcess(
					string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_ORDER_NUMBER),
					ExchangeProcess.Variables.EXCHANGE_FORM_ORDER_NUMBER, request,
					string(execution, ExchangeProcess.Variables.EXCHANGE_FORM_NOTE), actor(execution),
					execution.getProcessInstanceId());
			execution.setProcessBusinessKey(exchange.orderNumber());
			execution.setVariable(Variables.ORDER_ID, exchange.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, exchange.orderNumber());
			execution.setVariable(ExchangeProcess.Variables.EXCHANGE_ID, exchange.id().toString());
		}
		catch (InvalidRequestException invalid) {
			List<FieldViolation> violations = new ArrayList<>(unreadable);
			StartFormLines.toForm(invalid.violations(), parts, ExchangeProcess.Variables.EXCHANGE_FORM_LINES, FORM_FIELDS)
				.stream()
				.filter(v -> unreadable.stream().noneMatch(u -> u.field().equals(v.field())))
				.forEach(violations::add);
			violations.replaceAll(v -> v.field().equals(ExchangeProcess.Variables.EXCHANGE_FORM_LINES)
					&& v.message().contains("must be one of") ? new FieldViolation(ExchangeProcess.Variables.EXCHANGE_FORM_REASON,
							"is required: one of the return policy's reasons") : v);
			throw new FormRefusedException("The exchange", violations.stream().distinct().toList(), LABELS)
				.asBadUserRequest();
		}
	}

	private static Integer integer(String text, String field, List<FieldViolation> unreadable) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException e) {
			unreadable.add(new FieldViolation(field, "\"" + text.strip() + "\" is not a whole number"));
			return null;
		}
	}

	private static BigDecimal decimal(String text, String field, List<FieldViolation> unreadable) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException e) {
			unreadable.add(new FieldViolation(field, "\"" + text.strip() + "\" is not an amount such as 19.99"));
			// refused by the REST rules too, so that nothing is stored
			return BigDecimal.ONE.negate();
		}
	}

}
