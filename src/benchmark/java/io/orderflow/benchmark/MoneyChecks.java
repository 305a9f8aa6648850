package io.orderflow.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What must hold for the money and the goods after a run, however many nodes took part and whichever of them died:
 * every order's captures are what it was invoiced, the payment provider holds the same captures as Orderflow's
 * ledger, nothing is captured beyond its authorization, no invoice is captured twice, every shipped fulfillment order
 * is invoiced exactly once, no fulfillment order is shipped twice and no unit goes out twice. The same SQL ideas as
 * the tests' invariants (src/test/java, testsupport.Invariants), over every order in the benchmark's database, read
 * from the tables alone. A failed check is a bug, not a slow run: the benchmark then exits non-zero.
 */
final class MoneyChecks {

	/** Examples of failures printed and written per check. */
	private static final int EXAMPLES = 5;

	private MoneyChecks() {
	}

	/** One check: what it checked ({@code checked} of {@code what}), how many failed and a few of them. */
	record Check(String name, String description, String what, long checked, long failed, List<String> examples,
			boolean skipped) {

		boolean passed() {
			return skipped || failed == 0;
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("name", name);
			json.put("description", description);
			json.put("result", skipped ? "skipped" : passed() ? "pass" : "fail");
			json.put("checked", checked);
			json.put("checkedWhat", what);
			json.put("failed", failed);
			json.put("examples", examples);
			return json;
		}

		String line() {
			String result = skipped ? "skipped" : passed() ? "pass" : "FAIL";
			return String.format("%-7s %-34s %s", result, name,
					skipped ? description + " (not the sandbox payment provider: nothing to compare)"
							: passed() ? String.format("%,d %s", checked, what)
									: String.format("%,d of %,d %s, e.g. %s", failed, checked, what, examples));
		}

	}

	/** The checks' results. */
	record Result(List<Check> checks, double seconds) {

		boolean passed() {
			return checks.stream().allMatch(Check::passed);
		}

		long failed() {
			return checks.stream().filter(check -> !check.passed()).count();
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("passed", passed());
			json.put("failedChecks", failed());
			json.put("seconds", Benchmark.round(seconds, 2));
			json.put("checks", checks.stream().map(Check::json).toList());
			return json;
		}

		void print() {
			System.out.println("Money checks (every order in the database): " + (passed() ? "all passed"
					: failed() + " FAILED"));
			checks.forEach(check -> System.out.println("  " + check.line()));
		}

	}

	static Result run(JdbcTemplate jdbc) {
		long started = System.nanoTime();
		long orders = count(jdbc, "select count(*) from orders");
		long invoices = count(jdbc, "select count(*) from invoice where status = 'ISSUED'");
		long shipped = count(jdbc, """
				select count(*) from fulfillment_order
				where reshipment_id is null and status in ('SHIPPED', 'DELIVERED', 'UNDELIVERED')""");
		long fulfillmentOrders = count(jdbc, "select count(*) from fulfillment_order");
		long lines = count(jdbc, "select count(*) from order_line");
		boolean sandbox = count(jdbc, "select count(*) from sandbox_gateway_authorization") > 0
				|| count(jdbc, "select count(*) from payment_authorization") == 0;
		List<Check> checks = new ArrayList<>();
		checks.add(check(jdbc, "capturedEqualsInvoiced",
				"captured - refunded = invoiced (issued invoices) - credited (issued credit memos), per order", "orders",
				orders, """
						select o.order_number from orders o where
						  (select coalesce(sum(case when t.type = 'CAPTURE' then t.amount else -t.amount end), 0)
						   from payment_transaction t
						   where t.order_id = o.id and t.type in ('CAPTURE', 'REFUND') and t.status = 'SUCCEEDED')
						  <> (select coalesce(sum(i.total_amount), 0) from invoice i where i.order_id = o.id and i.status = 'ISSUED')
						   - (select coalesce(sum(c.total_amount), 0) from credit_memo c where c.order_id = o.id and c.status = 'ISSUED')
						order by o.order_number"""));
		if (sandbox) {
			checks.add(check(jdbc, "providerCapturedEqualsLedger",
					"what the payment provider captured less refunded = what Orderflow's ledger says, per order", "orders",
					orders, """
							select o.order_number from orders o where
							  (select coalesce(sum(c.amount - c.refunded), 0) from sandbox_gateway_capture c
							   join payment_authorization a on a.gateway_reference = c.authorization_reference
							   where a.order_id = o.id)
							  <> (select coalesce(sum(case when t.type = 'CAPTURE' then t.amount else -t.amount end), 0)
							   from payment_transaction t
							   where t.order_id = o.id and t.type in ('CAPTURE', 'REFUND') and t.status = 'SUCCEEDED')
							order by o.order_number"""));
		}
		else {
			checks.add(new Check("providerCapturedEqualsLedger",
					"what the payment provider captured = what Orderflow's ledger says", "orders", 0, 0, List.of(), true));
		}
		checks.add(check(jdbc, "capturedWithinAuthorized", "captures never exceed the order's authorizations", "orders",
				orders, """
						select o.order_number from orders o where
						  (select coalesce(sum(t.amount), 0) from payment_transaction t
						   where t.order_id = o.id and t.type = 'CAPTURE' and t.status = 'SUCCEEDED')
						  > (select coalesce(sum(a.amount), 0) from payment_authorization a where a.order_id = o.id)
						order by o.order_number"""));
		checks.add(check(jdbc, "invoiceCapturedOnce",
				"no invoice captured twice, neither in Orderflow's ledger nor at the payment provider", "issued invoices",
				invoices, """
						select i.invoice_number from invoice i where
						  (select count(*) from payment_transaction t where t.type = 'CAPTURE' and t.status = 'SUCCEEDED'
						   and t.order_id = i.order_id and t.document_number = i.invoice_number) > 1
						  or (select count(*) from sandbox_gateway_capture c where c.invoice_number = i.invoice_number) > 1
						order by i.invoice_number"""));
		checks.add(check(jdbc, "shippedInvoicedOnce",
				"every shipped fulfillment order (not a free reshipment) has exactly one issued invoice",
				"shipped fulfillment orders", shipped, """
						select f.number from fulfillment_order f
						where f.reshipment_id is null and f.status in ('SHIPPED', 'DELIVERED', 'UNDELIVERED')
						  and (select count(*) from invoice i where i.fulfillment_order_id = f.id and i.status = 'ISSUED') <> 1
						order by f.number"""));
		checks.add(check(jdbc, "fulfillmentOrderShippedOnce",
				"no fulfillment order handed to the carrier twice (a parcel after a failed delivery aside)",
				"fulfillment orders", fulfillmentOrders, """
						select f.number from fulfillment_order f
						where (select count(*) from shipment s
						       where s.fulfillment_order_id = f.id and s.status <> 'DELIVERY_FAILED') > 1
						order by f.number"""));
		checks.add(check(jdbc, "unitsShippedOnce",
				"no order line ships more units than were ordered and not canceled (reshipments aside)", "order lines",
				lines, """
						select concat(o.order_number, '/', ol.line_number) from order_line ol join orders o on o.id = ol.order_id
						where ol.qty_fulfilled > ol.qty_ordered - ol.qty_canceled
						   or (select coalesce(sum(l.quantity), 0) from fulfillment_order_line l
						       join fulfillment_order f on f.id = l.fulfillment_order_id
						       where f.order_id = ol.order_id and l.line_number = ol.line_number and f.reshipment_id is null
						         and f.status in ('SHIPPED', 'DELIVERED', 'UNDELIVERED'))
						      > ol.qty_ordered - ol.qty_canceled
						order by 1"""));
		return new Result(List.copyOf(checks), OrderflowLoad.seconds(System.nanoTime() - started));
	}

	private static Check check(JdbcTemplate jdbc, String name, String description, String what, long checked,
			String failuresSql) {
		List<String> failures = jdbc.queryForList(failuresSql, String.class);
		return new Check(name, description, what, checked, failures.size(),
				List.copyOf(failures.subList(0, Math.min(EXAMPLES, failures.size()))), false);
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return count == null ? 0 : count;
	}

}
