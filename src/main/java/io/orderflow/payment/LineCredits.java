package io.orderflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Money off a line or off shipping (an appeasement, a discount after the sale), in one call: what the customer
 * paid for it and has not got back is credited and refunded now; the rest lowers the next captures of the line
 * (or shipping) as a pending credit, and lapses when nothing is left to invoice. Taxes are split in proportion.
 */
@Service
public class LineCredits {

	/**
	 * A credit of {@code amount} (tax included: {@code netAmount + taxAmount}) on a line, or on shipping when
	 * {@code lineNumber} is {@code null} (no tax). The source key ({@code adjustment:<id>}) makes it idempotent.
	 */
	public record LineCredit(String sourceKey, String reason, Integer lineNumber, BigDecimal amount, BigDecimal netAmount,
			BigDecimal taxAmount) {
	}

	/** What the credit came to: refunded now (with its credit memo, if any) and what waits for later captures. */
	public record Outcome(CreditMemo creditMemo, BigDecimal refunded, BigDecimal pending) {
	}

	private final Refunds refunds;

	private final PendingCredits pendingCredits;

	LineCredits(Refunds refunds, PendingCredits pendingCredits) {
		this.refunds = refunds;
		this.pendingCredits = pendingCredits;
	}

	/**
	 * Credits the order. A repeat for the same source refunds and schedules nothing more.
	 * @throws IllegalStateException while a capture of the order is under way: retry once it is done, so that
	 * what it captures is counted ({@link PendingCredits#prepareCredit})
	 * @throws PaymentDeclinedException when the provider refuses the refund; the attempt is recorded
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public Outcome credit(UUID orderId, String currency, LineCredit credit) {
		BigDecimal zero = Money.zero(currency);
		pendingCredits.prepareCredit(orderId);
		// a retry after a part was done finds the credit memo, or the pending credit alone, that it made
		Optional<CreditMemo> earlier = refunds.creditMemo(credit.sourceKey());
		BigDecimal refundNow;
		if (earlier.isPresent()) {
			refundNow = earlier.get().totalAmount();
		}
		else if (pendingCredits.pendingCredit(credit.sourceKey()).isPresent()) {
			refundNow = zero;
		}
		else {
			refundNow = refundable(orderId, credit.lineNumber(), credit.amount());
		}
		BigDecimal pending = credit.amount().subtract(refundNow);
		BigDecimal refundTax = refundNow.compareTo(credit.amount()) == 0 ? credit.taxAmount()
				: refundNow.multiply(credit.taxAmount())
					.divide(credit.amount(), Money.scale(currency), RoundingMode.HALF_UP);
		BigDecimal refundNet = refundNow.subtract(refundTax);
		boolean shipping = credit.lineNumber() == null;
		CreditMemo memo = null;
		if (refundNow.signum() > 0) {
			List<CreditMemoItem> items = shipping ? List.of()
					: List.of(new CreditMemoItem(credit.lineNumber(), 0, refundNet, refundTax));
			memo = refunds.creditAndRefund(orderId,
					new CreditMemoRequest(credit.sourceKey(), credit.reason(), items, shipping ? refundNow : zero, zero));
		}
		if (pending.signum() > 0) {
			pendingCredits.schedulePendingCredit(orderId, new PendingCreditRequest(credit.sourceKey(), credit.reason(),
					credit.lineNumber(), credit.netAmount().subtract(shipping ? refundNow : refundNet),
					shipping ? zero : credit.taxAmount().subtract(refundTax)));
		}
		return new Outcome(memo, refundNow, pending);
	}

	/** Of {@code amount} off a line (or shipping), what can be refunded now: what was paid for it and not given back. */
	private BigDecimal refundable(UUID orderId, Integer lineNumber, BigDecimal amount) {
		return amount.min(pendingCredits.paidLeft(orderId, lineNumber)).min(refunds.refundable(orderId)).max(BigDecimal.ZERO);
	}

	/**
	 * What {@link #credit} of {@code amount} off a line ({@code lineNumber}; {@code null}: shipping) would do now,
	 * without doing it: what it would refund, what would wait to be taken off later captures, and whether that
	 * would lapse at once because nothing of the line (or shipping) is left to invoice.
	 */
	@Transactional(readOnly = true)
	public Preview preview(UUID orderId, Integer lineNumber, BigDecimal amount) {
		BigDecimal refunded = refundable(orderId, lineNumber, amount);
		BigDecimal pending = amount.subtract(refunded);
		return new Preview(refunded, pending,
				pending.signum() > 0 && pendingCredits.nothingLeftToInvoice(orderId, lineNumber));
	}

	/** What a credit would do ({@link #preview}). */
	public record Preview(BigDecimal refunded, BigDecimal pending, boolean pendingLapses) {
	}

	/**
	 * Lapses pending credits whose line (or shipping) has nothing left to invoice, e.g. a cent of rounding left
	 * after the credit: to be called once the caller has recorded the outcome, which the lapse reports to.
	 */
	@Transactional
	public void lapseWhatCannotBeTaken(UUID orderId) {
		pendingCredits.lapsePendingCredits(orderId, "nothing is left to invoice");
	}

}
