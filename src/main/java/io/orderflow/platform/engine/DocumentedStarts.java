package io.orderflow.platform.engine;

import java.util.Map;
import java.util.Set;

import io.orderflow.AddressChangeProcess;
import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.HoldProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.ReshipmentProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;

/**
 * The documented entry of every process a person or an integration may start (docs/security.md, "Forged
 * starts"): the variables a start may carry. The order lifecycle takes the order as the JSON variable
 * {@code order}; each service request takes the fields of its Tasklist start form
 * ({@code forms/start-*.form}, checked against these by {@code DocumentedStartsTest}). Every other
 * variable (the ids of existing records, decisions, who approved) is set by Orderflow itself.
 */
final class DocumentedStarts {

	static final Map<String, Set<String>> VARIABLES = Map.of(OrderProcess.LifecycleProcess.KEY, Set.of(LifecycleProcess.Variables.ORDER),
			OrderProcess.CancellationProcess.KEY,
			Set.of(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER,
					CancellationProcess.Variables.CANCELLATION_FORM_LINES, CancellationProcess.Variables.CANCELLATION_FORM_REASON,
					CancellationProcess.Variables.CANCELLATION_FORM_NOTE),
			OrderProcess.ReturnProcess.KEY,
			Set.of(ReturnProcess.Variables.RETURN_FORM_ORDER_NUMBER, ReturnProcess.Variables.RETURN_FORM_LINES, ReturnProcess.Variables.RETURN_FORM_REASON,
					Variables.DECISION_NOTE),
			OrderProcess.ReshipmentProcess.KEY,
			Set.of(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER, ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES,
					ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON, ReshipmentProcess.Variables.RESHIPMENT_FORM_NOTE),
			OrderProcess.HoldProcess.KEY,
			Set.of(HoldProcess.Variables.HOLD_FORM_ORDER_NUMBER, HoldProcess.Variables.HOLD_FORM_ACTION,
					HoldProcess.Variables.HOLD_FORM_REASON),
			OrderProcess.AdjustmentProcess.KEY,
			Set.of(Variables.ORDER_NUMBER, AdjustmentProcess.Variables.ADJUSTMENT_TARGET, AdjustmentProcess.Variables.ADJUSTMENT_LINE_NUMBER,
					AdjustmentProcess.Variables.ADJUSTMENT_KIND, AdjustmentProcess.Variables.ADJUSTMENT_VALUE, AdjustmentProcess.Variables.ADJUSTMENT_REASON),
			OrderProcess.ExchangeProcess.KEY,
			Set.of(ExchangeProcess.Variables.EXCHANGE_FORM_ORDER_NUMBER, ExchangeProcess.Variables.EXCHANGE_FORM_LINES,
					ExchangeProcess.Variables.EXCHANGE_FORM_REASON, ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_SKU,
					ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_QUANTITY,
					ExchangeProcess.Variables.EXCHANGE_FORM_REPLACEMENT_UNIT_PRICE, ExchangeProcess.Variables.EXCHANGE_FORM_NOTE),
			AddressChangeProcess.KEY,
			Set.of(AddressChangeProcess.Variables.FORM_ORDER_NUMBER, AddressChangeProcess.Variables.FORM_FULFILLMENT_ORDER_NUMBER,
					AddressChangeProcess.Variables.FORM_NAME, AddressChangeProcess.Variables.FORM_LINE1,
					AddressChangeProcess.Variables.FORM_LINE2, AddressChangeProcess.Variables.FORM_POSTAL_CODE,
					AddressChangeProcess.Variables.FORM_CITY, AddressChangeProcess.Variables.FORM_REGION,
					AddressChangeProcess.Variables.FORM_COUNTRY, AddressChangeProcess.Variables.FORM_PHONE,
					AddressChangeProcess.Variables.FORM_REASON));

	private DocumentedStarts() {
	}

}
