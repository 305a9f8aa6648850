package io.orderflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;

/**
 * The amounts of the invoice for what one fulfillment order shipped, given the invoices the order already
 * has. The rule that makes the invoices of a fully shipped order add up exactly to its grand total:
 * <ul>
 * <li>net = quantity × unit price;</li>
 * <li>tax: each invoice takes the line's tax in proportion to the quantity invoiced so far, rounded
 * half-up to the currency, minus what earlier invoices took; the invoice that completes the line's net
 * ordered quantity therefore takes exactly the remainder of the line's tax;</li>
 * <li>shipping: the order's first invoice takes the whole shipping charge, the later ones none of it. Shipping is
 * earned with the first shipment, so what the customer pays for it does not depend on when units are canceled
 * (before, between or after the shipments): only an order canceled entirely before anything shipped is not
 * charged for shipping ({@link #chargeable}).</li>
 * </ul>
 * Rounding the running tax rather than each share keeps every invoice within one minor unit of its exact
 * share of tax and never makes a share negative.
 */
final class InvoiceCalculator {

	record Amounts(List<Invoice.Line> lines, BigDecimal net, BigDecimal tax, BigDecimal shipping, BigDecimal total) {
	}

	private InvoiceCalculator() {
	}

	/**
	 * @param order the order, with its lines' current quantities
	 * @param earlier the order's invoices so far (drafts included: their amounts are fixed)
	 * @param shipped what the fulfillment order shipped
	 * @throws IllegalArgumentException when a line does not exist, a quantity is not positive, a line is
	 * named twice or more would be invoiced than the line's net ordered quantity
	 */
	static Amounts calculate(Order order, List<Invoice> earlier, List<InvoiceLine> shipped) {
		String currency = order.currency();
		int scale = Money.scale(currency);
		Map<Integer, Integer> quantities = quantities(shipped);
		Map<Integer, OrderLine> orderLines = new HashMap<>();
		order.lines().forEach(line -> orderLines.put(line.lineNumber(), line));

		Map<Integer, Integer> invoicedQuantity = new HashMap<>();
		Map<Integer, BigDecimal> invoicedTax = new HashMap<>();
		for (Invoice invoice : earlier) {
			for (Invoice.Line line : invoice.lines()) {
				invoicedQuantity.merge(line.lineNumber(), line.quantity(), Integer::sum);
				invoicedTax.merge(line.lineNumber(), line.taxAmount(), BigDecimal::add);
			}
		}

		List<Invoice.Line> lines = new ArrayList<>();
		BigDecimal net = Money.zero(currency);
		BigDecimal tax = Money.zero(currency);
		for (Map.Entry<Integer, Integer> entry : quantities.entrySet()) {
			int lineNumber = entry.getKey();
			int quantity = entry.getValue();
			OrderLine orderLine = orderLines.get(lineNumber);
			if (orderLine == null) {
				throw new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + lineNumber);
			}
			int netOrdered = orderLine.quantities().netOrdered();
			int before = invoicedQuantity.getOrDefault(lineNumber, 0);
			int after = before + quantity;
			if (after > netOrdered) {
				throw new IllegalArgumentException("Line " + lineNumber + " of order " + order.orderNumber() + ": "
						+ before + " invoiced and " + quantity + " more exceed the " + netOrdered + " net ordered");
			}
			BigDecimal lineTax = lineTax(orderLine, scale);
			BigDecimal taxSoFar = after == netOrdered ? lineTax
					: lineTax.multiply(BigDecimal.valueOf(after))
						.divide(BigDecimal.valueOf(netOrdered), scale, RoundingMode.HALF_UP);
			BigDecimal lineNet = orderLine.unitPrice().multiply(BigDecimal.valueOf(quantity)).setScale(scale);
			BigDecimal taxShare = taxSoFar.subtract(invoicedTax.getOrDefault(lineNumber, BigDecimal.ZERO))
				.setScale(scale);
			lines.add(new Invoice.Line(lineNumber, orderLine.id(), orderLine.sku(), quantity, orderLine.unitPrice(),
					lineNet, taxShare, lineNet.add(taxShare)));
			net = net.add(lineNet);
			tax = tax.add(taxShare);
			invoicedQuantity.put(lineNumber, after);
		}

		// the whole shipping charge with the first invoice, whatever is canceled before, between or after
		BigDecimal shipping = earlier.isEmpty() ? order.totals().shipping().setScale(scale) : Money.zero(currency);
		return new Amounts(List.copyOf(lines), net, tax, shipping, net.add(tax).add(shipping));
	}

	/**
	 * What the order's invoices add up to once everything not canceled has shipped: every line's net
	 * ordered quantity with its tax (as the invoices take it) and the shipping charge, or nothing when every
	 * line is canceled. A line with anything invoiced keeps its invoiced units (shipped units are never
	 * canceled), so an order with an invoice always keeps its shipping charge: the first invoice took it.
	 */
	static BigDecimal chargeable(Order order) {
		return chargeable(order, Map.of());
	}

	/**
	 * {@link #chargeable(Order)} as it would be with {@code canceled} units (per line number) canceled too, each
	 * line at most down to nothing: what a cancellation would leave to charge.
	 */
	static BigDecimal chargeable(Order order, Map<Integer, Integer> canceled) {
		int scale = Money.scale(order.currency());
		BigDecimal total = Money.zero(order.currency());
		boolean anything = false;
		for (OrderLine line : order.lines()) {
			int net = Math.max(0, line.quantities().netOrdered() - canceled.getOrDefault(line.lineNumber(), 0));
			if (net > 0) {
				anything = true;
				total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(net)).setScale(scale))
					.add(lineTax(line, net, scale));
			}
		}
		return anything ? total.add(order.totals().shipping()).setScale(scale) : total;
	}

	/** The tax of the line's net ordered quantity: the order's line tax unless part of the line was canceled. */
	private static BigDecimal lineTax(OrderLine line, int scale) {
		return lineTax(line, line.quantities().netOrdered(), scale);
	}

	/** The tax of {@code units} of the line: the order's line tax for all it ordered, else the rate on their net. */
	private static BigDecimal lineTax(OrderLine line, int units, int scale) {
		if (units == line.quantities().ordered()) {
			return line.tax();
		}
		return line.unitPrice()
			.multiply(BigDecimal.valueOf(units))
			.multiply(line.taxRate())
			.setScale(scale, RoundingMode.HALF_UP);
	}

	/** The shipped quantities by line number; each line may be named once, with a positive quantity. */
	static Map<Integer, Integer> quantities(List<InvoiceLine> shipped) {
		if (shipped == null || shipped.isEmpty()) {
			throw new IllegalArgumentException("A fulfillment order ships at least one line");
		}
		Map<Integer, Integer> quantities = new TreeMap<>();
		for (InvoiceLine line : shipped) {
			if (line.quantity() <= 0) {
				throw new IllegalArgumentException(
						"Line " + line.lineNumber() + ": quantity must be positive, not " + line.quantity());
			}
			if (quantities.put(line.lineNumber(), line.quantity()) != null) {
				throw new IllegalArgumentException("Line " + line.lineNumber() + " is named twice");
			}
		}
		return quantities;
	}

}
