package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.PaymentTransaction.Type;
import io.orderflow.platform.AfterCommit;

import org.springframework.stereotype.Component;

/**
 * What every part of the payment stage records the same way: each call to the provider as a transaction
 * (succeeded or failed), each outcome on the order's timeline as {@value #ACTOR}, and the time in UTC to the
 * microsecond, as the database keeps it.
 */
@Component
class PaymentRecords {

	static final String ACTOR = "system:payment";

	private final Orders orders;

	private final PaymentRepository payments;

	private final OrderEvents events;

	private final MeterRegistry metrics;

	private final Clock clock;

	PaymentRecords(Orders orders, PaymentRepository payments, OrderEvents events, MeterRegistry metrics, Clock clock) {
		this.orders = orders;
		this.metrics = metrics;
		this.payments = payments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The data of the payment events: which call to the provider (AUTHORIZATION, REAUTHORIZATION, CAPTURE,
	 * REFUND, VOID), the amount, the provider's reference, the invoice or credit memo it was for, and why it
	 * failed.
	 */
	record PaymentEvent(UUID transactionId, Type transaction, BigDecimal amount, String currency, UUID authorizationId,
			String providerReference, String documentNumber, String failureReason) {
	}

	Order order(UUID orderId) {
		return orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("No order " + orderId));
	}

	/** Locks the order's row for the rest of the caller's transaction ({@link Orders#lock}) and reads it. */
	Order lockOrder(UUID orderId) {
		orders.lock(orderId);
		return order(orderId);
	}

	/** The token of the order's payment method, for the provider. */
	String paymentToken(UUID orderId) {
		return orders.paymentToken(orderId);
	}

	/** The order's open authorizations, oldest first. */
	List<PaymentAuthorization> open(UUID orderId) {
		return payments.authorizations(orderId).stream().filter(PaymentAuthorization::isOpen).toList();
	}

	/**
	 * The order's open authorizations, oldest first, read after locking all of the order's authorizations for
	 * the rest of the caller's transaction. Whoever closes or replaces an authorization reads them this way, so
	 * that of two at once (a cancellation's reduction and the lifecycle's void, say) the second waits and then
	 * finds what the first left, instead of closing what the first already closed.
	 */
	List<PaymentAuthorization> lockOpen(UUID orderId) {
		payments.lockAuthorizations(orderId);
		return open(orderId);
	}

	void success(UUID orderId, UUID authorizationId, Type type, BigDecimal amount, String currency, String key,
			String reference, String documentNumber, OffsetDateTime now) {
		UUID id = UUID.randomUUID();
		payments.insertSuccess(id, orderId, authorizationId, type, amount, currency, key, reference, documentNumber,
				now);
		EventType event = switch (type) {
			case AUTHORIZATION, REAUTHORIZATION -> EventType.PAYMENT_AUTHORIZED;
			case CAPTURE -> EventType.PAYMENT_CAPTURED;
			case REFUND -> EventType.PAYMENT_REFUNDED;
			case VOID -> EventType.PAYMENT_VOIDED;
		};
		events.publish(orderId, event,
				new PaymentEvent(id, type, amount, currency, authorizationId, reference, documentNumber, null));
		if (type == Type.CAPTURE || type == Type.REFUND) {
			// counted on the node that took or gave back the money, once it is recorded
			AfterCommit.run(() -> Counter.builder(type == Type.CAPTURE ? "orderflow.payments.captured" : "orderflow.payments.refunded")
				.description("Amounts " + (type == Type.CAPTURE ? "captured" : "refunded") + " per currency, on this node")
				.tag("currency", currency)
				.register(metrics)
				.increment(amount.doubleValue()));
		}
	}

	/**
	 * {@code payment.declined}, in the caller's transaction, for a declined call that {@link GatewayCalls}
	 * recorded as the transaction {@code transactionId}.
	 */
	void declined(GatewayCalls.Call call, UUID transactionId, String reason) {
		events.publish(call.orderId(), EventType.PAYMENT_DECLINED, new PaymentEvent(transactionId, call.type(),
				call.amount(), call.currency(), call.authorizationId(), null, call.documentNumber(), reason));
	}

	/** A payment entry on the order's timeline. */
	void timeline(UUID orderId, String description) {
		orders.record(orderId, TimelineType.PAYMENT, ACTOR, description);
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

}
