package io.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.order.Quantities;
import org.camunda.bpm.engine.ProcessEngine;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What must hold after every scenario, whatever it did: quantities add up, totals add up, every
 * order has exactly one lifecycle, money reconciles (captured − refunded = invoiced − credited, never captured
 * beyond what was authorized), stock is reserved exactly for open fulfillment orders, returned quantities are
 * what the return orders hold, no job is left failing, and every event recorded is valid against its JSON Schema.
 */
public final class Invariants {

	private Invariants() {
	}

	public static void assertHold(JdbcClient jdbc, ProcessEngine engine) {
		jdbc.sql("""
				select order_id, line_number, qty_ordered, qty_canceled, qty_allocated, qty_fulfilled,
				  qty_return_initiated, qty_returned, qty_reshipped from order_line""").query(rs -> {
			Quantities q = new Quantities(rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
					rs.getInt(8), rs.getInt(9));
			assertThat(q.consistent()).as("quantities of order %s line %s: %s", rs.getObject(1), rs.getInt(2), q)
				.isTrue();
		});
		List<Map<String, Object>> mismatches = jdbc.sql("""
				select o.order_number from orders o
				where o.grand_total <> o.lines_subtotal + o.tax_total + o.shipping_charge
				   or o.lines_subtotal <> (select sum(l.line_subtotal) from order_line l where l.order_id = o.id)
				   or o.tax_total <> (select sum(l.line_tax) from order_line l where l.order_id = o.id)""")
			.query()
			.listOfRows();
		assertThat(mismatches).as("orders whose totals do not add up").isEmpty();
		// one query over the engine's history, not one per order: the suite's orders pile up in the shared database
		List<Map<String, Object>> notOneLifecycle = jdbc.sql("""
				select o.order_number, coalesce(p.lifecycles, 0) as lifecycles from orders o
				left join (select business_key_, count(*) as lifecycles from act_hi_procinst
				           where proc_def_key_ = :key group by business_key_) p on p.business_key_ = o.order_number
				where coalesce(p.lifecycles, 0) <> 1""")
			.param("key", OrderProcess.LifecycleProcess.KEY)
			.query()
			.listOfRows();
		assertThat(notOneLifecycle).as("orders without exactly one lifecycle").isEmpty();
		BigDecimal overCaptured = jdbc.sql("""
				select count(*) from orders o where
				  (select coalesce(sum(t.amount), 0) from payment_transaction t
				   where t.order_id = o.id and t.type = 'CAPTURE' and t.status = 'SUCCEEDED')
				  > (select coalesce(sum(a.amount), 0) from payment_authorization a where a.order_id = o.id)""")
			.query(BigDecimal.class)
			.single();
		assertThat(overCaptured).as("orders captured beyond their authorization").isZero();
		List<Map<String, Object>> unreconciled = jdbc.sql("""
				select o.order_number from orders o where
				  (select coalesce(sum(case when t.type = 'CAPTURE' then t.amount else -t.amount end), 0)
				   from payment_transaction t
				   where t.order_id = o.id and t.type in ('CAPTURE', 'REFUND') and t.status = 'SUCCEEDED')
				  <> (select coalesce(sum(i.total_amount), 0) from invoice i where i.order_id = o.id and i.status = 'ISSUED')
				   - (select coalesce(sum(c.total_amount), 0) from credit_memo c where c.order_id = o.id and c.status = 'ISSUED')""")
			.query()
			.listOfRows();
		assertThat(unreconciled).as("orders whose captures minus refunds differ from their invoices minus credit memos").isEmpty();
		List<Map<String, Object>> misreserved = jdbc.sql("""
				select s.location_id, s.sku, s.reserved from stock s
				where exists (select 1 from order_line ol where ol.sku = s.sku) and s.reserved <>
				  (select coalesce(sum(l.quantity), 0) from fulfillment_order_line l
				   join fulfillment_order f on f.id = l.fulfillment_order_id
				   where f.location_id = s.location_id and l.sku = s.sku
				     and f.status in ('CREATED', 'RELEASED', 'PICKED', 'PACKED'))""")
			.query()
			.listOfRows();
		assertThat(misreserved).as("stock reserved other than by open fulfillment orders").isEmpty();
		// reshipments: free of charge, and the order lines' reshipped is what their fulfillment orders shipped
		List<Map<String, Object>> chargedReshipments = jdbc.sql("""
				select f.number from fulfillment_order f where f.reshipment_id is not null and (
				  exists (select 1 from invoice i where i.fulfillment_order_id = f.id)
				  or exists (select 1 from payment_transaction t where t.order_id = f.order_id
				    and t.idempotency_key = concat('capture:', cast(f.id as varchar(36)))))""")
			.query()
			.listOfRows();
		assertThat(chargedReshipments).as("reshipment fulfillment orders invoiced or captured").isEmpty();
		List<Map<String, Object>> misreshipped = jdbc.sql("""
				select ol.order_id, ol.line_number, ol.qty_reshipped from order_line ol where ol.qty_reshipped <>
				  (select coalesce(sum(l.quantity), 0) from fulfillment_order_line l
				   join fulfillment_order f on f.id = l.fulfillment_order_id
				   where f.order_id = ol.order_id and l.line_number = ol.line_number and f.reshipment_id is not null
				     and f.status in ('SHIPPED', 'DELIVERED'))""")
			.query()
			.listOfRows();
		assertThat(misreshipped).as("order lines whose reshipped differs from what reshipments shipped").isEmpty();
		// returns: the lines' returnInitiated and returned are what the return orders hold (approved ones their units,
		// received ones what came), plus the units of undelivered parcels to be refunded (held while the parcel travels
		// back, a reshipment's only once it is back) and back at the sender (or given up as lost on the way back); a refunded return's refund is its issued
		// credit memo; only resellable units restocked
		List<Map<String, Object>> misreturned = jdbc.sql("""
				select ol.order_id, ol.line_number, ol.qty_return_initiated, ol.qty_returned from order_line ol where
				  ol.qty_return_initiated <> (select coalesce(sum(case when r.status = 'APPROVED' then l.quantity
				      else l.received end), 0) from return_order_line l join return_order r on r.id = l.return_order_id
				    where r.order_id = ol.order_id and l.line_number = ol.line_number
				      and r.status in ('APPROVED', 'RECEIVED', 'REFUNDED'))
				    + (select coalesce(sum(x.quantity), 0) from exchange_line x join exchange e on e.id = x.exchange_id
				    where e.order_id = ol.order_id and x.line_number = ol.line_number
				      and e.status in ('APPROVED', 'RECEIVED', 'COMPLETED'))
				    + (select coalesce(sum(fl.quantity), 0) from delivery_failure d
				      join fulfillment_order f on f.id = d.fulfillment_order_id
				      join fulfillment_order_line fl on fl.fulfillment_order_id = f.id
				      where d.order_id = ol.order_id and fl.line_number = ol.line_number and (d.status in ('RETURNED',
				        'NOT_RETURNED', 'REFUNDED') or (d.status = 'AWAITING_RETURN' and f.reshipment_id is null)))
				  or ol.qty_returned <> (select coalesce(sum(l.received), 0) from return_order_line l
				    join return_order r on r.id = l.return_order_id
				    where r.order_id = ol.order_id and l.line_number = ol.line_number
				      and r.status in ('RECEIVED', 'REFUNDED'))
				    + (select coalesce(sum(x.quantity), 0) from exchange_line x join exchange e on e.id = x.exchange_id
				    where e.order_id = ol.order_id and x.line_number = ol.line_number
				      and e.status in ('RECEIVED', 'COMPLETED'))
				    + (select coalesce(sum(fl.quantity), 0) from delivery_failure d
				      join fulfillment_order_line fl on fl.fulfillment_order_id = d.fulfillment_order_id
				      where d.order_id = ol.order_id and fl.line_number = ol.line_number
				        and d.status in ('RETURNED', 'NOT_RETURNED', 'REFUNDED'))""")
			.query()
			.listOfRows();
		assertThat(misreturned).as("order lines whose returnInitiated or returned differ from their return orders and exchanges")
			.isEmpty();
		List<Map<String, Object>> misrefunded = jdbc.sql("""
				select r.rma_number from return_order r where r.status = 'REFUNDED' and r.credit_memo_number is not null
				  and not exists (select 1 from credit_memo c where c.order_id = r.order_id
				    and c.source_key = concat('return:', cast(r.id as varchar(36))) and c.status = 'ISSUED'
				    and c.credit_memo_number = r.credit_memo_number and c.total_amount = r.refund_amount)""")
			.query()
			.listOfRows();
		assertThat(misrefunded).as("refunded returns whose refund is not their issued credit memo").isEmpty();
		List<Map<String, Object>> overRestocked = jdbc.sql("""
				select l.return_order_id, l.line_number from return_order_line l
				where l.restocked > coalesce(l.resellable, 0)""")
			.query()
			.listOfRows();
		assertThat(overRestocked).as("return lines restocked beyond their resellable units").isEmpty();
		// exchanges: an approved one's replacement is exactly one line of its order, marked with it; a requested or
		// rejected one has none (an expired one keeps it, canceled or shipped); what its returned units are credited never exceeds what they were paid for
		List<Map<String, Object>> misexchanged = jdbc.sql("""
				select e.id, e.status from exchange e where
				  (select count(*) from order_line ol where ol.exchange_id = e.id) <>
				    case when e.status in ('APPROVED', 'RECEIVED', 'COMPLETED', 'EXPIRED') then 1 else 0 end
				  or (e.replacement_line_number is not null and not exists (select 1 from order_line ol
				    where ol.order_id = e.order_id and ol.line_number = e.replacement_line_number and ol.exchange_id = e.id))
				  or (select coalesce(sum(p.amount), 0) from pending_credit p
				      where p.source_key like concat('exchange:', cast(e.id as varchar(36)), ':%'))
				    + (select coalesce(sum(c.total_amount), 0) from credit_memo c
				      where c.source_key = concat('exchange:', cast(e.id as varchar(36)), ':difference'))
				    > e.returned_value""")
			.query()
			.listOfRows();
		assertThat(misexchanged).as("exchanges whose replacement line or credit does not match them").isEmpty();
		// undelivered parcels: refunded once, by their issued credit memo; a fulfillment order undelivered exactly when
		// its parcel was given up or came back
		List<Map<String, Object>> misrefundedParcels = jdbc.sql("""
				select d.shipment_id from delivery_failure d where d.status = 'REFUNDED' and not exists (
				  select 1 from credit_memo c where c.order_id = d.order_id
				    and c.source_key = concat('undelivered:', cast(d.fulfillment_order_id as varchar(36)))
				    and c.status = 'ISSUED' and c.credit_memo_number = d.credit_memo_number
				    and c.total_amount = d.refund_amount)""")
			.query()
			.listOfRows();
		assertThat(misrefundedParcels).as("refunded parcels whose refund is not their issued credit memo").isEmpty();
		List<Map<String, Object>> misundelivered = jdbc.sql("""
				select f.number from fulfillment_order f
				where case when f.status = 'UNDELIVERED' then 1 else 0 end <> (select count(*) from delivery_failure d
				  where d.fulfillment_order_id = f.id and d.status in ('RESHIPPED', 'RETURNED', 'NOT_RETURNED', 'REFUNDED'))""")
			.query()
			.listOfRows();
		assertThat(misundelivered).as("fulfillment orders UNDELIVERED other than by a parcel given up or back").isEmpty();
		assertThat(engine.getManagementService().createJobQuery().withException().list())
			.as("jobs left failing")
			.isEmpty();
		assertThat(engine.getRuntimeService().createIncidentQuery().list()).as("open incidents").isEmpty();
		// every variable any process ever held is a string, a number, a boolean or JSON: never Java-serialized
		assertThat(jdbc.sql("select distinct proc_def_key_, name_ from act_hi_varinst where var_type_ = 'serializable'")
			.query()
			.listOfRows()).as("Java-serialized process variables").isEmpty();
		EventSchemas.assertRecordedEventsValid(jdbc);
	}

}
