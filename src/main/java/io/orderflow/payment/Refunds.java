package io.orderflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.payment.GatewayCalls.Call;
import io.orderflow.payment.PaymentAuthorization.Status;
import io.orderflow.payment.PaymentTransaction.Type;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit memos and their refunds: what units of a line are worth and were paid for, what the order's captures
 * leave to refund, and crediting the order with the refund through the provider
 * ({@code refund:<creditMemoId>:<captureReference>}), newest capture first. A credit memo is drafted in a
 * transaction of its own with its refunds fixed, so that a retry refunds exactly the same.
 */
@Service
public class Refunds {

	private static final int MAX_CREDIT_MEMO_ATTEMPTS = 100;

	private final PaymentRecords records;

	private final PaymentGateway gateway;

	private final GatewayCalls calls;

	private final PaymentRepository payments;

	private final CreditMemoRepository creditMemos;

	private final TransactionTemplate ownTransaction;

	Refunds(PaymentRecords records, PaymentGateway gateway, GatewayCalls calls, PaymentRepository payments,
			CreditMemoRepository creditMemos, PlatformTransactionManager transactionManager) {
		this.records = records;
		this.gateway = gateway;
		this.calls = calls;
		this.payments = payments;
		this.creditMemos = creditMemos;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * What units of an order line are worth as sold: net = quantity × unit price, tax = the line's tax in
	 * proportion to the quantity, rounded half-up to the currency.
	 * @throws IllegalArgumentException for an unknown line or a quantity not between 1 and the line's ordered
	 */
	@Transactional(readOnly = true)
	public CreditMemoItem unitsValue(UUID orderId, int lineNumber, int quantity) {
		Order order = records.order(orderId);
		return unitsValue(order, soldLine(order, lineNumber, quantity), quantity);
	}

	/**
	 * What units of an order line were paid for: their {@link #unitsValue value as sold}, less their share of
	 * what amounts off the line (appeasements, refunded or taken off its captures) already gave back, shared by
	 * the line's units not canceled. What a returned unit is credited.
	 * @throws IllegalArgumentException as {@link #unitsValue}
	 */
	@Transactional(readOnly = true)
	public CreditMemoItem unitsPaid(UUID orderId, int lineNumber, int quantity) {
		Order order = records.order(orderId);
		OrderLine line = soldLine(order, lineNumber, quantity);
		CreditMemoItem sold = unitsValue(order, line, quantity);
		BigDecimal offNet = BigDecimal.ZERO;
		BigDecimal offTax = BigDecimal.ZERO;
		for (CreditMemo memo : creditMemos.ofOrder(orderId)) {
			for (CreditMemoItem item : memo.items()) {
				if (item.lineNumber() == lineNumber && item.quantity() == 0) {
					offNet = offNet.add(item.netAmount());
					offTax = offTax.add(item.taxAmount());
				}
			}
		}
		int units = line.quantities().netOrdered();
		if (units == 0 || (offNet.signum() == 0 && offTax.signum() == 0)) {
			return sold;
		}
		int scale = Money.scale(order.currency());
		BigDecimal share = BigDecimal.valueOf(quantity);
		BigDecimal net = sold.netAmount()
			.subtract(offNet.multiply(share).divide(BigDecimal.valueOf(units), scale, RoundingMode.HALF_UP))
			.max(Money.zero(order.currency()));
		BigDecimal tax = sold.taxAmount()
			.subtract(offTax.multiply(share).divide(BigDecimal.valueOf(units), scale, RoundingMode.HALF_UP))
			.max(Money.zero(order.currency()));
		return new CreditMemoItem(lineNumber, quantity, net, tax);
	}

	/** The line, when it has {@code quantity} units to value. @throws IllegalArgumentException otherwise */
	private static OrderLine soldLine(Order order, int lineNumber, int quantity) {
		OrderLine line = order.lines()
			.stream()
			.filter(l -> l.lineNumber() == lineNumber)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + lineNumber));
		int ordered = line.quantities().ordered();
		if (quantity < 1 || quantity > ordered) {
			throw new IllegalArgumentException("Line " + lineNumber + " of order " + order.orderNumber() + " has "
					+ ordered + " units, not " + quantity);
		}
		return line;
	}

	/** Net = quantity × unit price, tax = the line's tax in proportion to the quantity, rounded half-up. */
	private static CreditMemoItem unitsValue(Order order, OrderLine line, int quantity) {
		int scale = Money.scale(order.currency());
		BigDecimal net = line.unitPrice().multiply(BigDecimal.valueOf(quantity)).setScale(scale);
		BigDecimal tax = line.tax()
			.multiply(BigDecimal.valueOf(quantity))
			.divide(BigDecimal.valueOf(line.quantities().ordered()), scale, RoundingMode.HALF_UP);
		return new CreditMemoItem(line.lineNumber(), quantity, net, tax);
	}

	/** Captured minus refunded, credit memos still to refund counted: the most a new credit memo may refund. */
	@Transactional(readOnly = true)
	public BigDecimal refundable(UUID orderId) {
		Order order = records.order(orderId);
		return Money.of(unallocated(creditMemos.captures(orderId), creditMemos.ofOrder(orderId)).values()
			.stream()
			.reduce(BigDecimal.ZERO, BigDecimal::add), order.currency());
	}

	/**
	 * Credits the order and refunds the credit memo's total through the provider. The credit memo is made
	 * first, as a DRAFT, in a transaction of its own, with its amounts and its refunds fixed: each refund
	 * an amount of one capture, newest capture first, never more than the capture has left after earlier
	 * credit memos. Then every refund is made ({@code refund:<creditMemoId>:<captureReference>}) and the
	 * credit memo becomes ISSUED. Calling this again for the same source returns the same credit memo and
	 * refunds nothing more; a draft left by a failed try is refunded again with the same keys.
	 * @throws IllegalArgumentException when amounts are negative, an item names no line of the order, or the
	 * total exceeds what the order's captures leave to refund ({@link #refundable(UUID)}); nothing is stored
	 * @throws PaymentDeclinedException when the provider refuses a refund; the attempt is recorded
	 * @throws PaymentGatewayUnavailableException when the provider cannot be reached: retry
	 */
	@Transactional(noRollbackFor = PaymentDeclinedException.class)
	public CreditMemo creditAndRefund(UUID orderId, CreditMemoRequest request) {
		if (orderId == null || request == null || request.sourceKey() == null || request.sourceKey().isBlank()
				|| request.reason() == null || request.reason().isBlank()) {
			throw new IllegalArgumentException("An order, a source key and a reason are required");
		}
		CreditMemo memo = creditMemos.findBySource(request.sourceKey())
			.orElseGet(() -> draftCreditMemo(orderId, request));
		if (!memo.orderId().equals(orderId)) {
			throw new IllegalArgumentException("Credit memo " + memo.creditMemoNumber() + " for "
					+ request.sourceKey() + " belongs to another order");
		}
		if (memo.status() == CreditMemo.Status.ISSUED) {
			return memo;
		}
		String currency = memo.currency();
		for (CreditMemo.Refund refund : memo.refunds()) {
			String key = "refund:" + memo.id() + ":" + refund.captureReference();
			if (payments.succeeded(key)) {
				continue;
			}
			GatewayRefund refunded;
			try {
				refunded = calls.call(new Call(orderId, null, Type.REFUND, refund.amount(), currency, key,
						memo.creditMemoNumber(), "Refund of " + Money.format(refund.amount(), currency)
								+ " for credit memo " + memo.creditMemoNumber()),
						() -> gateway.refund(key, refund.captureReference(), refund.amount(), currency));
			}
			catch (PaymentDeclinedException declined) {
				records.timeline(orderId, "Refund of " + Money.format(refund.amount(), currency)
						+ " for credit memo " + memo.creditMemoNumber() + " declined (" + declined.reason() + "): "
						+ declined.getMessage());
				throw declined;
			}
			records.success(orderId, null, Type.REFUND, refund.amount(), currency, key, refunded.reference(),
					memo.creditMemoNumber(), records.now());
		}
		if (!creditMemos.issue(memo.id(), records.now())) {
			throw new IllegalStateException("Credit memo " + memo.creditMemoNumber() + " was issued concurrently");
		}
		records.timeline(orderId, "Credit memo " + memo.creditMemoNumber() + " issued: "
				+ Money.format(memo.totalAmount(), currency) + " refunded"
				+ (memo.feeAmount().signum() > 0 ? " (" + Money.format(memo.feeAmount(), currency) + " fee kept)" : "")
				+ " for " + memo.reason());
		return creditMemos.findBySource(memo.sourceKey()).orElseThrow();
	}

	/** The order's credit memos, drafts included, oldest first. */
	@Transactional(readOnly = true)
	public List<CreditMemo> creditMemos(UUID orderId) {
		return creditMemos.ofOrder(orderId);
	}

	/** The credit memo made for a source ({@code return:<id>}, …), if any. */
	@Transactional(readOnly = true)
	public Optional<CreditMemo> creditMemo(String sourceKey) {
		return creditMemos.findBySource(sourceKey);
	}

	/**
	 * Makes the credit memo as a draft and commits it at once, as {@link Captures} does for invoices:
	 * each credit memo of an order takes the next sequence number (unique), so of two made at the same time
	 * one fails and is computed again, seeing the other's refunds.
	 */
	private CreditMemo draftCreditMemo(UUID orderId, CreditMemoRequest request) {
		for (int attempt = 1;; attempt++) {
			try {
				return ownTransaction.execute(tx -> {
					Optional<CreditMemo> existing = creditMemos.findBySource(request.sourceKey());
					if (existing.isPresent()) {
						return existing.get();
					}
					Order order = records.order(orderId);
					List<CreditMemo> earlier = creditMemos.ofOrder(orderId);
					CreditMemo memo = creditMemo(order, request, earlier.size() + 1,
							unallocated(creditMemos.captures(orderId), earlier));
					creditMemos.insert(memo, earlier.size() + 1);
					return memo;
				});
			}
			catch (DuplicateKeyException race) {
				Optional<CreditMemo> winner = creditMemos.findBySource(request.sourceKey());
				if (winner.isPresent()) {
					return winner.get();
				}
				if (attempt >= MAX_CREDIT_MEMO_ATTEMPTS) {
					throw race;
				}
			}
		}
	}

	private CreditMemo creditMemo(Order order, CreditMemoRequest request, int sequenceNumber,
			Map<String, BigDecimal> refundableByCapture) {
		String currency = order.currency();
		Set<Integer> lineNumbers = new HashSet<>();
		order.lines().forEach(line -> lineNumbers.add(line.lineNumber()));
		BigDecimal net = Money.zero(currency);
		BigDecimal tax = Money.zero(currency);
		List<CreditMemoItem> items = new ArrayList<>();
		for (CreditMemoItem item : request.items()) {
			if (!lineNumbers.contains(item.lineNumber())) {
				throw new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + item.lineNumber());
			}
			BigDecimal itemNet = Money.nonNegative(item.netAmount(), currency, "net amount");
			BigDecimal itemTax = Money.nonNegative(item.taxAmount(), currency, "tax amount");
			if (item.quantity() < 0) {
				throw new IllegalArgumentException("Line " + item.lineNumber() + ": quantity must not be negative");
			}
			items.add(new CreditMemoItem(item.lineNumber(), item.quantity(), itemNet, itemTax));
			net = net.add(itemNet);
			tax = tax.add(itemTax);
		}
		BigDecimal shipping = Money.nonNegative(request.shippingAmount(), currency, "shipping amount");
		BigDecimal fee = Money.nonNegative(request.feeAmount(), currency, "fee");
		BigDecimal credited = net.add(tax).add(shipping);
		if (fee.compareTo(credited) > 0) {
			throw new IllegalArgumentException("The fee of " + Money.format(fee, currency) + " exceeds the "
					+ Money.format(credited, currency) + " credited");
		}
		BigDecimal total = credited.subtract(fee);
		BigDecimal refundable = refundableByCapture.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		if (total.compareTo(refundable) > 0) {
			throw new IllegalArgumentException("Credit of " + Money.format(total, currency) + " exceeds the "
					+ Money.format(refundable, currency) + " order " + order.orderNumber() + " has left to refund");
		}
		List<CreditMemo.Refund> refunds = new ArrayList<>();
		BigDecimal left = total;
		List<String> newestFirst = new ArrayList<>(refundableByCapture.keySet());
		Collections.reverse(newestFirst);
		for (String capture : newestFirst) {
			if (left.signum() == 0) {
				break;
			}
			BigDecimal amount = left.min(refundableByCapture.get(capture));
			if (amount.signum() > 0) {
				refunds.add(new CreditMemo.Refund(capture, amount));
				left = left.subtract(amount);
			}
		}
		String number = "CM-" + order.orderNumber() + "-" + sequenceNumber;
		return new CreditMemo(UUID.randomUUID(), number, order.id(), request.sourceKey(), currency, net, tax, shipping,
				fee, total, CreditMemo.Status.DRAFT, request.reason(), records.now(), null, List.copyOf(items),
				List.copyOf(refunds));
	}

	/** What each capture (oldest first) has left after the refunds the credit memos so far fixed. */
	private static Map<String, BigDecimal> unallocated(List<CreditMemoRepository.Capture> captures,
			List<CreditMemo> memos) {
		Map<String, BigDecimal> left = new LinkedHashMap<>();
		captures.forEach(capture -> left.merge(capture.reference(), capture.amount(), BigDecimal::add));
		for (CreditMemo memo : memos) {
			for (CreditMemo.Refund refund : memo.refunds()) {
				left.computeIfPresent(refund.captureReference(), (k, amount) -> amount.subtract(refund.amount()));
			}
		}
		return left;
	}


}
