package io.orderflow.payment.adyen;

import java.math.BigDecimal;
import java.security.SignatureException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.util.HMACValidator;
import io.orderflow.payment.PaymentRefusals;
import io.orderflow.payment.ProviderConfirmations;
import io.orderflow.platform.Text;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Adyen tells afterwards: the outcome of captures and refunds (and cancels, amount updates), as HMAC-signed
 * notifications. Each is kept once (a second delivery changes nothing); a capture or refund that Adyen refused is
 * matched to the call Orderflow made and becomes a "Settle refused payment" task for a supervisor, with Adyen's
 * reason, and a timeline entry ({@link PaymentRefusals}); a notification that arrives before Orderflow recorded its call is kept
 * and matched in a later round. Until Adyen confirmed them, captures and refunds are awaited ({@link #of}).
 */
@Service
@ConditionalOnProperty(name = "orderflow.payment.gateway", havingValue = "adyen")
class AdyenNotifications implements ProviderConfirmations {

	private static final Set<String> OUTCOMES = Set.of("CAPTURE", "CAPTURE_FAILED", "REFUND", "REFUND_FAILED",
			"REFUNDED_REVERSED");

	/** A signature that does not match: the whole delivery is refused. */
	static class BadSignatureException extends RuntimeException {

		BadSignatureException(String message) {
			super(message);
		}

	}

	private final JdbcClient jdbc;

	private final AdyenProperties properties;

	private final PaymentRefusals refusals;

	private final Clock clock;

	private final HMACValidator hmac = new HMACValidator();

	AdyenNotifications(JdbcClient jdbc, AdyenProperties properties, PaymentRefusals refusals, Clock clock) {
		if (properties.hmacKey() == null || properties.hmacKey().isBlank()) {
			throw new IllegalStateException("The Adyen payment gateway is selected but orderflow.payment.adyen.hmac-key"
					+ " (ADYEN_HMAC_KEY) is not set: without it Adyen's notifications cannot be trusted");
		}
		this.jdbc = jdbc;
		this.properties = properties;
		this.refusals = refusals;
		this.clock = clock;
	}

	/** Checks every item's signature first, then keeps each new one and acts on it. */
	@Transactional
	public void receive(List<NotificationRequestItem> items) {
		for (NotificationRequestItem item : items) {
			if (!signed(item)) {
				throw new BadSignatureException("The HMAC signature of notification " + item.getEventCode() + " "
						+ item.getPspReference() + " does not match");
			}
		}
		for (NotificationRequestItem item : items) {
			if (keep(item)) {
				handle(id(item));
			}
		}
	}

	/** Notifications not matched yet (they came before Orderflow recorded its call): tried again. */
	@Transactional
	public int matchLeftOvers() {
		List<String> open = jdbc.sql("select id from adyen_notification where handled_at is null order by received_at")
			.query(String.class)
			.list();
		open.forEach(this::handle);
		return open.size();
	}

	/** What of the order's captures and refunds Adyen has not confirmed, or refused. */
	@Override
	@Transactional(readOnly = true)
	public Awaited of(UUID orderId, String currency) {
		int scale = Currency.getInstance(currency).getDefaultFractionDigits();
		return jdbc.sql("""
				select
				  coalesce(sum(case when t.type = 'CAPTURE' and n.id is null then t.amount end), 0),
				  coalesce(sum(case when t.type = 'REFUND' and n.id is null then t.amount end), 0),
				  coalesce(sum(case when t.type = 'CAPTURE' and (n.success = false or n.event_code = 'CAPTURE_FAILED')
				    then t.amount end), 0),
				  coalesce(sum(case when t.type = 'REFUND' and (n.success = false or n.event_code = 'REFUND_FAILED')
				    then t.amount end), 0)
				from payment_transaction t
				left join adyen_notification n on n.order_id = t.order_id and n.psp_reference = case t.type
				  when 'CAPTURE' then substring(t.gateway_reference, position('/' in t.gateway_reference) + 1)
				  else t.gateway_reference end
				  and n.event_code in ('CAPTURE', 'CAPTURE_FAILED', 'REFUND', 'REFUND_FAILED')
				where t.order_id = :orderId and t.status = 'SUCCEEDED' and t.type in ('CAPTURE', 'REFUND')""")
			.param("orderId", orderId)
			.query((rs, n) -> new Awaited(rs.getBigDecimal(1).setScale(scale), rs.getBigDecimal(2).setScale(scale),
					rs.getBigDecimal(3).setScale(scale), rs.getBigDecimal(4).setScale(scale)))
			.single();
	}

	private boolean signed(NotificationRequestItem item) {
		try {
			return hmac.validateHMAC(item, properties.hmacKey());
		}
		catch (SignatureException | IllegalArgumentException unsigned) {
			return false;
		}
	}

	static String id(NotificationRequestItem item) {
		return item.getEventCode() + ":" + item.getPspReference() + ":" + item.isSuccess();
	}

	/** Keeps the notification; false when it was kept before (a second delivery). */
	private boolean keep(NotificationRequestItem item) {
		BigDecimal amount = null;
		String currency = null;
		if (item.getAmount() != null && item.getAmount().getCurrency() != null) {
			currency = item.getAmount().getCurrency();
			amount = BigDecimal.valueOf(item.getAmount().getValue())
				.movePointLeft(Currency.getInstance(currency).getDefaultFractionDigits());
		}
		return jdbc.sql("""
				insert into adyen_notification (id, event_code, psp_reference, original_reference, merchant_reference,
				  success, amount, currency, reason, received_at)
				select :id, :eventCode, :psp, :original, :merchantReference, :success, :amount, :currency, :reason, :now
				where not exists (select 1 from adyen_notification where id = :id)""")
			.param("id", id(item))
			.param("eventCode", item.getEventCode())
			.param("psp", item.getPspReference())
			.param("original", item.getOriginalReference())
			.param("merchantReference", item.getMerchantReference())
			.param("success", item.isSuccess())
			.param("amount", amount)
			.param("currency", currency)
			.param("reason", Text.atMost(item.getReason(), 1000))
			.param("now", OffsetDateTime.now(clock))
			.update() == 1;
	}

	/** Matches a kept notification to Orderflow's call, and acts on a refusal. */
	private void handle(String id) {
		record Kept(String eventCode, String psp, boolean success, BigDecimal amount, String currency, String reason,
				String merchantReference, String original) {
		}
		Kept kept = jdbc.sql("""
				select event_code, psp_reference, success, amount, currency, reason, merchant_reference, original_reference
				from adyen_notification where id = :id""")
			.param("id", id)
			.query((rs, n) -> new Kept(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBigDecimal(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.single();
		if (!OUTCOMES.contains(kept.eventCode())) {
			markHandled(id, null);
			return;
		}
		Optional<UUID> orderId = orderOf(kept.eventCode(), kept.psp(), kept.original());
		if (orderId.isEmpty()) {
			return; // Orderflow has not recorded the call yet: matched in a later round
		}
		boolean refused = !kept.success() || kept.eventCode().endsWith("_FAILED")
				|| "REFUNDED_REVERSED".equals(kept.eventCode());
		if (refused) {
			refused(orderId.get(), id, kept.eventCode(), kept.psp(), kept.amount(), kept.currency(), kept.reason(),
					kept.merchantReference());
		}
		markHandled(id, orderId.get());
	}

	/**
	 * The order of the capture or refund a notification is about: a capture's reference is Adyen's payment and
	 * capture PSP references ({@code <payment>/<capture>}), a refund's its own PSP reference. By the index on the
	 * reference.
	 */
	private Optional<UUID> orderOf(String eventCode, String psp, String original) {
		boolean capture = eventCode.startsWith("CAPTURE");
		if (capture && original == null) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select order_id from payment_transaction
				where gateway_reference = :reference and status = 'SUCCEEDED' and type = :type""")
			.param("reference", capture ? original + "/" + psp : psp)
			.param("type", capture ? "CAPTURE" : "REFUND")
			.query(UUID.class)
			.optional();
	}

	private void refused(UUID orderId, String id, String eventCode, String psp, BigDecimal amount, String currency,
			String reason, String merchantReference) {
		String what = (eventCode.startsWith("CAPTURE") ? "capture " : "refund ") + psp
				+ (merchantReference == null ? "" : " (" + merchantReference + ")")
				+ (amount == null ? "" : " of " + amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits())
					.toPlainString() + " " + currency);
		refusals.refused(orderId, id,
				"Adyen refused the " + what + ": " + (reason == null || reason.isBlank() ? eventCode : reason) + ".");
	}

	private void markHandled(String id, UUID orderId) {
		jdbc.sql("update adyen_notification set handled_at = :now, order_id = :orderId where id = :id")
			.param("now", OffsetDateTime.now(clock))
			.param("orderId", orderId)
			.param("id", id)
			.update();
	}

	/** Background rounds, where scheduling is on. */
	@Service
	@ConditionalOnProperty(name = "orderflow.scheduling.enabled", havingValue = "true", matchIfMissing = true)
	static class Rounds {

		private final org.springframework.beans.factory.ObjectProvider<AdyenNotifications> notifications;

		Rounds(org.springframework.beans.factory.ObjectProvider<AdyenNotifications> notifications) {
			this.notifications = notifications;
		}

		@Scheduled(fixedDelayString = "${orderflow.payment.adyen.match-interval:PT30S}")
		void match() {
			notifications.ifAvailable(AdyenNotifications::matchLeftOvers);
		}

	}

}
