package io.orderflow.payment;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Supplier;

import io.orderflow.payment.PaymentRepository.FailedAttempt;
import io.orderflow.payment.PaymentTransaction.Type;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every call to the payment provider goes through here, so that a failed one is on the order's payment
 * transactions whatever becomes of the caller's transaction: the job that made the call rolls back when it
 * fails, and a retried job calls again. The failure is written in a transaction of its own, as one call per
 * idempotency key and outcome whose attempts count up (a retry is the same call, not another one); a
 * successful call is recorded by the caller, in its transaction, with what it changed.
 * <ul>
 * <li>a decline ({@link PaymentDeclinedException}) is recorded with the provider's reason and told as
 * {@code payment.declined} in the caller's transaction, and rethrown as it is;</li>
 * <li>an unreachable provider ({@link PaymentGatewayUnavailableException}) is recorded as
 * {@value #UNAVAILABLE} and rethrown saying what failed how often, with the provider's words: that is the
 * message an operator reads on the incident in Cockpit and on the order's timeline;</li>
 * <li>anything else the provider throws (arguments it refuses) is recorded as {@value #ERROR} and rethrown.</li>
 * </ul>
 */
@Component
class GatewayCalls {

	/** The result of a call the provider did not answer: unreachable, a transient failure, a timeout. */
	static final String UNAVAILABLE = "UNAVAILABLE";

	/** The result of a call the provider refused for its arguments, or failed for another reason. */
	static final String ERROR = "ERROR";

	/**
	 * One call to the provider, as it is recorded.
	 * @param authorizationId the authorization it draws on, if any
	 * @param documentNumber the invoice or credit memo it pays, if any
	 * @param description what it does, for people: "Payment authorization of 58.43 EUR"
	 */
	record Call(UUID orderId, UUID authorizationId, Type type, BigDecimal amount, String currency, String key,
			String documentNumber, String description) {
	}

	private final PaymentRecords records;

	private final PaymentRepository payments;

	private final TransactionTemplate ownTransaction;

	GatewayCalls(PaymentRecords records, PaymentRepository payments, PlatformTransactionManager transactionManager) {
		this.records = records;
		this.payments = payments;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Makes the call; a failure is recorded and rethrown (see the class). */
	<T> T call(Call call, Supplier<T> gateway) {
		try {
			return gateway.get();
		}
		catch (PaymentDeclinedException declined) {
			String reason = declined.reason() + ": " + declined.getMessage();
			FailedAttempt failed = record(call, declined.reason().name(), reason);
			records.declined(call, failed.transactionId(), reason);
			throw declined;
		}
		catch (PaymentGatewayUnavailableException unavailable) {
			FailedAttempt failed = record(call, UNAVAILABLE, UNAVAILABLE + ": " + unavailable.getMessage());
			throw new PaymentGatewayUnavailableException(call.description() + " failed " + times(failed.attempts())
					+ " (gateway: " + unavailable.getMessage() + ")", unavailable);
		}
		catch (RuntimeException error) {
			record(call, ERROR, ERROR + ": " + error.getMessage());
			throw error;
		}
	}

	/** Makes a call that answers nothing. */
	void call(Call call, Runnable gateway) {
		call(call, () -> {
			gateway.run();
			return null;
		});
	}

	private FailedAttempt record(Call call, String result, String reason) {
		try {
			return ownTransaction.execute(tx -> attempt(call, result, reason));
		}
		catch (DuplicateKeyException concurrentFirstAttempt) {
			// the same call failed at the same time elsewhere and made the row first: count this attempt on it
			return ownTransaction.execute(tx -> attempt(call, result, reason));
		}
	}

	private FailedAttempt attempt(Call call, String result, String reason) {
		return payments.recordFailedAttempt(call.orderId(), call.authorizationId(), call.type(), call.amount(),
				call.currency(), call.key(), call.documentNumber(), result, reason, records.now());
	}

	static String times(int attempts) {
		return attempts == 1 ? "once" : attempts + " times";
	}

}
