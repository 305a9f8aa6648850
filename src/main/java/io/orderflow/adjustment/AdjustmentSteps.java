package io.orderflow.adjustment;

import static io.orderflow.platform.Text.blankToNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Notifications.Fact;
import io.orderflow.order.Orders;
import io.orderflow.order.TaskDecisions;
import io.orderflow.order.TaskDecisions.TaskDecision;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.LineCredits;
import io.orderflow.payment.PendingCredit;
import io.orderflow.payment.PendingCreditChanged;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.ServiceProperties;
import org.camunda.bpm.engine.AuthorizationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The steps of an adjustment's process ({@code OrderAdjustment}): the approval threshold, the refund (or the
 * lower capture) of an approved adjustment, a rejection, and following its pending part as the payment stage
 * applies it. {@link Adjustments} takes requests and answers reads.
 */
@Service
class AdjustmentSteps {

	private final Notifications notifications;

	private final AdjustmentRepository repository;

	private final Orders orders;

	private final LineCredits lineCredits;

	private final ServiceProperties properties;

	private final TaskDecisions decisions;

	private final Clock clock;

	private final OrderEvents events;

	AdjustmentSteps(AdjustmentRepository repository, Orders orders, LineCredits lineCredits,
			ServiceProperties properties, TaskDecisions decisions, Clock clock, OrderEvents events,
			Notifications notifications) {
		this.repository = repository;
		this.notifications = notifications;
		this.events = events;
		this.orders = orders;
		this.lineCredits = lineCredits;
		this.properties = properties;
		this.decisions = decisions;
		this.clock = clock;
	}

	/** Whether a supervisor must approve, why, and the request in words for the approval form. */
	public record Assessment(boolean approvalRequired, String reason, String request, String requestedBy) {
	}

	/**
	 * {@code Task_AssessAdjustment}: above {@code orderflow.service.appeasement-approval-threshold} a
	 * supervisor other than the requester must approve; up to it the adjustment goes through.
	 */
	@Transactional
	public Assessment assess(UUID adjustmentId) {
		Adjustment adjustment = require(adjustmentId);
		BigDecimal threshold = properties.appeasementApprovalThreshold();
		boolean required = adjustment.amount().compareTo(threshold) > 0;
		String reason = (required ? "Worth more than " : "Worth at most ") + threshold.toPlainString() + " "
				+ adjustment.currency();
		if (required && adjustment.status() == AdjustmentStatus.REQUESTED) {
			repository.updateStatus(adjustmentId, AdjustmentStatus.PENDING_APPROVAL, null, null, null, now());
		}
		orders.record(adjustment.orderId(), TimelineType.DECISION, "system:appeasement-policy",
				(required ? "Adjustment needs a supervisor's approval: " : "Adjustment approved automatically: ")
						+ reason);
		return new Assessment(required, reason, Adjustments.describe(adjustment) + "\nRequested by " + adjustment.requestedBy(),
				adjustment.requestedBy());
	}

	/**
	 * Four eyes: who approves an adjustment must not be who requested it.
	 * @throws AuthorizationException when {@code userId} is the requester, or unknown
	 */
	@Transactional(readOnly = true)
	public void requireOtherThanRequester(UUID adjustmentId, String userId) {
		Adjustment adjustment = require(adjustmentId);
		if (userId == null) {
			throw new AuthorizationException("An appeasement is approved by a known user; nobody is logged in");
		}
		if (userId.equals(adjustment.requestedBy())) {
			throw new AuthorizationException(userId + " requested this adjustment of " + adjustment.amount().toPlainString()
					+ " " + adjustment.currency() + " and cannot approve it too: another supervisor must decide");
		}
	}

	/**
	 * {@code Task_RefundAdjustment}: carries the approved adjustment out. What the customer already paid for
	 * the line (or shipping) and has not got back, up to the adjustment's amount, is credited (a credit memo
	 * with source key {@code adjustment:<id>}) and refunded; the rest becomes a pending credit (same source
	 * key) that lowers the line's (or shipping's) next capture(s). While a capture of the order is under way
	 * this fails, to be retried once it is done, so that what it captures is counted
	 * ({@link LineCredits#credit}: under the lock invoices are drafted with, so none is missed). A repeat refunds and
	 * schedules nothing more: the source key makes both idempotent, and an approved adjustment is left as it is.
	 * <p>
	 * Whether it may be refunded is read from the record, not from process variables: an adjustment within the
	 * approval threshold goes through; one above it needs "Approve appeasement" completed with APPROVE, by a
	 * user other than the requester, as the engine recorded that completion ({@link TaskDecisions}), and that
	 * user is the one named as approver.
	 * @throws StateConflictException when the adjustment is above the threshold and no other user approved it
	 */
	@Transactional(noRollbackFor = io.orderflow.payment.PaymentDeclinedException.class)
	public Adjustment refund(UUID adjustmentId, String note) {
		Adjustment adjustment = require(adjustmentId);
		if (!adjustment.status().open()) {
			return adjustment;
		}
		String approvedBy = approver(adjustment);
		orders.lock(adjustment.orderId());
		String currency = adjustment.currency();
		LineCredits.Outcome outcome = lineCredits.credit(adjustment.orderId(), currency,
				new LineCredits.LineCredit(Adjustments.SOURCE_PREFIX + adjustmentId,
						"Adjustment of " + adjustment.subject() + ": " + adjustment.reason(), adjustment.lineNumber(),
						adjustment.amount(), adjustment.netAmount(), adjustment.taxAmount()));
		CreditMemo memo = outcome.creditMemo();
		BigDecimal refundNow = outcome.refunded();
		BigDecimal pending = outcome.pending();
		AdjustmentStatus status = pending.signum() > 0 ? AdjustmentStatus.AWAITING_CAPTURE : AdjustmentStatus.REFUNDED;
		repository.approve(adjustmentId, status, approvedBy, blankToNull(note), memo == null ? null : memo.id(),
				refundNow, pending, now());
		if (pending.signum() > 0) {
			lineCredits.lapseWhatCannotBeTaken(adjustment.orderId());
		}
		String approval = approvedBy == null ? " (within the approval threshold)" : " (approved by " + approvedBy + ")";
		if (pending.signum() == 0) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment refunded: " + adjustment.amount().toPlainString() + " " + currency + " on "
							+ adjustment.subject() + ", credit memo " + memo.creditMemoNumber() + approval);
		}
		else {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment approved: " + adjustment.amount().toPlainString() + " " + currency + " on "
							+ adjustment.subject() + ", " + (memo == null ? "nothing captured to refund yet"
									: refundNow.toPlainString() + " " + currency + " refunded (credit memo "
											+ memo.creditMemoNumber() + ")")
							+ ", " + pending.toPlainString() + " " + currency + " to be taken off the next capture(s)"
							+ approval);
		}
		notifications.notifyCustomer(adjustment.orderId(), CustomerMessage.APPEASED,
				adjustment.amount().toPlainString() + " " + currency + " off " + adjustment.subject()
						+ (pending.signum() == 0 ? ", refunded to your payment method"
								: ", taken off what we charge when the rest ships"),
				Map.of(Fact.AMOUNT, adjustment.amount().toPlainString(), Fact.CURRENCY, currency));
		return published(adjustmentId);
	}

	/**
	 * Who approved the adjustment as the engine recorded it, or {@code null} for one within the threshold.
	 * @throws StateConflictException when it needed a supervisor's approval and has none by another user
	 */
	private String approver(Adjustment adjustment) {
		String refused = "Adjustment of " + adjustment.amount().toPlainString() + " " + adjustment.currency()
				+ " on order " + adjustment.orderNumber() + " is not refunded: ";
		boolean required = adjustment.amount().compareTo(properties.appeasementApprovalThreshold()) > 0;
		if (adjustment.status() == AdjustmentStatus.REQUESTED && !required) {
			return null;
		}
		TaskDecision approval = decisions
			.approval(adjustment.processInstanceId(), OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT)
			.orElseThrow(() -> new StateConflictException(refused + "it is above the approval threshold of "
					+ properties.appeasementApprovalThreshold().toPlainString() + " and no supervisor approved it"));
		if (approval.decidedBy().equals(adjustment.requestedBy())) {
			throw new StateConflictException(refused + approval.decidedBy()
					+ " requested it and cannot approve it too");
		}
		return approval.decidedBy();
	}

	/**
	 * Follows the pending part of an adjustment as the payment stage applies it to captures (or lets it
	 * lapse): after the payment stage's transaction commits, in a transaction of its own. The event
	 * publication registry keeps the event until this has run, and delivers it again after a crash; a
	 * repeat changes nothing ({@code recordPendingCredit} answers false).
	 */
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void onPendingCredit(PendingCreditChanged changed) {
		PendingCredit credit = changed.credit();
		if (!credit.sourceKey().startsWith(Adjustments.SOURCE_PREFIX)) {
			return;
		}
		UUID adjustmentId = UUID.fromString(credit.sourceKey().substring(Adjustments.SOURCE_PREFIX.length()));
		Adjustment adjustment = repository.find(adjustmentId).orElse(null);
		if (adjustment == null) {
			return;
		}
		AdjustmentStatus status = switch (credit.status()) {
			case PENDING -> AdjustmentStatus.AWAITING_CAPTURE;
			case APPLIED -> AdjustmentStatus.APPLIED;
			case LAPSED -> AdjustmentStatus.LAPSED;
		};
		if (!repository.recordPendingCredit(adjustmentId, credit.applied(), credit.lapsed(), status, now())) {
			return;
		}
		String currency = adjustment.currency();
		if (changed.invoiceNumber() != null) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment lowered the capture of invoice " + changed.invoiceNumber() + ": "
							+ credit.applied().toPlainString() + " " + currency + " of the " + credit.amount().toPlainString()
							+ " " + currency + " to take off " + adjustment.subject() + " so far"
							+ (status == AdjustmentStatus.APPLIED ? ", all of it" : ""));
		}
		if (status == AdjustmentStatus.LAPSED) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment lapsed: " + credit.lapsed().toPlainString() + " " + currency + " on "
							+ adjustment.subject() + " will not be taken off a capture, nothing is left to invoice ("
							+ adjustment.refundedAmount().toPlainString() + " " + currency + " refunded, "
							+ credit.applied().toPlainString() + " " + currency + " taken off captures)");
		}
		published(adjustmentId);
	}

	/** {@code Task_RejectAdjustment}: a supervisor refused it; nothing is credited. */
	@Transactional
	public void reject(UUID adjustmentId, String rejectedBy, String note) {
		Adjustment adjustment = require(adjustmentId);
		if (repository.updateStatus(adjustmentId, AdjustmentStatus.REJECTED, rejectedBy, blankToNull(note), null,
				now())) {
			orders.record(adjustment.orderId(), TimelineType.ADJUSTMENT, "system:adjustment",
					"Adjustment rejected by " + rejectedBy + "; nothing was credited"
							+ (blankToNull(note) == null ? "" : " (" + note.strip() + ")"));
			published(adjustmentId);
		}
	}

	/**
	 * The data of {@code adjustment.changed}: the adjustment's status and amounts after it was refunded, approved
	 * with a part to take off later captures, lowered a capture, lapsed or was rejected.
	 */
	record AdjustmentChanged(UUID adjustmentId, Adjustment.Target target, Integer lineNumber, Adjustment.Kind kind,
			BigDecimal amount, BigDecimal netAmount, BigDecimal taxAmount, String currency, String reason,
			AdjustmentStatus status, String approvedBy, String decisionNote, BigDecimal refundedAmount,
			BigDecimal pendingAmount, BigDecimal captureLoweredAmount, BigDecimal lapsedAmount) {
	}

	private Adjustment published(UUID adjustmentId) {
		Adjustment a = require(adjustmentId);
		events.publish(a.orderId(), EventType.ADJUSTMENT_CHANGED,
				new AdjustmentChanged(a.id(), a.target(), a.lineNumber(), a.kind(), a.amount(), a.netAmount(),
						a.taxAmount(), a.currency(), a.reason(), a.status(), a.approvedBy(), a.decisionNote(),
						a.refundedAmount(), a.pendingAmount(), a.captureLoweredAmount(), a.lapsedAmount()));
		return a;
	}

	private Adjustment require(UUID id) {
		return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No adjustment " + id));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
