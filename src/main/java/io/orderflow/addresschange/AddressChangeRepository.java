package io.orderflow.addresschange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.addresschange.AddressChange.Outcome;
import io.orderflow.addresschange.AddressChange.Target;
import io.orderflow.order.Address;
import io.orderflow.order.Order;
import io.orderflow.service.RequestTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The address change tables (V60__address_changes.sql), plain JDBC. */
@Repository
class AddressChangeRepository {

	private static final String COLUMNS = """
			a.id, a.order_id, a.order_number, a.fulfillment_order_id, a.ship_name, a.ship_line1, a.ship_line2,
			a.ship_postal_code, a.ship_city, a.ship_region, a.ship_country, a.ship_phone, a.reason, a.status,
			a.order_address_changed, a.unallocated_changed, a.requested_by, a.process_instance_id, a.answer_deadline, a.created_at,
			a.updated_at""";

	private final JdbcClient jdbc;

	private final RequestTable<AddressChange> table;

	AddressChangeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.table = new RequestTable<>(jdbc, "address_change a", COLUMNS, (rs, n) -> row(rs), this::withTargets);
	}

	void insert(UUID id, Order order, UUID fulfillmentOrderId, Address a, String reason, String requestedBy,
			OffsetDateTime now) {
		jdbc.sql("""
				insert into address_change (id, order_id, order_number, fulfillment_order_id, ship_name, ship_line1,
				  ship_line2, ship_postal_code, ship_city, ship_region, ship_country, ship_phone, reason, status,
				  requested_by, created_at, updated_at)
				values (:id, :orderId, :orderNumber, :fo, :name, :line1, :line2, :postalCode, :city, :region, :country,
				  :phone, :reason, 'REQUESTED', :by, :now, :now)""")
			.param("id", id)
			.param("orderId", order.id())
			.param("orderNumber", order.orderNumber())
			.param("fo", fulfillmentOrderId)
			.param("name", a.name())
			.param("line1", a.line1())
			.param("line2", a.line2())
			.param("postalCode", a.postalCode())
			.param("city", a.city())
			.param("region", a.region())
			.param("country", a.country())
			.param("phone", a.phone())
			.param("reason", reason)
			.param("by", requestedBy)
			.param("now", now)
			.update();
	}

	void updateProcessInstance(UUID id, String processInstanceId) {
		RequestTable.recordProcessInstance(jdbc, "address_change", id, processInstanceId);
	}

	/** Moves a REQUESTED change on once applied; false when it was applied before (a repeat). */
	boolean markApplied(UUID id, AddressChangeStatus status, boolean orderAddressChanged, boolean unallocatedChanged,
			OffsetDateTime now) {
		return jdbc.sql("""
				update address_change set status = :status, order_address_changed = :changed,
				  unallocated_changed = :unallocated, updated_at = :now
				where id = :id and status = 'REQUESTED'""")
			.param("status", status.name())
			.param("changed", orderAddressChanged)
			.param("unallocated", unallocatedChanged)
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	void markOrderAddressChanged(UUID id, OffsetDateTime now) {
		jdbc.sql("update address_change set order_address_changed = true, updated_at = :now where id = :id")
			.param("now", now)
			.param("id", id)
			.update();
	}

	void updateDeadline(UUID id, OffsetDateTime deadline, OffsetDateTime now) {
		jdbc.sql("update address_change set answer_deadline = :deadline, updated_at = :now where id = :id")
			.param("deadline", deadline)
			.param("now", now)
			.param("id", id)
			.update();
	}

	/** Ends an open change; false when it had ended already (a repeat). */
	boolean complete(UUID id, AddressChangeStatus status, OffsetDateTime now) {
		return jdbc.sql("""
				update address_change set status = :status, updated_at = :now
				where id = :id and status in ('REQUESTED', 'AWAITING_LOCATIONS')""")
			.param("status", status.name())
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	void insertTarget(UUID id, UUID fulfillmentOrderId, String number, String locationId, Outcome outcome,
			OffsetDateTime now) {
		jdbc.sql("""
				insert into address_change_target (address_change_id, fulfillment_order_id, fulfillment_order_number,
				  location_id, outcome, updated_at)
				values (:id, :fo, :number, :location, :outcome, :now)""")
			.param("id", id)
			.param("fo", fulfillmentOrderId)
			.param("number", number)
			.param("location", locationId)
			.param("outcome", outcome.name())
			.param("now", now)
			.update();
	}

	/** Settles a target that waits for its location's answer; false when it was settled before. */
	boolean settle(UUID id, UUID fulfillmentOrderId, Outcome outcome, String reason, String decidedBy,
			OffsetDateTime now) {
		return jdbc.sql("""
				update address_change_target set outcome = :outcome, reason = :reason, decided_by = :by, updated_at = :now
				where address_change_id = :id and fulfillment_order_id = :fo and outcome = 'ASKED'""")
			.param("outcome", outcome.name())
			.param("reason", reason)
			.param("by", decidedBy)
			.param("now", now)
			.param("id", id)
			.param("fo", fulfillmentOrderId)
			.update() == 1;
	}

	Optional<AddressChange> find(UUID id) {
		return table.find(id);
	}

	List<AddressChange> ofOrder(UUID orderId) {
		return table.ofOrder(orderId, "id");
	}

	private AddressChange withTargets(AddressChange change) {
		List<Target> targets = jdbc.sql("""
				select fulfillment_order_id, fulfillment_order_number, location_id, outcome, reason, decided_by, updated_at
				from address_change_target where address_change_id = :id order by fulfillment_order_number""")
			.param("id", change.id())
			.query((rs, n) -> new Target(rs.getObject("fulfillment_order_id", UUID.class),
					rs.getString("fulfillment_order_number"), rs.getString("location_id"),
					Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"), rs.getString("decided_by"),
					rs.getObject("updated_at", OffsetDateTime.class)))
			.list();
		return new AddressChange(change.id(), change.orderId(), change.orderNumber(), change.fulfillmentOrderId(),
				change.shippingAddress(), change.reason(), change.status(), change.orderAddressChanged(),
				change.unallocatedChanged(), change.requestedBy(), change.processInstanceId(), change.answerDeadline(), change.createdAt(),
				change.updatedAt(), targets);
	}

	private static AddressChange row(ResultSet rs) throws SQLException {
		return new AddressChange(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), rs.getObject("fulfillment_order_id", UUID.class),
				new Address(rs.getString("ship_name"), rs.getString("ship_line1"), rs.getString("ship_line2"),
						rs.getString("ship_postal_code"), rs.getString("ship_city"), rs.getString("ship_region"),
						rs.getString("ship_country"), rs.getString("ship_phone")),
				rs.getString("reason"), AddressChangeStatus.valueOf(rs.getString("status")),
				rs.getBoolean("order_address_changed"), rs.getBoolean("unallocated_changed"), rs.getString("requested_by"), rs.getString("process_instance_id"),
				rs.getObject("answer_deadline", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class), List.of());
	}

}
