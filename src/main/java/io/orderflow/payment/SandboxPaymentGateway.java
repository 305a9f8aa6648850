package io.orderflow.payment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.payment.PaymentDeclinedException.Reason;
import io.orderflow.payment.SandboxGatewayLedger.Authorization;
import io.orderflow.payment.SandboxGatewayLedger.Capture;
import io.orderflow.payment.SandboxGatewayLedger.Operation;
import io.orderflow.platform.SandboxNotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in payment provider, so that the whole lifecycle runs on one machine. It behaves like a
 * real provider (idempotency keys, partial captures, refunds, expiry, declines, outages) and keeps its
 * ledger in its own database tables ({@code sandbox_gateway_*}), so that every node of a cluster
 * agrees. Each call runs in a transaction of its own, as the calls to a real provider take effect
 * whatever becomes of the caller's transaction.
 * <p>
 * Test tokens:
 * <ul>
 * <li>{@code tok_approve}, and any token starting with {@code tok_visa} or {@code tok_mc}: approved;</li>
 * <li>{@code tok_decline} and every unknown token: declined ({@link Reason#DECLINED});</li>
 * <li>{@code tok_insufficient_funds}: declined ({@link Reason#INSUFFICIENT_FUNDS});</li>
 * <li>{@code tok_transient_<N>}: the first N attempts of each idempotency key fail as unavailable, then
 * the call succeeds: authorizing, and every later call on that authorization (capture, void, refund,
 * reauthorize);</li>
 * <li>{@code tok_timeout}: no answer within {@code orderflow.payment.sandbox.timeout}, then
 * unavailable ("timeout").</li>
 * </ul>
 * Authorizations can be captured for {@code orderflow.payment.sandbox.authorization-validity}.
 */
@Component
@ConditionalOnProperty(name = "orderflow.payment.gateway", havingValue = "sandbox", matchIfMissing = true)
public class SandboxPaymentGateway implements PaymentGateway {

	private static final Logger log = LoggerFactory.getLogger(SandboxPaymentGateway.class);

	private static final Pattern TRANSIENT = Pattern.compile("tok_transient_(\\d{1,4})");

	private final SandboxGatewayLedger ledger;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private final Duration timeout;

	private final Duration authorizationValidity;

	SandboxPaymentGateway(SandboxGatewayLedger ledger, PlatformTransactionManager transactionManager, Clock clock,
			PaymentProperties properties, @Value("${orderflow.payment.allow-sandbox:true}") boolean allowed) {
		if (!allowed) {
			throw new SandboxNotAllowedException("the sandbox payment gateway", "orderflow.payment.gateway=sandbox",
					"orderflow.payment.allow-sandbox", "ORDERFLOW_PAYMENT_ALLOW_SANDBOX");
		}
		this.ledger = ledger;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.timeout = properties.sandbox().timeout();
		this.authorizationValidity = properties.sandbox().authorizationValidity();
	}

	@Override
	public GatewayAuthorization authorize(String idempotencyKey, String token, BigDecimal amount, String currency,
			String orderReference) {
		requireText(idempotencyKey, "idempotencyKey");
		requireText(token, "token");
		BigDecimal money = positive(amount, currency);
		String hash = hash("AUTHORIZE", token, money.toPlainString(), currency, orderReference);
		Supplier<Optional<GatewayAuthorization>> replay = () -> replay(idempotencyKey, "AUTHORIZE", hash,
				this::authorizationResult);
		Optional<GatewayAuthorization> earlier = replay.get();
		if (earlier.isPresent()) {
			return earlier.get();
		}
		TokenBehaviour behaviour = TokenBehaviour.of(token);
		behaviour.failIfTransient(this, idempotencyKey);
		switch (behaviour.kind()) {
			case TIMEOUT -> throw timeout(idempotencyKey);
			case INSUFFICIENT_FUNDS -> throw new PaymentDeclinedException(Reason.INSUFFICIENT_FUNDS,
					"Insufficient funds for " + Money.format(money, currency));
			case DECLINE -> throw new PaymentDeclinedException(Reason.DECLINED, "The payment method was declined");
			case APPROVE, TRANSIENT -> {
				// approved
			}
		}
		return once(replay, () -> {
			OffsetDateTime now = now();
			OffsetDateTime expiresAt = now.plus(authorizationValidity);
			String reference = newReference("auth");
			ledger.insertAuthorization(reference, token, money, currency, orderReference, now, expiresAt);
			ledger.insertOperation(idempotencyKey, "AUTHORIZE", hash, reference, money, now);
			log.info("Sandbox authorized {} ({}) for {}", Money.format(money, currency), reference, orderReference);
			return new GatewayAuthorization(reference, money, currency, expiresAt);
		});
	}

	@Override
	public GatewayCapture capture(String idempotencyKey, String authorizationReference, BigDecimal amount,
			String currency, String invoiceNumber) {
		requireText(idempotencyKey, "idempotencyKey");
		BigDecimal money = positive(amount, currency);
		String hash = hash("CAPTURE", authorizationReference, money.toPlainString(), currency, invoiceNumber);
		Supplier<Optional<GatewayCapture>> replay = () -> replay(idempotencyKey, "CAPTURE", hash,
				op -> new GatewayCapture(op.resultReference(), Money.of(op.resultAmount(), currency)));
		Optional<GatewayCapture> earlier = replay.get();
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Authorization found = existing(authorizationReference);
		TokenBehaviour.of(found.token()).failIfTransient(this, idempotencyKey);
		return once(replay, () -> {
			Authorization authorization = lock(authorizationReference);
			Optional<GatewayCapture> concurrent = replay.get();
			if (concurrent.isPresent()) {
				return concurrent.get();
			}
			requireCurrency(authorization, currency);
			requireCapturable(authorization);
			if (money.compareTo(authorization.uncaptured()) > 0) {
				throw new PaymentDeclinedException(Reason.AMOUNT_EXCEEDS_AUTHORIZATION,
						"Cannot capture " + Money.format(money, currency) + ": only "
								+ Money.format(authorization.uncaptured(), currency) + " of authorization "
								+ authorizationReference + " is not yet captured");
			}
			OffsetDateTime now = now();
			String reference = newReference("cap");
			ledger.insertCapture(reference, authorizationReference, money, invoiceNumber, now);
			ledger.addCaptured(authorizationReference, money);
			ledger.insertOperation(idempotencyKey, "CAPTURE", hash, reference, money, now);
			log.info("Sandbox captured {} ({}) of {} for {}", Money.format(money, currency), reference,
					authorizationReference, invoiceNumber);
			return new GatewayCapture(reference, money);
		});
	}

	@Override
	public void voidAuthorization(String idempotencyKey, String authorizationReference) {
		requireText(idempotencyKey, "idempotencyKey");
		String hash = hash("VOID", authorizationReference);
		Supplier<Optional<Boolean>> replay = () -> replay(idempotencyKey, "VOID", hash, op -> true);
		if (replay.get().isPresent()) {
			return;
		}
		Authorization found = existing(authorizationReference);
		TokenBehaviour.of(found.token()).failIfTransient(this, idempotencyKey);
		once(replay, () -> {
			Authorization authorization = lock(authorizationReference);
			if (replay.get().isPresent()) {
				return true;
			}
			if (!SandboxGatewayLedger.AUTHORIZED.equals(authorization.status())) {
				throw new PaymentDeclinedException(Reason.AUTHORIZATION_CLOSED,
						"Authorization " + authorizationReference + " is already voided");
			}
			// voiding an expired authorization is allowed: it releases nothing, but closes it for good
			ledger.voidAuthorization(authorizationReference, null);
			ledger.insertOperation(idempotencyKey, "VOID", hash, authorizationReference, authorization.uncaptured(),
					now());
			log.info("Sandbox voided {} (released {})", authorizationReference,
					Money.format(authorization.uncaptured(), authorization.currency()));
			return true;
		});
	}

	@Override
	public GatewayRefund refund(String idempotencyKey, String captureReference, BigDecimal amount, String currency) {
		requireText(idempotencyKey, "idempotencyKey");
		BigDecimal money = positive(amount, currency);
		String hash = hash("REFUND", captureReference, money.toPlainString(), currency);
		Supplier<Optional<GatewayRefund>> replay = () -> replay(idempotencyKey, "REFUND", hash,
				op -> new GatewayRefund(op.resultReference(), Money.of(op.resultAmount(), currency)));
		Optional<GatewayRefund> earlier = replay.get();
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Capture found = ledger.capture(requireText(captureReference, "captureReference"))
			.orElseThrow(() -> new IllegalArgumentException("No capture " + captureReference));
		Authorization of = existing(found.authorizationReference());
		TokenBehaviour.of(of.token()).failIfTransient(this, idempotencyKey);
		return once(replay, () -> {
			Authorization authorization = lock(found.authorizationReference());
			Optional<GatewayRefund> concurrent = replay.get();
			if (concurrent.isPresent()) {
				return concurrent.get();
			}
			requireCurrency(authorization, currency);
			Capture capture = ledger.capture(captureReference).orElseThrow();
			BigDecimal refundable = capture.amount().subtract(capture.refunded());
			if (money.compareTo(refundable) > 0) {
				throw new PaymentDeclinedException(Reason.AMOUNT_EXCEEDS_CAPTURE,
						"Cannot refund " + Money.format(money, currency) + ": only "
								+ Money.format(refundable, currency) + " of capture " + captureReference
								+ " is not yet refunded");
			}
			String reference = newReference("ref");
			ledger.addRefunded(authorization.reference(), captureReference, money);
			ledger.insertOperation(idempotencyKey, "REFUND", hash, reference, money, now());
			log.info("Sandbox refunded {} ({}) of capture {}", Money.format(money, currency), reference,
					captureReference);
			return new GatewayRefund(reference, money);
		});
	}

	@Override
	public GatewayAuthorization reauthorize(String idempotencyKey, String authorizationReference, BigDecimal amount,
			String currency) {
		requireText(idempotencyKey, "idempotencyKey");
		BigDecimal money = positive(amount, currency);
		String hash = hash("REAUTHORIZE", authorizationReference, money.toPlainString(), currency);
		Supplier<Optional<GatewayAuthorization>> replay = () -> replay(idempotencyKey, "REAUTHORIZE", hash,
				this::authorizationResult);
		Optional<GatewayAuthorization> earlier = replay.get();
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Authorization found = existing(authorizationReference);
		TokenBehaviour.of(found.token()).failIfTransient(this, idempotencyKey);
		return once(replay, () -> {
			Authorization old = lock(authorizationReference);
			Optional<GatewayAuthorization> concurrent = replay.get();
			if (concurrent.isPresent()) {
				return concurrent.get();
			}
			requireCurrency(old, currency);
			requireCapturable(old);
			if (money.compareTo(old.uncaptured()) > 0) {
				throw new PaymentDeclinedException(Reason.AMOUNT_EXCEEDS_AUTHORIZATION,
						"Cannot reauthorize " + Money.format(money, currency) + ": only "
								+ Money.format(old.uncaptured(), currency) + " of authorization "
								+ authorizationReference + " is not yet captured");
			}
			OffsetDateTime now = now();
			OffsetDateTime expiresAt = now.plus(authorizationValidity);
			String reference = newReference("auth");
			ledger.insertAuthorization(reference, old.token(), money, currency,
					ledger.orderReference(authorizationReference), now, expiresAt);
			ledger.voidAuthorization(authorizationReference, reference);
			ledger.insertOperation(idempotencyKey, "REAUTHORIZE", hash, reference, money, now);
			log.info("Sandbox reauthorized {} as {} for {}", authorizationReference, reference,
					Money.format(money, currency));
			return new GatewayAuthorization(reference, money, currency, expiresAt);
		});
	}

	// --- the provider's rules ----------------------------------------------------------------

	private void requireCapturable(Authorization authorization) {
		if (!SandboxGatewayLedger.AUTHORIZED.equals(authorization.status())) {
			throw new PaymentDeclinedException(Reason.AUTHORIZATION_CLOSED,
					"Authorization " + authorization.reference() + " is voided");
		}
		if (!now().isBefore(authorization.expiresAt())) {
			throw new PaymentDeclinedException(Reason.AUTHORIZATION_EXPIRED,
					"Authorization " + authorization.reference() + " expired at " + authorization.expiresAt());
		}
	}

	private static void requireCurrency(Authorization authorization, String currency) {
		if (!authorization.currency().equals(currency)) {
			throw new IllegalArgumentException("Authorization " + authorization.reference() + " is in "
					+ authorization.currency() + ", not in " + currency);
		}
	}

	private Authorization existing(String authorizationReference) {
		return ledger.authorization(requireText(authorizationReference, "authorizationReference"))
			.orElseThrow(() -> new IllegalArgumentException("No authorization " + authorizationReference));
	}

	private Authorization lock(String authorizationReference) {
		return ledger.lockAuthorization(authorizationReference).orElseThrow();
	}

	private GatewayAuthorization authorizationResult(Operation operation) {
		Authorization authorization = ledger.authorization(operation.resultReference()).orElseThrow();
		return new GatewayAuthorization(authorization.reference(),
				Money.of(authorization.amount(), authorization.currency()), authorization.currency(),
				authorization.expiresAt());
	}

	/**
	 * The result of an earlier successful call with this key, if there was one. The same key for another
	 * call is a bug in the caller.
	 */
	private <T> Optional<T> replay(String idempotencyKey, String type, String parametersHash,
			Function<Operation, T> result) {
		return ledger.operation(idempotencyKey).map(operation -> {
			if (!operation.type().equals(type) || !operation.parametersHash().equals(parametersHash)) {
				throw new IllegalStateException("Idempotency key " + idempotencyKey + " was used for another "
						+ operation.type().toLowerCase() + " call with other parameters");
			}
			return result.apply(operation);
		});
	}

	/**
	 * Runs a call's effect in a transaction of its own. Should a concurrent call with the same key have
	 * won (the operation's primary key), the effect is rolled back and the winner's result replayed.
	 */
	private <T> T once(Supplier<Optional<T>> replay, Supplier<T> effect) {
		try {
			return ownTransaction.execute(tx -> effect.get());
		}
		catch (DuplicateKeyException race) {
			return replay.get().orElseThrow(() -> race);
		}
	}

	/** Counts an attempt in its own transaction, so that it counts even when the caller rolls back. */
	int countAttempt(String idempotencyKey) {
		try {
			return ownTransaction.execute(tx -> ledger.countAttempt(idempotencyKey, now()));
		}
		catch (DuplicateKeyException concurrentFirstAttempt) {
			return ownTransaction.execute(tx -> ledger.countAttempt(idempotencyKey, now()));
		}
	}

	private PaymentGatewayUnavailableException timeout(String idempotencyKey) {
		try {
			Thread.sleep(timeout.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return new PaymentGatewayUnavailableException(
				"timeout: the payment provider did not answer within " + timeout + " (key " + idempotencyKey + ")");
	}

	private OffsetDateTime now() {
		// the database keeps microseconds: a replayed result must equal the first one
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

	private static String newReference(String kind) {
		return "sbx_" + kind + "_" + UUID.randomUUID().toString().replace("-", "");
	}

	private static BigDecimal positive(BigDecimal amount, String currency) {
		if (amount == null || currency == null) {
			throw new IllegalArgumentException("An amount and a currency are required");
		}
		BigDecimal money = Money.of(amount, currency);
		if (money.signum() <= 0) {
			throw new IllegalArgumentException("Amount must be positive: " + amount.toPlainString());
		}
		return money;
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	/** What a call does, as a digest: a key replayed with other parameters is detected by it. */
	static String hash(String... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				String text = part == null ? "\u0000" : part;
				digest.update((text.length() + ":" + text + ";").getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** How the sandbox treats a token. */
	record TokenBehaviour(Kind kind, int transientFailures) {

		enum Kind {

			APPROVE, DECLINE, INSUFFICIENT_FUNDS, TRANSIENT, TIMEOUT

		}

		static TokenBehaviour of(String token) {
			if (token.equals("tok_approve") || token.startsWith("tok_visa") || token.startsWith("tok_mc")) {
				return new TokenBehaviour(Kind.APPROVE, 0);
			}
			if (token.equals("tok_insufficient_funds")) {
				return new TokenBehaviour(Kind.INSUFFICIENT_FUNDS, 0);
			}
			if (token.equals("tok_timeout")) {
				return new TokenBehaviour(Kind.TIMEOUT, 0);
			}
			Matcher transientToken = TRANSIENT.matcher(token);
			if (transientToken.matches()) {
				return new TokenBehaviour(Kind.TRANSIENT, Integer.parseInt(transientToken.group(1)));
			}
			// tok_decline, and every token the sandbox does not know
			return new TokenBehaviour(Kind.DECLINE, 0);
		}

		void failIfTransient(SandboxPaymentGateway gateway, String idempotencyKey) {
			if (kind != Kind.TRANSIENT) {
				return;
			}
			int attempt = gateway.countAttempt(idempotencyKey);
			if (attempt <= transientFailures) {
				throw new PaymentGatewayUnavailableException("Transient failure of the payment provider (attempt "
						+ attempt + " of key " + idempotencyKey + ", " + transientFailures + " will fail)");
			}
		}

	}

}
