package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.payment.GatewayCalls.Call;
import io.orderflow.payment.PaymentAuthorization.Status;
import io.orderflow.payment.PaymentTransaction.Type;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorizing an order's payment, and what happens to the authorization afterwards: voided when the order is
 * canceled or rejected, its uncaptured rest released when the order is complete, renewed before it expires,
 * reduced to what is still to be charged after a cancellation. Every call to the provider carries a key
 * derived from what it does ({@code authorize:<orderId>}, {@code void:<authorizationId>},
 * {@code reauthorize:<authorizationId>}, {@code reduce:<authorizationId>:<amount>}), so a job retried after the
 * provider took the call replays it instead of charging again, and another call (a second reduction of the same
 * authorization, to another amount) has a key of its own. Voids, renewals and reductions of one order's
 * authorizations happen one after the other: each locks the order's authorizations before it reads which are
 * open ({@link PaymentRecords#lockOpen}). Every failed call is recorded by {@link GatewayCalls}, in a
 * transaction of its own; a {@link PaymentDeclinedException} is also put on the timeline and rethrown without
 * rolling the caller's transaction back.
 */
@Service
public class Authorizations {

	private final PaymentRecords records;

	private final PaymentGateway gateway;

	private final GatewayCalls calls;

	private final PaymentRepository payments;

	private final PendingCredits pendingCredits;

	private final PaymentProperties properties;

	Authorizations(PaymentRecords records, PaymentGateway gateway, GatewayCalls calls, PaymentRepository payments,
			PendingCredits pendingCredits, PaymentProperties properties) {
		this.records = records;
		this.gateway = gateway;
		this.calls = calls;
		this.payments = payments;
		this.pendingCredits = pendingCredits;
		this.properties = properties;
	}

	/**
	 * Authorizes the order's grand total with the order's payment token, or, when units were canceled before it
	 * was authorized, what is left to charge. An order that already has an authorization gets it back (the open
	 * one if there is one) without a call to the provider. The order's row stays locked while the provider is
	 * asked, so that a cancellation of the order in Capture comes before the authorization or after it, never
	 * in the middle.
	 * @throws PaymentDeclinedException when the provider declines; the attempt is recorded
	 * @throws PaymentGatewayUnavailableException when the provider cannot be reached: retry
	 * @throws IllegalStateException when the order was canceled; the provider is not asked
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public PaymentAuthorization authorizeOrder(UUID orderId) {
		Order order = records.lockOrder(orderId);
		List<PaymentAuthorization> existing = payments.authorizations(orderId);
		if (!existing.isEmpty()) {
			return existing.stream().filter(PaymentAuthorization::isOpen).reduce((a, b) -> b)
				.orElse(existing.get(existing.size() - 1));
		}
		if (order.lines().stream().allMatch(line -> line.quantities().netOrdered() == 0)) {
			throw new IllegalStateException("Order " + order.orderNumber() + " is not authorized: it was canceled");
		}
		boolean partlyCanceled = order.lines().stream().anyMatch(line -> line.quantities().canceled() > 0);
		BigDecimal amount = partlyCanceled ? InvoiceCalculator.chargeable(order) : order.totals().grandTotal();
		// the key names the call: another amount (units canceled between two attempts) is another call
		String key = "authorize:" + orderId + (partlyCanceled ? ":" + amount.toPlainString() : "");
		String currency = order.currency();
		String token = records.paymentToken(orderId);
		GatewayAuthorization authorized;
		try {
			authorized = calls.call(new Call(orderId, null, Type.AUTHORIZATION, amount, currency, key, null,
					"Payment authorization of " + Money.format(amount, currency)),
					() -> gateway.authorize(key, token, amount, currency, order.orderNumber()));
		}
		catch (PaymentDeclinedException declined) {
			records.timeline(orderId, "Payment authorization of "
					+ Money.format(amount, currency) + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = records.now();
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), orderId,
				properties.gateway(), authorized.reference(), Money.of(authorized.amount(), currency),
				Money.zero(currency), currency, Status.AUTHORIZED, now, authorized.expiresAt(), null);
		payments.insertAuthorization(authorization, key);
		records.success(orderId, authorization.id(), Type.AUTHORIZATION, authorization.amount(), currency, key,
				authorized.reference(), null, now);
		records.timeline(orderId, "Payment of " + Money.format(authorization.amount(), currency) + " authorized (" + properties.gateway()
						+ " reference " + authorized.reference() + ", valid until " + authorized.expiresAt() + ")");
		return authorization;
	}

	/**
	 * Authorizes an amount more for the order with its payment token (an exchange's replacement that costs more
	 * than the units sent back), as an authorization of its own beside the order's, captured when what it pays
	 * for ships. Idempotent by {@code key} ({@code authorize:<source>}): a repeat returns the first authorization
	 * without a call to the provider.
	 * @param reason for the order's timeline
	 * @throws PaymentDeclinedException when the provider declines; the attempt is recorded
	 * @throws PaymentGatewayUnavailableException when the provider cannot be reached: retry
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public PaymentAuthorization authorizeAdditional(UUID orderId, BigDecimal amount, String key, String reason) {
		Order order = records.order(orderId);
		String currency = order.currency();
		Money.nonNegative(amount, currency, "amount");
		if (amount.signum() <= 0 || key == null || !key.startsWith("authorize:")) {
			throw new IllegalArgumentException("An authorization is for more than nothing, with a key authorize:…");
		}
		if (payments.succeeded(key)) {
			UUID first = payments.transactions(orderId)
				.stream()
				.filter(t -> key.equals(t.idempotencyKey()) && t.authorizationId() != null)
				.map(PaymentTransaction::authorizationId)
				.findFirst()
				.orElseThrow();
			return payments.authorizations(orderId).stream().filter(a -> a.id().equals(first)).findFirst().orElseThrow();
		}
		String token = records.paymentToken(orderId);
		GatewayAuthorization authorized;
		try {
			authorized = calls.call(new Call(orderId, null, Type.AUTHORIZATION, amount, currency, key, null,
					"Payment authorization of " + Money.format(amount, currency) + " for " + reason),
					() -> gateway.authorize(key, token, amount, currency, order.orderNumber()));
		}
		catch (PaymentDeclinedException declined) {
			records.timeline(orderId, "Payment authorization of " + Money.format(amount, currency) + " for " + reason
					+ " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = records.now();
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), orderId,
				properties.gateway(), authorized.reference(), Money.of(authorized.amount(), currency),
				Money.zero(currency), currency, Status.AUTHORIZED, now, authorized.expiresAt(), null);
		payments.insertAuthorization(authorization, key);
		records.success(orderId, authorization.id(), Type.AUTHORIZATION, authorization.amount(), currency, key,
				authorized.reference(), null, now);
		records.timeline(orderId, "Payment of " + Money.format(authorization.amount(), currency) + " authorized for "
				+ reason + " (" + properties.gateway() + " reference " + authorized.reference() + ")");
		return authorization;
	}

	/**
	 * Voids the order's open authorizations, releasing what they left uncaptured (an order canceled
	 * before everything shipped). A no-op for an order without open authorizations.
	 * @param reason why, for the order's timeline
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public void voidAuthorization(UUID orderId, String reason) {
		Order order = records.order(orderId);
		for (PaymentAuthorization authorization : records.lockOpen(orderId)) {
			voidOne(order, authorization, reason);
		}
		pendingCredits.lapse(order, true, "the payment authorization was voided (" + reason + ")");
	}

	/**
	 * When the order's lifecycle is complete: voids the uncaptured remainder of its open authorizations, if any (for
	 * example after canceled backorders). A no-op when everything authorized was captured. Units the lifecycle does
	 * not ship may still be on their way (an exchange's replacement, approved while the rest of the order shipped):
	 * then what they can still be charged stays authorized ({@link #reduceToOutstanding}).
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public void releaseUncaptured(UUID orderId) {
		Order order = records.order(orderId);
		if (order.lines().stream().anyMatch(line -> line.quantities().netOrdered() > line.quantities().fulfilled())) {
			reduceToOutstanding(orderId, "order complete, releasing what its units still to ship do not need");
			return;
		}
		for (PaymentAuthorization authorization : records.lockOpen(orderId)) {
			if (authorization.uncaptured().signum() > 0) {
				voidOne(order, authorization, "order complete, releasing what was not captured");
			}
		}
		pendingCredits.lapse(order, true, "the order is complete");
	}

	/** {@link #renewIfExpiring(UUID, Duration)} with {@code orderflow.payment.renew-before}. */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public Optional<PaymentAuthorization> renewIfExpiring(UUID orderId) {
		return renewIfExpiring(orderId, properties.renewBefore());
	}

	/**
	 * Renews the open authorization when it expires within {@code renewBefore} and part of it is still
	 * uncaptured: a new authorization for the uncaptured amount replaces it (the old one becomes RENEWED,
	 * and is voided at the provider).
	 * @return the new authorization, or empty when nothing needed renewing
	 * @throws PaymentDeclinedException when the provider refuses (e.g. the authorization already expired)
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public Optional<PaymentAuthorization> renewIfExpiring(UUID orderId, Duration renewBefore) {
		Order order = records.order(orderId);
		OffsetDateTime renewUntil = records.now().plus(renewBefore);
		for (PaymentAuthorization old : records.lockOpen(orderId)) {
			if (old.uncaptured().signum() > 0 && !old.expiresAt().isAfter(renewUntil)) {
				return Optional.of(renew(order, old));
			}
		}
		return Optional.empty();
	}

	/**
	 * After a cancellation: brings what the order's open authorizations leave uncaptured down to what the
	 * order can still be charged (its lines' net ordered value with their tax and the shipping charge,
	 * minus what was already captured). Nothing left to charge: the open authorizations are voided.
	 * Less left than authorized: the open authorization is replaced by one for exactly that amount (the
	 * old one becomes RENEWED and is voided at the provider; key {@link #reductionKey}). A
	 * no-op when the authorization does not exceed what is still to be charged, so safe to repeat.
	 * <p>
	 * Captured money is never given back here: a cancellation cancels only units that have not shipped,
	 * and only shipped units are captured, so nothing captured belongs to a canceled unit. Pending credits
	 * whose line (or shipping) has nothing left to invoice now lapse ({@link #lapsePendingCredits}).
	 * @param reason why, for the order's timeline
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public void reduceToOutstanding(UUID orderId, String reason) {
		// locked first, so that the order's quantities and captures read below are what the last one left
		List<PaymentAuthorization> open = records.lockOpen(orderId);
		Order order = records.order(orderId);
		pendingCredits.lapse(order, false, "nothing is left to invoice after " + reason);
		if (open.isEmpty()) {
			return;
		}
		String currency = order.currency();
		BigDecimal captured = payments.ledger(orderId, currency).captured();
		Reduction reduction = Reduction.of(open, InvoiceCalculator.chargeable(order).subtract(captured));
		for (PaymentAuthorization authorization : reduction.voided()) {
			voidOne(order, authorization, reason + (reduction.nothingLeft() ? "; nothing is left to charge"
					: "; nothing of it is left to charge"));
		}
		if (reduction.replaced() != null) {
			BigDecimal keep = Money.of(reduction.keep(), currency);
			replace(order, reduction.replaced(), keep, reductionKey(reduction.replaced().id(), keep),
					"Payment authorization reduced to the " + Money.format(keep, currency) + " still to be charged ("
							+ reason + ")");
		}
	}

	/**
	 * The idempotency key of reducing an authorization to an amount, {@code reduce:<authorizationId>:<amount>}: a
	 * job retried for the same reduction asks the provider again with the same key and gets the first answer;
	 * another reduction of the same authorization (to what is left after a further cancellation) is another call,
	 * with a key of its own, never one the provider already knows with other parameters.
	 */
	static String reductionKey(UUID authorizationId, BigDecimal amount) {
		return "reduce:" + authorizationId + ":" + amount.toPlainString();
	}

	/**
	 * What {@link #reduceToOutstanding} does to the order's open authorizations (oldest first) when the order can
	 * still be charged {@code outstanding} beyond what was captured: nothing left, every one is voided; less left
	 * than they leave uncaptured, the newest is voided when nothing of it is needed, or replaced by one for
	 * {@code keep}; else nothing.
	 */
	record Reduction(List<PaymentAuthorization> voided, PaymentAuthorization replaced, BigDecimal keep,
			boolean nothingLeft) {

		static Reduction of(List<PaymentAuthorization> open, BigDecimal outstanding) {
			if (open.isEmpty()) {
				return new Reduction(List.of(), null, null, false);
			}
			if (outstanding.signum() <= 0) {
				return new Reduction(open, null, null, true);
			}
			BigDecimal uncaptured = uncaptured(open);
			if (outstanding.compareTo(uncaptured) >= 0) {
				return new Reduction(List.of(), null, null, false);
			}
			PaymentAuthorization last = open.get(open.size() - 1);
			BigDecimal keep = outstanding.subtract(uncaptured.subtract(last.uncaptured()));
			return keep.signum() <= 0 ? new Reduction(List.of(last), null, null, false)
					: new Reduction(List.of(), last, keep, false);
		}

		/** What the open authorizations no longer hold afterwards. */
		BigDecimal released() {
			BigDecimal released = uncaptured(voided);
			return replaced == null ? released : released.add(replaced.uncaptured()).subtract(keep);
		}

	}

	private static BigDecimal uncaptured(List<PaymentAuthorization> authorizations) {
		return authorizations.stream().map(PaymentAuthorization::uncaptured).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * What canceling {@code units} (per line number, at most what has not shipped) would do to the order's money,
	 * as {@link #reduceToOutstanding} would do it after the cancellation: what its open authorizations hold
	 * uncaptured now, how much of that is released, and what of its pending credits lapses because their line (or
	 * shipping) would have nothing left to invoice. Changes nothing.
	 */
	@Transactional(readOnly = true)
	public Release ifCanceled(UUID orderId, Map<Integer, Integer> units) {
		Order order = records.order(orderId);
		String currency = order.currency();
		List<PaymentAuthorization> open = records.open(orderId);
		BigDecimal captured = payments.ledger(orderId, currency).captured();
		Reduction reduction = Reduction.of(open, InvoiceCalculator.chargeable(order, units).subtract(captured));
		return new Release(Money.of(uncaptured(open), currency), Money.of(reduction.released(), currency),
				pendingCredits.lapsingIfCanceled(order, units), currency);
	}

	/**
	 * What a cancellation would do to the authorization ({@link #ifCanceled}).
	 * @param open what the open authorizations hold uncaptured now
	 * @param released how much of that would be released (all of it: voided)
	 * @param lapsingCredits what pending credits (appeasements to take off later captures) would lapse
	 * @param currency the order's, of every amount
	 */
	public record Release(BigDecimal open, BigDecimal released, BigDecimal lapsingCredits, String currency) {

		/** What would stay authorized. */
		public BigDecimal kept() {
			return open.subtract(released);
		}

	}

	/** What the order's open authorizations hold uncaptured: what voiding them ({@link #voidAuthorization}) releases. */
	@Transactional(readOnly = true)
	public BigDecimal uncaptured(UUID orderId) {
		return Money.of(uncaptured(records.open(orderId)), records.order(orderId).currency());
	}

	private PaymentAuthorization replace(Order order, PaymentAuthorization old, BigDecimal amount, String key,
			String description) {
		String currency = old.currency();
		GatewayAuthorization replaced;
		try {
			replaced = calls.call(new Call(order.id(), old.id(), Type.REAUTHORIZATION, amount, currency, key, null,
					"Reducing the payment authorization to " + Money.format(amount, currency)),
					() -> gateway.reauthorize(key, old.gatewayReference(), amount, currency));
		}
		catch (PaymentDeclinedException declined) {
			records.timeline(order.id(), "Reducing the payment authorization to "
					+ Money.format(amount, currency) + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = records.now();
		if (!payments.close(old.id(), Status.RENEWED, now)) {
			throw new IllegalStateException("Authorization " + old.id() + " was closed while it was reduced");
		}
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), order.id(), old.gateway(),
				replaced.reference(), Money.of(replaced.amount(), currency), Money.zero(currency), currency,
				Status.AUTHORIZED, now, replaced.expiresAt(), old.id());
		payments.insertAuthorization(authorization, key);
		records.success(order.id(), authorization.id(), Type.REAUTHORIZATION, authorization.amount(), currency, key,
				replaced.reference(), null, now);
		records.timeline(order.id(), description + "; reference " + replaced.reference()
				+ " replaces " + old.gatewayReference());
		return authorization;
	}

	private PaymentAuthorization renew(Order order, PaymentAuthorization old) {
		String key = "reauthorize:" + old.id();
		String currency = old.currency();
		BigDecimal amount = old.uncaptured();
		GatewayAuthorization renewed;
		try {
			renewed = calls.call(new Call(order.id(), old.id(), Type.REAUTHORIZATION, amount, currency, key, null,
					"Renewal of the payment authorization for " + Money.format(amount, currency)),
					() -> gateway.reauthorize(key, old.gatewayReference(), amount, currency));
		}
		catch (PaymentDeclinedException declined) {
			records.timeline(order.id(), "Renewal of the payment authorization for "
					+ Money.format(amount, currency) + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = records.now();
		if (!payments.close(old.id(), Status.RENEWED, now)) {
			throw new IllegalStateException("Authorization " + old.id() + " was closed while it was renewed");
		}
		PaymentAuthorization authorization = new PaymentAuthorization(UUID.randomUUID(), order.id(),
				old.gateway(), renewed.reference(), Money.of(renewed.amount(), currency), Money.zero(currency),
				currency, Status.AUTHORIZED, now, renewed.expiresAt(), old.id());
		payments.insertAuthorization(authorization, key);
		records.success(order.id(), authorization.id(), Type.REAUTHORIZATION, authorization.amount(), currency, key,
				renewed.reference(), null, now);
		records.timeline(order.id(), "Payment authorization renewed for the uncaptured " + Money.format(authorization.amount(), currency)
						+ " (reference " + renewed.reference() + ", valid until " + renewed.expiresAt()
						+ "); the previous authorization " + old.gatewayReference() + " was due to expire at "
						+ old.expiresAt());
		return authorization;
	}

	private void voidOne(Order order, PaymentAuthorization authorization, String reason) {
		String key = "void:" + authorization.id();
		String currency = authorization.currency();
		BigDecimal released = authorization.uncaptured();
		try {
			calls.call(new Call(order.id(), authorization.id(), Type.VOID, released, currency, key, null,
					"Void of payment authorization " + authorization.gatewayReference()),
					() -> gateway.voidAuthorization(key, authorization.gatewayReference()));
		}
		catch (PaymentDeclinedException declined) {
			records.timeline(order.id(), "Void of payment authorization "
					+ authorization.gatewayReference() + " declined (" + declined.reason() + "): " + declined.getMessage());
			throw declined;
		}
		OffsetDateTime now = records.now();
		if (!payments.close(authorization.id(), Status.VOIDED, now)) {
			throw new IllegalStateException("Authorization " + authorization.id() + " was closed while it was voided");
		}
		records.success(order.id(), authorization.id(), Type.VOID, released, currency, key,
				authorization.gatewayReference(), null, now);
		records.timeline(order.id(), "Payment authorization "
				+ authorization.gatewayReference() + " voided, " + Money.format(released, currency) + " released: "
				+ reason);
	}


	/** The order's authorizations, oldest first (renewed and voided ones included). */
	@Transactional(readOnly = true)
	public List<PaymentAuthorization> authorizations(UUID orderId) {
		return payments.authorizations(orderId);
	}

}
