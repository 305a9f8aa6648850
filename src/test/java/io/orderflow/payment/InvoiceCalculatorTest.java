package io.orderflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Quantities;
import io.orderflow.order.Totals;
import org.junit.jupiter.api.Test;

/**
 * The invoice arithmetic: shares of tax that add up exactly when everything has shipped, and the whole shipping
 * charge with the first invoice.
 */
class InvoiceCalculatorTest {

	/** 3 × 3.33 (tax 1.90) and 1 × 5.00 (tax 0.95) at 19 %, 4.90 shipping: 14.99 + 2.85 + 4.90 = 22.74. */
	final Order order = order("EUR", "4.90", line(1, 3, "3.33", "0.19"), line(2, 1, "5.00", "0.19"));

	@Test
	void splitOneAndTwoTakesRoundedTaxSharesThenTheRemaindersAndTheFirstTheWholeShipping() {
		List<Invoice> invoices = new ArrayList<>();

		InvoiceCalculator.Amounts first = invoice(order, invoices, new InvoiceLine(1, 1));
		InvoiceCalculator.Amounts second = invoice(order, invoices, new InvoiceLine(1, 2), new InvoiceLine(2, 1));

		// 1 × 3.33: tax 1.90 × 1/3 = 0.633 → 0.63; the whole 4.90 shipping
		assertThat(first.net()).isEqualTo("3.33");
		assertThat(first.tax()).isEqualTo("0.63");
		assertThat(first.shipping()).isEqualTo("4.90");
		assertThat(first.total()).isEqualTo("8.86");
		// the rest: tax 1.90 - 0.63 + 0.95, no shipping
		assertThat(second.net()).isEqualTo("11.66");
		assertThat(second.tax()).isEqualTo("2.22");
		assertThat(second.shipping()).isEqualTo("0.00");
		assertThat(second.total()).isEqualTo("13.88");
		assertThat(first.total().add(second.total())).isEqualTo(order.totals().grandTotal());
	}

	@Test
	void oneUnitAtATimeAddsUpToTheLineTax() {
		List<Invoice> invoices = new ArrayList<>();

		List<BigDecimal> taxes = List.of(invoice(order, invoices, new InvoiceLine(1, 1)).tax(),
				invoice(order, invoices, new InvoiceLine(1, 1)).tax(),
				invoice(order, invoices, new InvoiceLine(1, 1)).tax());

		assertThat(taxes).containsExactly(new BigDecimal("0.63"), new BigDecimal("0.64"), new BigDecimal("0.63"));
		assertThat(invoices.get(2).lines().get(0).taxAmount()).isEqualTo("0.63");
	}

	@Test
	void singleInvoiceForEverythingIsTheGrandTotal() {
		InvoiceCalculator.Amounts all = invoice(order, new ArrayList<>(), new InvoiceLine(1, 3), new InvoiceLine(2, 1));

		assertThat(all.net()).isEqualTo(order.totals().lines());
		assertThat(all.tax()).isEqualTo(order.totals().tax());
		assertThat(all.shipping()).isEqualTo(order.totals().shipping());
		assertThat(all.total()).isEqualTo("22.74");
	}

	@Test
	void firstInvoiceTakesTheWholeShippingWhicheverLineItShips() {
		List<Invoice> invoices = new ArrayList<>();
		InvoiceCalculator.Amounts first = invoice(order, invoices, new InvoiceLine(1, 3));

		InvoiceCalculator.Amounts last = invoice(order, invoices, new InvoiceLine(2, 1));

		assertThat(first.shipping()).isEqualTo("4.90");
		assertThat(last.shipping()).isEqualTo("0.00");
		assertThat(first.total().add(last.total())).isEqualTo("22.74");
	}

	@Test
	void canceledUnitsAreNeitherInvoicedNorTaxed() {
		Order partlyCanceled = order("EUR", "4.90",
				new OrderLine(UUID.randomUUID(), 1, "SKU-A", "A", new BigDecimal("3.33"), new BigDecimal("0.19"),
						new BigDecimal("9.99"), new BigDecimal("1.90"), new BigDecimal("11.89"),
						new Quantities(3, 1, 2, 0, 0, 0, 0)),
				line(2, 1, "5.00", "0.19"));
		List<Invoice> invoices = new ArrayList<>();

		invoice(partlyCanceled, invoices, new InvoiceLine(2, 1));
		InvoiceCalculator.Amounts last = invoice(partlyCanceled, invoices, new InvoiceLine(1, 2));

		// tax of the 2 units still ordered: 6.66 × 0.19 = 1.2654 → 1.27; the full shipping charge
		assertThat(last.tax()).isEqualTo("1.27");
		assertThat(invoices.stream().map(Invoice::shippingAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualTo("4.90");
		assertThatThrownBy(() -> invoice(partlyCanceled, invoices, new InvoiceLine(1, 1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("net ordered");
	}

	@Test
	void currencyWithoutMinorUnitsRoundsToWholeUnits() {
		Order yen = order("JPY", "500", line(1, 3, "333", "0.10"), line(2, 1, "1000", "0.10"));
		List<Invoice> invoices = new ArrayList<>();

		InvoiceCalculator.Amounts first = invoice(yen, invoices, new InvoiceLine(1, 1));
		InvoiceCalculator.Amounts last = invoice(yen, invoices, new InvoiceLine(1, 2), new InvoiceLine(2, 1));

		assertThat(first.tax()).isEqualTo("33"); // 100 × 1/3 = 33.3
		assertThat(first.shipping()).isEqualTo("500");
		assertThat(last.shipping()).isEqualTo("0");
		assertThat(first.total().add(last.total())).isEqualTo(yen.totals().grandTotal());
	}

	@Test
	void everySplitOfEveryOrderAddsUpToTheGrandTotal() {
		Random random = new Random(42);
		for (int run = 0; run < 500; run++) {
			List<OrderLine> lines = new ArrayList<>();
			List<Integer> units = new ArrayList<>();
			for (int number = 1; number <= 1 + random.nextInt(4); number++) {
				int quantity = 1 + random.nextInt(6);
				lines.add(line(number, quantity,
						BigDecimal.valueOf(random.nextInt(10_000), 2).toPlainString(),
						List.of("0", "0.07", "0.19", "0.2", "0.077").get(random.nextInt(5))));
				for (int unit = 0; unit < quantity; unit++) {
					units.add(number);
				}
			}
			Order any = order("EUR", BigDecimal.valueOf(random.nextInt(2_000), 2).toPlainString(),
					lines.toArray(OrderLine[]::new));
			Collections.shuffle(units, random);
			List<Invoice> invoices = new ArrayList<>();
			for (int next = 0; next < units.size();) {
				int size = 1 + random.nextInt(units.size() - next);
				List<Integer> batch = units.subList(next, next + size);
				InvoiceLine[] shipped = batch.stream()
					.distinct()
					.sorted()
					.map(number -> new InvoiceLine(number, Collections.frequency(batch, number)))
					.toArray(InvoiceLine[]::new);
				InvoiceCalculator.Amounts amounts = invoice(any, invoices, shipped);
				assertThat(amounts.tax().signum()).isNotNegative();
				assertThat(amounts.shipping()).as("shipping of invoice %s", invoices.size())
					.isEqualTo(invoices.size() == 1 ? any.totals().shipping() : new BigDecimal("0.00"));
				next += size;
			}
			BigDecimal total = invoices.stream().map(Invoice::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(total).as("order %s split into %s invoices", any.lines(), invoices.size())
				.isEqualTo(any.totals().grandTotal());
		}
	}

	@Test
	void linesThatDoNotFitTheOrderAreRefused() {
		List<Invoice> none = List.of();
		assertThatThrownBy(() -> InvoiceCalculator.calculate(order, none, List.of(new InvoiceLine(9, 1))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no line 9");
		assertThatThrownBy(() -> InvoiceCalculator.calculate(order, none, List.of(new InvoiceLine(1, 4))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> InvoiceCalculator.calculate(order, none, List.of(new InvoiceLine(1, 0))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(
				() -> InvoiceCalculator.calculate(order, none, List.of(new InvoiceLine(1, 1), new InvoiceLine(1, 1))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> InvoiceCalculator.calculate(order, none, List.of()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void whatIsChargeableWithUnitsCanceledTooKeepsTheShippingUntilEveryLineIsCanceled() {
		// 22.74 in all; 2 of line 1 canceled: 1 × 3.33 with its tax at the rate (0.63), line 2's 5.95 and 4.90 shipping
		assertThat(InvoiceCalculator.chargeable(order)).isEqualTo("22.74");
		assertThat(InvoiceCalculator.chargeable(order, java.util.Map.of(1, 2))).isEqualTo("14.81");
		assertThat(InvoiceCalculator.chargeable(order, java.util.Map.of(2, 1))).isEqualTo("16.79");
		assertThat(InvoiceCalculator.chargeable(order, java.util.Map.of(1, 3, 2, 1))).isEqualTo("0.00");
		assertThat(InvoiceCalculator.chargeable(order, java.util.Map.of(1, 9))).isEqualTo("10.85");
	}

	// --- helpers -----------------------------------------------------------------------------

	/** Calculates the next invoice and adds it to {@code invoices}, as the order's invoices so far. */
	private static InvoiceCalculator.Amounts invoice(Order order, List<Invoice> invoices, InvoiceLine... shipped) {
		InvoiceCalculator.Amounts amounts = InvoiceCalculator.calculate(order, invoices, List.of(shipped));
		invoices.add(new Invoice(UUID.randomUUID(), "INV-" + invoices.size(), order.id(), UUID.randomUUID(),
				"FO-" + invoices.size(), order.currency(), amounts.net(), amounts.tax(), amounts.shipping(),
				amounts.total(), Invoice.Status.ISSUED, null, null, amounts.lines()));
		return amounts;
	}

	/** A line as order capture computes it: tax = quantity × unit price × rate, rounded half-up. */
	private static OrderLine line(int number, int quantity, String unitPrice, String taxRate) {
		BigDecimal price = new BigDecimal(unitPrice);
		BigDecimal subtotal = price.multiply(BigDecimal.valueOf(quantity));
		BigDecimal tax = subtotal.multiply(new BigDecimal(taxRate)).setScale(price.scale(), RoundingMode.HALF_UP);
		return new OrderLine(UUID.randomUUID(), number, "SKU-" + number, "Product " + number, price,
				new BigDecimal(taxRate), subtotal, tax, subtotal.add(tax), Quantities.ordered(quantity));
	}

	private static Order order(String currency, String shipping, OrderLine... lines) {
		int scale = Money.scale(currency);
		BigDecimal net = BigDecimal.ZERO.setScale(scale);
		BigDecimal tax = BigDecimal.ZERO.setScale(scale);
		for (OrderLine line : lines) {
			net = net.add(line.subtotal());
			tax = tax.add(line.tax());
		}
		BigDecimal shippingCharge = new BigDecimal(shipping).setScale(scale);
		return new Order(UUID.randomUUID(), "OF-1", null, "T-1", null, currency, null, null, null, null,
				new Totals(net, tax, shippingCharge, net.add(tax).add(shippingCharge)), OrderStatus.APPROVED, null,
				"test", null, null, 0, List.of(lines));
	}

}
