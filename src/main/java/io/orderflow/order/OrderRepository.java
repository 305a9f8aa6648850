package io.orderflow.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over the order tables: orders, order_line, order_timeline. */
@Repository
class OrderRepository {

	private static final String ORDER_COLUMNS = """
			id, order_number, channel, external_reference, customer_id, customer_email, customer_name, customer_language,
			currency, ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_region, ship_country, ship_phone,
			bill_name, bill_line1, bill_line2, bill_postal_code, bill_city, bill_region, bill_country, bill_phone,
			delivery_method, payment_method, lines_subtotal, tax_total, shipping_charge, grand_total, status,
			process_instance_id, created_by, created_at, updated_at, version""";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, String orderNumber, NewOrder order, OrderStatus status, String createdBy,
			OffsetDateTime now) {
		jdbc.sql("""
				insert into orders (id, order_number, channel, external_reference, customer_id, customer_email,
				  customer_name, customer_language, currency,
				  ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_region, ship_country, ship_phone,
				  bill_name, bill_line1, bill_line2, bill_postal_code, bill_city, bill_region, bill_country, bill_phone,
				  delivery_method, payment_method, payment_token, lines_subtotal, tax_total, shipping_charge,
				  grand_total, status, created_by, created_at, updated_at, version)
				values (:id, :orderNumber, :channel, :externalReference, :customerId, :customerEmail,
				  :customerName, :customerLanguage, :currency,
				  :shipName, :shipLine1, :shipLine2, :shipPostalCode, :shipCity, :shipRegion, :shipCountry, :shipPhone,
				  :billName, :billLine1, :billLine2, :billPostalCode, :billCity, :billRegion, :billCountry, :billPhone,
				  :deliveryMethod, :paymentMethod, :paymentToken, :linesSubtotal, :taxTotal, :shippingCharge,
				  :grandTotal, :status, :createdBy, :now, :now, 0)""")
			.param("id", id)
			.param("orderNumber", orderNumber)
			.param("channel", order.channel().name())
			.param("externalReference", order.externalReference())
			.param("customerId", order.customer().id())
			.param("customerEmail", order.customer().email())
			.param("customerName", order.customer().name())
			.param("customerLanguage", order.customer().language())
			.param("currency", order.currency())
			.params(addressParams("ship", order.shippingAddress()))
			.params(addressParams("bill", order.billingAddress()))
			.param("deliveryMethod", order.deliveryMethod().name())
			.param("paymentMethod", order.paymentMethod().name())
			.param("paymentToken", order.paymentToken())
			.param("linesSubtotal", order.totals().lines())
			.param("taxTotal", order.totals().tax())
			.param("shippingCharge", order.totals().shipping())
			.param("grandTotal", order.totals().grandTotal())
			.param("status", status.name())
			.param("createdBy", createdBy)
			.param("now", now)
			.update();
		int lineNumber = 0;
		for (NewOrder.NewOrderLine line : order.lines()) {
			lineNumber++;
			jdbc.sql("""
					insert into order_line (id, order_id, line_number, sku, name, unit_price, tax_rate, line_subtotal,
					  line_tax, line_total, qty_ordered)
					values (:id, :orderId, :lineNumber, :sku, :name, :unitPrice, :taxRate, :subtotal, :tax, :total,
					  :quantity)""")
				.param("id", UUID.randomUUID())
				.param("orderId", id)
				.param("lineNumber", lineNumber)
				.param("sku", line.sku())
				.param("name", line.name())
				.param("unitPrice", line.unitPrice())
				.param("taxRate", line.taxRate())
				.param("subtotal", line.subtotal())
				.param("tax", line.tax())
				.param("total", line.total())
				.param("quantity", line.quantity())
				.update();
		}
	}

	/**
	 * Adds a line to the order (an exchange's replacement, {@code exchangeId}) with the next line number and adds
	 * its amounts to the order's totals. @return its line number
	 */
	int insertExchangeLine(UUID orderId, UUID exchangeId, String sku, String name, BigDecimal unitPrice,
			BigDecimal taxRate, BigDecimal subtotal, BigDecimal tax, int quantity, OffsetDateTime now) {
		int lineNumber = jdbc.sql("select coalesce(max(line_number), 0) + 1 from order_line where order_id = :orderId")
			.param("orderId", orderId)
			.query(Integer.class)
			.single();
		jdbc.sql("""
				insert into order_line (id, order_id, line_number, sku, name, unit_price, tax_rate, line_subtotal,
				  line_tax, line_total, qty_ordered, exchange_id)
				values (:id, :orderId, :lineNumber, :sku, :name, :unitPrice, :taxRate, :subtotal, :tax, :total,
				  :quantity, :exchangeId)""")
			.param("id", UUID.randomUUID())
			.param("orderId", orderId)
			.param("lineNumber", lineNumber)
			.param("sku", sku)
			.param("name", name)
			.param("unitPrice", unitPrice)
			.param("taxRate", taxRate)
			.param("subtotal", subtotal)
			.param("tax", tax)
			.param("total", subtotal.add(tax))
			.param("quantity", quantity)
			.param("exchangeId", exchangeId)
			.update();
		jdbc.sql("""
				update orders set lines_subtotal = lines_subtotal + :subtotal, tax_total = tax_total + :tax,
				  grand_total = grand_total + :total, updated_at = :now, version = version + 1
				where id = :orderId""")
			.param("subtotal", subtotal)
			.param("tax", tax)
			.param("total", subtotal.add(tax))
			.param("now", now)
			.param("orderId", orderId)
			.update();
		return lineNumber;
	}

	/** Replaces the order's shipping address; callers hold the order's lock. */
	void updateShippingAddress(UUID orderId, Address address, OffsetDateTime now) {
		jdbc.sql("""
				update orders set ship_name = :shipName, ship_line1 = :shipLine1, ship_line2 = :shipLine2,
				  ship_postal_code = :shipPostalCode, ship_city = :shipCity, ship_region = :shipRegion,
				  ship_country = :shipCountry, ship_phone = :shipPhone, updated_at = :now, version = version + 1
				where id = :id""")
			.params(addressParams("ship", address))
			.param("now", now)
			.param("id", orderId)
			.update();
	}

	private static Map<String, Object> addressParams(String prefix, Address address) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put(prefix + "Name", address.name());
		params.put(prefix + "Line1", address.line1());
		params.put(prefix + "Line2", address.line2());
		params.put(prefix + "PostalCode", address.postalCode());
		params.put(prefix + "City", address.city());
		params.put(prefix + "Region", address.region());
		params.put(prefix + "Country", address.country());
		params.put(prefix + "Phone", address.phone());
		return params;
	}

	Optional<Order> findById(UUID id) {
		return jdbc.sql("select " + ORDER_COLUMNS + " from orders where id = :id")
			.param("id", id)
			.query(this::mapOrderWithoutLines)
			.optional()
			.map(this::withLines);
	}

	/** The orders with these ids, with their lines, in two queries; ids of no order are left out. */
	List<Order> findAllById(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Order> orders = jdbc.sql("select " + ORDER_COLUMNS + " from orders where id in (:ids)")
			.param("ids", ids)
			.query(this::mapOrderWithoutLines)
			.list();
		Map<UUID, List<OrderLine>> lines = linesOf(orders.stream().map(Order::id).toList());
		return orders.stream().map(o -> withLines(o, lines.getOrDefault(o.id(), List.of()))).toList();
	}

	/** The id of the order with this id or (id null) this number, if there is one. */
	Optional<UUID> idOf(UUID id, String orderNumber) {
		var query = id != null ? jdbc.sql("select id from orders where id = :id").param("id", id)
				: jdbc.sql("select id from orders where order_number = :number").param("number", orderNumber);
		return query.query((rs, row) -> rs.getObject("id", UUID.class)).optional();
	}

	Optional<Order> findByNumber(String orderNumber) {
		return jdbc.sql("select " + ORDER_COLUMNS + " from orders where order_number = :number")
			.param("number", orderNumber)
			.query(this::mapOrderWithoutLines)
			.optional()
			.map(this::withLines);
	}

	Optional<Order> findByReference(Channel channel, String externalReference) {
		return jdbc.sql("select " + ORDER_COLUMNS + " from orders where channel = :channel and external_reference = :ref")
			.param("channel", channel.name())
			.param("ref", externalReference)
			.query(this::mapOrderWithoutLines)
			.optional()
			.map(this::withLines);
	}

	OrderPage search(OrderSearch search, int page, int size, int exactUpTo) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new LinkedHashMap<>();
		if (search.orderNumber() != null) {
			where.append(" and order_number = :orderNumber");
			params.put("orderNumber", search.orderNumber());
		}
		if (search.externalReference() != null) {
			where.append(" and external_reference = :externalReference");
			params.put("externalReference", search.externalReference());
		}
		if (search.customerEmail() != null) {
			where.append(" and customer_email = :customerEmail");
			params.put("customerEmail", search.customerEmail().toLowerCase());
		}
		if (search.status() != null) {
			where.append(" and status = :status");
			params.put("status", search.status().name());
		}
		if (search.channel() != null) {
			where.append(" and channel = :channel");
			params.put("channel", search.channel().name());
		}
		if (search.createdFrom() != null) {
			where.append(" and created_at >= :createdFrom");
			params.put("createdFrom", search.createdFrom());
		}
		if (search.createdTo() != null) {
			where.append(" and created_at < :createdTo");
			params.put("createdTo", search.createdTo());
		}
		if (search.customerName() != null) {
			where.append(" and lower(customer_name) like :customerName");
			params.put("customerName", "%" + search.customerName().toLowerCase(java.util.Locale.ROOT)
				.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (search.updatedSince() != null) {
			where.append(" and updated_at >= :updatedSince");
			params.put("updatedSince", search.updatedSince());
		}
		List<Order> orders = jdbc
			.sql("select " + ORDER_COLUMNS + " from orders" + where
					+ (search.updatedSince() == null ? " order by created_at desc, order_number desc"
							: " order by updated_at, order_number")
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(this::mapOrderWithoutLines)
			.list();
		Map<UUID, List<OrderLine>> lines = linesOf(orders.stream().map(Order::id).toList());
		List<Order> withLines = orders.stream().map(o -> withLines(o, lines.getOrDefault(o.id(), List.of()))).toList();
		return OrderPage.of(withLines, page, size, exactUpTo, upTo -> jdbc
			.sql("select count(*) from (select 1 from orders" + where + " limit :upTo) matches")
			.params(params)
			.param("upTo", upTo)
			.query(Long.class)
			.single());
	}

	/** The lifecycles of open orders with units of the SKU that no location was found for yet, oldest first. */
	List<String> lifecyclesWaitingFor(Collection<String> skus) {
		return jdbc.sql("""
				select c.process_instance_id from orders o join order_lifecycles c on c.order_id = o.id
				where o.status not in ('RECEIVED', 'ON_HOLD', 'REJECTED', 'CANCELED', 'COMPLETED', 'DELIVERED')
				  and exists (select 1 from order_line l where l.order_id = o.id and l.sku in (:skus)
				              and l.qty_ordered - l.qty_canceled - l.qty_allocated > 0)
				order by o.created_at, o.order_number""")
			.param("skus", skus)
			.query(String.class)
			.list();
	}

	/** Locks the order's row ({@code for update}); false when there is no such order. */
	boolean lock(UUID orderId) {
		return jdbc.sql("select id from orders where id = :id for update")
			.param("id", orderId)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.optional()
			.isPresent();
	}

	/**
	 * Records the order's one lifecycle; false when another process instance already holds it (the primary
	 * key of {@code order_lifecycles} refuses a second one, also when two start at once).
	 */
	boolean claimLifecycle(UUID orderId, String processInstanceId, OffsetDateTime now) {
		String holder = jdbc.sql("select process_instance_id from order_lifecycles where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.optional()
			.orElse(null);
		if (holder != null) {
			return holder.equals(processInstanceId);
		}
		try {
			jdbc.sql("insert into order_lifecycles (order_id, process_instance_id, started_at) values (:id, :pi, :now)")
				.param("id", orderId)
				.param("pi", processInstanceId)
				.param("now", now)
				.update();
			return true;
		}
		catch (DuplicateKeyException taken) {
			return false;
		}
	}

	void updateProcessInstance(UUID orderId, String processInstanceId, OffsetDateTime now) {
		jdbc.sql("update orders set process_instance_id = :pi, updated_at = :now, version = version + 1 where id = :id")
			.param("pi", processInstanceId)
			.param("now", now)
			.param("id", orderId)
			.update();
	}

	/**
	 * Adds the deltas to one line's quantities. The check constraint on order_line refuses any result
	 * that does not add up ({@link org.springframework.dao.DataIntegrityViolationException}).
	 */
	int changeLineQuantities(UUID orderId, int lineNumber, QuantityChange change) {
		return jdbc.sql("""
				update order_line set
				  qty_canceled = qty_canceled + :canceled,
				  qty_allocated = qty_allocated + :allocated,
				  qty_fulfilled = qty_fulfilled + :fulfilled,
				  qty_return_initiated = qty_return_initiated + :returnInitiated,
				  qty_returned = qty_returned + :returned,
				  qty_reshipped = qty_reshipped + :reshipped
				where order_id = :orderId and line_number = :lineNumber""")
			.param("canceled", change.canceled())
			.param("allocated", change.allocated())
			.param("fulfilled", change.fulfilled())
			.param("returnInitiated", change.returnInitiated())
			.param("returned", change.returned())
			.param("reshipped", change.reshipped())
			.param("orderId", orderId)
			.param("lineNumber", lineNumber)
			.update();
	}

	/** Sets the status; returns the previous one, or null when the order does not exist. */
	OrderStatus updateStatus(UUID orderId, OrderStatus status, OffsetDateTime now) {
		OrderStatus previous = jdbc.sql("select status from orders where id = :id for update")
			.param("id", orderId)
			.query((rs, n) -> OrderStatus.valueOf(rs.getString(1)))
			.optional()
			.orElse(null);
		if (previous != null && previous != status) {
			jdbc.sql("update orders set status = :status, updated_at = :now, version = version + 1 where id = :id")
				.param("status", status.name())
				.param("now", now)
				.param("id", orderId)
				.update();
		}
		return previous;
	}

	void touch(UUID orderId, OffsetDateTime now) {
		jdbc.sql("update orders set updated_at = :now, version = version + 1 where id = :id")
			.param("now", now)
			.param("id", orderId)
			.update();
	}

	String paymentToken(UUID orderId) {
		return jdbc.sql("select payment_token from orders where id = :id").param("id", orderId).query(String.class).single();
	}

	/** When the order last entered {@code status}, as its timeline has it. */
	Optional<OffsetDateTime> enteredAt(UUID orderId, OrderStatus status) {
		return Optional.ofNullable(jdbc.sql("""
				select max(occurred_at) from order_timeline
				where order_id = :id and type in ('ORDER_RECEIVED', 'STATUS_CHANGED') and after_value = :status""")
			.param("id", orderId)
			.param("status", status.name())
			.query(OffsetDateTime.class)
			.single());
	}

	void insertTimeline(UUID orderId, OffsetDateTime at, String type, String actor, String description, String before,
			String after) {
		jdbc.sql("""
				insert into order_timeline (order_id, occurred_at, type, actor, description, before_value, after_value)
				values (:orderId, :at, :type, :actor, :description, :before, :after)""")
			.param("orderId", orderId)
			.param("at", at)
			.param("type", type)
			.param("actor", actor)
			.param("description", description)
			.param("before", before)
			.param("after", after)
			.update();
	}

	List<TimelineEntry> timeline(UUID orderId) {
		return jdbc.sql("""
				select id, occurred_at, type, actor, description, before_value, after_value
				from order_timeline where order_id = :orderId order by id""")
			.param("orderId", orderId)
			.query((rs, n) -> new TimelineEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
					rs.getString("type"), rs.getString("actor"), rs.getString("description"),
					rs.getString("before_value"), rs.getString("after_value")))
			.list();
	}


	/** Orders of the customer's e-mail address made before {@code before}. */
	long countEarlierOrders(String customerEmail, OffsetDateTime before) {
		return jdbc.sql("select count(*) from orders where customer_email = :email and created_at < :createdAt")
			.param("email", customerEmail)
			.param("createdAt", before)
			.query(Long.class)
			.single();
	}

	long count() {
		return jdbc.sql("select count(*) from orders").query(Long.class).single();
	}

	private Order withLines(Order order) {
		return withLines(order, linesOf(List.of(order.id())).getOrDefault(order.id(), List.of()));
	}

	private static Order withLines(Order o, List<OrderLine> lines) {
		return new Order(o.id(), o.orderNumber(), o.channel(), o.externalReference(), o.customer(), o.currency(),
				o.shippingAddress(), o.billingAddress(), o.deliveryMethod(), o.paymentMethod(), o.totals(), o.status(),
				o.processInstanceId(), o.createdBy(), o.createdAt(), o.updatedAt(), o.version(), List.copyOf(lines));
	}

	private Map<UUID, List<OrderLine>> linesOf(Collection<UUID> orderIds) {
		if (orderIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, List<OrderLine>> byOrder = new LinkedHashMap<>();
		jdbc.sql("""
				select l.order_id, l.id, l.line_number, l.sku, l.name, l.unit_price, l.tax_rate, l.line_subtotal,
				  l.line_tax, l.line_total, l.qty_ordered, l.qty_canceled, l.qty_allocated, l.qty_fulfilled,
				  l.qty_return_initiated, l.qty_returned, l.qty_reshipped, l.exchange_id, o.currency
				from order_line l join orders o on o.id = l.order_id
				where l.order_id in (:ids) order by l.order_id, l.line_number""")
			.param("ids", orderIds)
			.query(rs -> {
				UUID orderId = rs.getObject("order_id", UUID.class);
				byOrder.computeIfAbsent(orderId, k -> new ArrayList<>()).add(mapLine(rs));
			});
		return byOrder;
	}

	private static OrderLine mapLine(ResultSet rs) throws SQLException {
		int scale = scaleOf(rs.getString("currency"));
		return new OrderLine(rs.getObject("id", UUID.class), rs.getInt("line_number"), rs.getString("sku"),
				rs.getString("name"), money(rs, "unit_price", scale), rs.getBigDecimal("tax_rate").stripTrailingZeros(),
				money(rs, "line_subtotal", scale), money(rs, "line_tax", scale), money(rs, "line_total", scale),
				new Quantities(rs.getInt("qty_ordered"), rs.getInt("qty_canceled"), rs.getInt("qty_allocated"),
						rs.getInt("qty_fulfilled"), rs.getInt("qty_return_initiated"), rs.getInt("qty_returned"),
						rs.getInt("qty_reshipped")),
				rs.getObject("exchange_id", UUID.class));
	}

	private Order mapOrderWithoutLines(ResultSet rs, int rowNum) throws SQLException {
		int scale = scaleOf(rs.getString("currency"));
		return new Order(rs.getObject("id", UUID.class), rs.getString("order_number"),
				Channel.valueOf(rs.getString("channel")), rs.getString("external_reference"),
				new Customer(rs.getString("customer_id"), rs.getString("customer_email"), rs.getString("customer_name"),
						rs.getString("customer_language")),
				rs.getString("currency"), mapAddress(rs, "ship_"), mapAddress(rs, "bill_"),
				DeliveryMethod.valueOf(rs.getString("delivery_method")),
				PaymentMethod.valueOf(rs.getString("payment_method")),
				new Totals(money(rs, "lines_subtotal", scale), money(rs, "tax_total", scale),
						money(rs, "shipping_charge", scale), money(rs, "grand_total", scale)),
				OrderStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"),
				rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class), rs.getLong("version"), List.of());
	}

	static int scaleOf(String currency) {
		return Currency.getInstance(currency).getDefaultFractionDigits();
	}

	private static BigDecimal money(ResultSet rs, String column, int scale) throws SQLException {
		return rs.getBigDecimal(column).setScale(scale, RoundingMode.UNNECESSARY);
	}

	private static Address mapAddress(ResultSet rs, String prefix) throws SQLException {
		return new Address(rs.getString(prefix + "name"), rs.getString(prefix + "line1"), rs.getString(prefix + "line2"),
				rs.getString(prefix + "postal_code"), rs.getString(prefix + "city"), rs.getString(prefix + "region"),
				rs.getString(prefix + "country"), rs.getString(prefix + "phone"));
	}

}
