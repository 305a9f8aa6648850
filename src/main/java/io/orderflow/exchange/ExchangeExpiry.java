package io.orderflow.exchange;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.fulfillment.UnitCancellations;
import io.orderflow.fulfillment.UnitCancellations.UnitsCanceled;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.Authorizations;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchanges whose returned units do not come back by the deadline of the reservation policy
 * ({@code returnWithin} in {@code bpmn/exchange-reservation.dmn}, counted from approval).
 *
 * <p>At the deadline ({@code Task_ExpireExchange}) the exchange is EXPIRED, so units arriving later are refused.
 * What of the replacement has not shipped is canceled through the unit cancellations of fulfillment (reservations
 * released, fulfillment orders that lose everything canceled and their processes told), and the authorization is
 * brought down to what is left to charge, which lets the pending credits of the replacement's line lapse and voids
 * or lowers a dearer exchange's extra authorization. Nothing shipped: the returned units are released from
 * {@code returnInitiated} (as at every expiry) and the exchange ends. Something shipped: the customer has both; a
 * service agent settles it
 * ({@code UserTask_SettleUnreturnedUnits}): keep waiting another period ({@link #reopen}) or close it, the customer
 * keeping both ({@link #closeUnreturned}).
 */
@Service
class ExchangeExpiry {

	private final ExchangeRepository repository;

	private final Orders orders;

	private final UnitCancellations unitCancellations;

	private final Authorizations authorizations;

	private final RuntimeService runtime;

	private final OrderEvents events;

	private final Clock clock;

	ExchangeExpiry(ExchangeRepository repository, Orders orders, UnitCancellations unitCancellations,
			Authorizations authorizations, RuntimeService runtime, OrderEvents events, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.unitCancellations = unitCancellations;
		this.authorizations = authorizations;
		this.runtime = runtime;
		this.events = events;
		this.clock = clock;
	}

	/** What the deadline did: whether any of the replacement had shipped, and what did not come back (for the form). */
	record Expiry(boolean replacementShipped, String notReturned) {
	}

	/** The data of {@code exchange.expired}: the exchange after the deadline and what became of its replacement. */
	record ExchangeExpired(UUID exchangeId, String orderNumber, ExchangeStatus status, String statusReason, String kind,
			String currency, BigDecimal returnedValue, BigDecimal replacementValue, Integer replacementLineNumber,
			int replacementShipped, int replacementCanceled, List<Exchange.Line> lines) {
	}

	/**
	 * {@code Task_ExpireExchange}: APPROVED → EXPIRED, the replacement's unshipped units canceled. A repeat (no
	 * longer APPROVED) changes nothing and answers as the first time did.
	 */
	@Transactional
	public Expiry expire(UUID exchangeId) {
		Exchange exchange = require(exchangeId);
		UUID orderId = exchange.orderId();
		orders.lock(orderId);
		if (!repository.move(exchangeId, ExchangeStatus.APPROVED, ExchangeStatus.EXPIRED,
				"the returned units did not come back by the deadline", now())) {
			// runs in the timer's job, with the wait for the units: only a repeat finds it no longer APPROVED
			Exchange now = require(exchangeId);
			if (now.status() != ExchangeStatus.EXPIRED) {
				throw new IllegalStateException("Exchange " + exchangeId + " is " + now.status() + ", not expiring");
			}
			return new Expiry(shipped(now) > 0, notReturned(now));
		}
		int line = exchange.replacementLineNumber();
		OrderLine replacement = orders.require(orderId).line(line);
		int open = replacement.quantities().netOrdered() - replacement.quantities().fulfilled();
		int canceled = 0;
		if (open > 0) {
			UnitsCanceled result = unitCancellations.cancelUnits(orderId, Map.of(line, open),
					"exchange expired: the units sent back did not come", ExchangeSteps.ACTOR);
			canceled = result.canceled().getOrDefault(line, 0);
			for (UUID fulfillmentOrderId : result.canceledFulfillmentOrders()) {
				// a fulfillment order process not yet waiting sees CANCELED when it gets there
				runtime.createMessageCorrelation(FulfillmentOrderProcess.Messages.FULFILLMENT_ORDER_CANCELED)
					.processInstanceVariableEquals(Variables.FULFILLMENT_ORDER_ID, fulfillmentOrderId.toString())
					.correlateAllWithResult();
			}
			authorizations.reduceToOutstanding(orderId, "the exchange's replacement was canceled (units not returned)");
		}
		int shipped = shipped(exchange);
		releaseReturnInitiated(exchange, -1, "not sent back by the deadline");
		String reason;
		if (shipped == 0) {
			reason = "the returned units did not come back by the deadline; the replacement had not shipped and was canceled";
		}
		else {
			reason = "the returned units did not come back by the deadline; " + shipped + " × "
					+ exchange.replacement().sku() + " of the replacement had shipped"
					+ (canceled > 0 ? " (" + canceled + " not shipped were canceled)" : "")
					+ ": a service agent settles it";
		}
		repository.move(exchangeId, ExchangeStatus.EXPIRED, ExchangeStatus.EXPIRED, reason, now());
		orders.record(orderId, TimelineType.EXCHANGE, ExchangeSteps.ACTOR, "Exchange EXPIRED: " + reason);
		Exchange expired = require(exchangeId);
		events.publish(orderId, EventType.EXCHANGE_EXPIRED,
				new ExchangeExpired(expired.id(), expired.orderNumber(), expired.status(), expired.statusReason(),
						expired.kind(), expired.currency(), expired.returnedValue(), expired.replacementValue(),
						expired.replacementLineNumber(), shipped, canceled, expired.lines()));
		return new Expiry(shipped > 0, notReturned(expired));
	}

	/**
	 * {@code Task_ReopenExchange}: the agent keeps waiting: EXPIRED → APPROVED, the units count as return-initiated
	 * again and are accepted when they arrive.
	 */
	@Transactional
	public void reopen(UUID exchangeId, String note) {
		Exchange exchange = require(exchangeId);
		orders.lock(exchange.orderId());
		if (repository.move(exchangeId, ExchangeStatus.EXPIRED, ExchangeStatus.APPROVED,
				"a service agent keeps waiting for the returned units", now())) {
			releaseReturnInitiated(exchange, 1, "awaited again");
			orders.record(exchange.orderId(), TimelineType.EXCHANGE, ExchangeSteps.ACTOR,
					"Exchange APPROVED again: a service agent keeps waiting for the returned units" + noted(note));
		}
	}

	/**
	 * {@code Task_CloseUnreturnedExchange}: the agent closes it, the customer keeping both; the exchange stays
	 * EXPIRED (its units were released from {@code returnInitiated} at the deadline). Once: a repeat changes nothing.
	 */
	@Transactional
	public void closeUnreturned(UUID exchangeId, String note) {
		Exchange exchange = require(exchangeId);
		orders.lock(exchange.orderId());
		String reason = "closed by a service agent: the customer keeps the units and the replacement";
		if (exchange.status() != ExchangeStatus.EXPIRED || reason.equals(exchange.statusReason())) {
			return;
		}
		repository.move(exchangeId, ExchangeStatus.EXPIRED, ExchangeStatus.EXPIRED, reason, now());
		orders.record(exchange.orderId(), TimelineType.EXCHANGE, ExchangeSteps.ACTOR, "Exchange closed (EXPIRED): "
				+ "the customer keeps " + units(exchange) + " and the replacement; nothing more is charged" + noted(note));
	}

	/** The returned units out of ({@code sign} -1) or back into (+1) {@code returnInitiated} of their lines. */
	private void releaseReturnInitiated(Exchange exchange, int sign, String why) {
		for (Exchange.Line line : exchange.lines()) {
			orders.changeQuantities(exchange.orderId(), line.lineNumber(),
					new QuantityChange(0, 0, 0, sign * line.quantity(), 0, 0), ExchangeSteps.ACTOR,
					"Exchange: " + line.quantity() + " × " + line.sku() + " " + why);
		}
	}

	private int shipped(Exchange exchange) {
		return orders.require(exchange.orderId()).line(exchange.replacementLineNumber()).quantities().fulfilled();
	}

	private String notReturned(Exchange exchange) {
		return "Not sent back by the deadline: " + units(exchange) + ", paid " + exchange.returnedValue().toPlainString()
				+ " " + exchange.currency() + ". Replacement (line " + exchange.replacementLineNumber() + "): "
				+ exchange.replacement().quantity() + " × " + exchange.replacement().sku() + " for "
				+ exchange.replacementValue().toPlainString() + " " + exchange.currency() + ", of which "
				+ shipped(exchange) + " shipped; the units' value up to the replacement's was taken off its invoice.";
	}

	private static String units(Exchange exchange) {
		return exchange.lines()
			.stream()
			.map(line -> line.quantity() + " × " + line.sku() + " of line " + line.lineNumber())
			.collect(Collectors.joining(", "));
	}

	private static String noted(String note) {
		return note == null || note.isBlank() ? "" : ". Note: " + note.strip();
	}

	private Exchange require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No exchange " + id));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
