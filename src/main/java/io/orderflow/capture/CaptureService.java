package io.orderflow.capture;

import static io.orderflow.platform.Text.blankToNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.orderflow.OrderProcess;
import io.orderflow.order.Address;
import io.orderflow.order.Channel;
import io.orderflow.order.Customer;
import io.orderflow.order.DeliveryMethod;
import io.orderflow.order.NewOrder;
import io.orderflow.order.NewOrder.NewOrderLine;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.PaymentMethod;
import io.orderflow.order.Totals;
import io.orderflow.platform.IdempotentRequests;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order intake: validate, store, start the lifecycle. The REST API, the process's own
 * {@code Task_RegisterOrder} and the tests all come through here.
 */
@Service
public class CaptureService {

	static final String OPERATION_SUBMIT = "POST /api/orders";

	private final OrderValidator validator;

	private final Orders orders;

	private final RuntimeService runtimeService;

	private final IdempotentRequests idempotency;

	private final TransactionTemplate savepoint;

	CaptureService(OrderValidator validator, Orders orders, RuntimeService runtimeService,
			IdempotentRequests idempotency, PlatformTransactionManager transactionManager) {
		this.validator = validator;
		this.orders = orders;
		this.runtimeService = runtimeService;
		this.idempotency = idempotency;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Submits an order from a channel: validates it, stores it and starts its {@code OrderLifecycle}
	 * process instance in one transaction. A second submission of the same channel and external
	 * reference returns the stored order (200) and starts nothing; an {@code Idempotency-Key} replays
	 * its first answer, and refuses a different body.
	 * @param submission the order as the channel sent it
	 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
	 * @param principal who submits (the authenticated user)
	 */
	public SubmissionResult submit(OrderSubmission submission, String idempotencyKey, String principal) {
		validator.validate(submission);
		NewOrder order = toNewOrder(submission);
		IdempotentRequests.Outcome<Order> outcome = idempotency.once(
				idempotency.request(OPERATION_SUBMIT, principal, idempotencyKey, submission), orders::find, Order::id,
				() -> orders.findByReference(order.channel(), order.externalReference())
					.map(existing -> IdempotentRequests.Outcome.of(existing, 200))
					.orElseGet(() -> IdempotentRequests.Outcome.of(registerAndStart(order, principal), 201)),
				// another request with the same channel and reference won the race: its order is the answer
				() -> orders.findByReference(order.channel(), order.externalReference())
					.map(winner -> IdempotentRequests.Outcome.of(winner, 200)));
		return new SubmissionResult(outcome.resource(), outcome.status());
	}

	/**
	 * Registers an order that arrived as the {@code order} variable of a process instance started
	 * through {@code /engine-rest}; runs inside that instance's transaction. The insert runs in a
	 * savepoint so that losing a race on the channel and reference leaves the transaction usable.
	 * @return the stored order, or empty when the channel and reference were already registered
	 */
	public Optional<Order> registerFromProcess(OrderSubmission submission, String actor) {
		validator.validate(submission);
		NewOrder order = toNewOrder(submission);
		if (orders.findByReference(order.channel(), order.externalReference()).isPresent()) {
			return Optional.empty();
		}
		try {
			return Optional.of(savepoint.execute(tx -> orders.register(order, actor)));
		}
		catch (DuplicateKeyException duplicate) {
			return Optional.empty();
		}
	}

	/** The order that already holds a channel and reference, for the process to report a duplicate. */
	public Optional<Order> existing(OrderSubmission submission) {
		return orders.findByReference(Channel.valueOf(submission.channel()), submission.externalReference().strip());
	}

	private Order registerAndStart(NewOrder order, String principal) {
		Order created = orders.register(order, principal);
		runtimeService.createProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY)
			.businessKey(created.orderNumber())
			.setVariable(OrderProcess.Variables.ORDER_ID, created.id().toString())
			.setVariable(OrderProcess.Variables.ORDER_NUMBER, created.orderNumber())
			.execute();
		return orders.find(created.id()).orElseThrow();
	}

	/** Computes every amount from the lines: net prices, tax per line, rounded half-up to the currency. */
	static NewOrder toNewOrder(OrderSubmission s) {
		int scale = Currency.getInstance(s.currency()).getDefaultFractionDigits();
		List<NewOrderLine> lines = s.lines().stream().map(line -> {
			BigDecimal unitPrice = line.unitPrice().setScale(scale, RoundingMode.UNNECESSARY);
			BigDecimal subtotal = unitPrice.multiply(BigDecimal.valueOf(line.quantity()));
			BigDecimal tax = subtotal.multiply(line.taxRate()).setScale(scale, RoundingMode.HALF_UP);
			return new NewOrderLine(line.sku(), line.name().strip(), line.quantity(), unitPrice,
					line.taxRate().stripTrailingZeros(), subtotal, tax, subtotal.add(tax));
		}).toList();
		BigDecimal linesTotal = lines.stream().map(NewOrderLine::subtotal).reduce(zero(scale), BigDecimal::add);
		BigDecimal taxTotal = lines.stream().map(NewOrderLine::tax).reduce(zero(scale), BigDecimal::add);
		BigDecimal shipping = s.shippingCharge() == null ? zero(scale)
				: s.shippingCharge().setScale(scale, RoundingMode.UNNECESSARY);
		Totals totals = new Totals(linesTotal, taxTotal, shipping, linesTotal.add(taxTotal).add(shipping));
		return new NewOrder(Channel.valueOf(s.channel()), s.externalReference().strip(),
				new Customer(blankToNull(s.customer().id()), s.customer().email().strip().toLowerCase(Locale.ROOT),
						s.customer().name().strip(), language(s.customer().language())),
				s.currency(), address(s.shippingAddress()), address(s.billingAddress()),
				DeliveryMethod.valueOf(s.deliveryMethod()), PaymentMethod.valueOf(s.payment().method()),
				s.payment().token(), totals, lines);
	}

	/** The primary language of a tag the validation let through ({@code de-AT} is {@code de}), or null. */
	private static String language(String tag) {
		return tag == null || tag.isBlank() ? null : tag.strip().substring(0, 2).toLowerCase(Locale.ROOT);
	}

	private static BigDecimal zero(int scale) {
		return BigDecimal.ZERO.setScale(scale);
	}

	private static Address address(OrderSubmission.AddressInput a) {
		return new Address(a.name().strip(), a.line1().strip(), blankToNull(a.line2()), a.postalCode().strip(),
				a.city().strip(), blankToNull(a.region()), a.country(), blankToNull(a.phone()));
	}

}
