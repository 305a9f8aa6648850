package io.orderflow.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over webhook subscriptions and their deliveries. */
@Repository
class WebhookRepository {

	private static final String SUBSCRIPTION = "select id, target_url, event_types, location_id, status, disabled_reason, "
			+ "created_by, created_at, updated_at, secret from webhook_subscription";

	private static final String DELIVERY = """
			select d.id, d.subscription_id, e.event_id, e.event_type, d.order_id, d.feed_position, d.status, d.attempts,
			  d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.delivered_at
			from webhook_delivery d join order_event e on e.id = d.event_row""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	WebhookRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	// --- subscriptions ------------------------------------------------------------------------

	void insert(WebhookSubscription subscription) {
		jdbc.sql("""
				insert into webhook_subscription (id, target_url, event_types, location_id, secret, status, created_by,
				  created_at, updated_at)
				values (:id, :url, :types, :locationId, :secret, :status, :createdBy, :createdAt, :createdAt)""")
			.param("id", subscription.id())
			.param("url", subscription.url())
			.param("types", String.join(",", subscription.types()))
			.param("locationId", subscription.locationId())
			.param("secret", subscription.secret())
			.param("status", subscription.status())
			.param("createdBy", subscription.createdBy())
			.param("createdAt", subscription.createdAt())
			.update();
	}

	Optional<WebhookSubscription> find(UUID id) {
		return jdbc.sql(SUBSCRIPTION + " where id = :id").param("id", id).query(this::subscription).optional();
	}

	List<WebhookSubscription> all() {
		return jdbc.sql(SUBSCRIPTION + " order by created_at, id").query(this::subscription).list();
	}

	List<WebhookSubscription> active() {
		return jdbc.sql(SUBSCRIPTION + " where status = 'ACTIVE'").query(this::subscription).list();
	}

	/** @return false when it had this status already */
	boolean setStatus(UUID id, String status, String reason, OffsetDateTime now) {
		return jdbc.sql("""
				update webhook_subscription set status = :status, disabled_reason = :reason, updated_at = :now
				where id = :id and status <> :status""")
			.param("id", id)
			.param("status", status)
			.param("reason", reason)
			.param("now", now)
			.update() == 1;
	}

	// --- deliveries ---------------------------------------------------------------------------

	/** A positioned event, as the fan-out needs it. */
	record Positioned(long row, UUID orderId, long position, String type, String payload) {
	}

	/** The events positioned after {@code after}, up to {@code to}. */
	List<Positioned> positioned(long after, long to) {
		return jdbc.sql("""
				select id, order_id, feed_position, event_type, payload from order_event
				where feed_position > :after and feed_position <= :to order by feed_position""")
			.param("after", after)
			.param("to", to)
			.query((rs, n) -> new Positioned(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	void insertDeliveries(List<MapSqlParameterSource> rows) {
		batch.batchUpdate("""
				insert into webhook_delivery (subscription_id, event_row, order_id, feed_position, status, attempts,
				  next_attempt_at, created_at)
				values (:subscriptionId, :row, :orderId, :position, 'PENDING', 0, :now, :now)""",
				rows.toArray(MapSqlParameterSource[]::new));
	}

	/**
	 * Deliveries due now, unclaimed, of active subscriptions, each the first still pending of its order for its
	 * subscription: an order's later event waits for the earlier one.
	 */
	List<Long> due(OffsetDateTime now, int limit) {
		return jdbc.sql("""
				select d.id from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where d.status = 'PENDING' and s.status = 'ACTIVE' and d.next_attempt_at <= :now
				  and (d.claimed_until is null or d.claimed_until < :now)
				  and not exists (select 1 from webhook_delivery p where p.subscription_id = d.subscription_id
				    and p.order_id = d.order_id and p.status = 'PENDING' and p.feed_position < d.feed_position)
				order by d.next_attempt_at, d.feed_position fetch first :limit rows only""")
			.param("now", now)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** Claims a delivery for this node until {@code until}; false when another node has it. */
	boolean claim(long id, OffsetDateTime now, OffsetDateTime until) {
		return jdbc.sql("""
				update webhook_delivery set claimed_until = :until
				where id = :id and status = 'PENDING' and (claimed_until is null or claimed_until < :now)""")
			.param("id", id)
			.param("now", now)
			.param("until", until)
			.update() == 1;
	}

	/** What a claimed delivery sends: the event's row and the subscription. */
	record Outgoing(long id, UUID subscriptionId, String url, String secret, UUID eventId, String type, int version,
			OffsetDateTime occurredAt, UUID orderId, String orderNumber, long sequence, String payload, int attempts,
			OffsetDateTime createdAt) {
	}

	Optional<Outgoing> outgoing(long id) {
		return jdbc.sql("""
				select d.id, d.subscription_id, s.target_url, s.secret, e.event_id, e.event_type, e.type_version,
				  e.occurred_at, e.order_id, e.order_number, e.order_sequence, e.payload, d.attempts, d.created_at
				from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				  join order_event e on e.id = d.event_row
				where d.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Outgoing(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
					rs.getObject(5, UUID.class), rs.getString(6), rs.getInt(7), rs.getObject(8, OffsetDateTime.class),
					rs.getObject(9, UUID.class), rs.getString(10), rs.getLong(11), rs.getString(12), rs.getInt(13),
					rs.getObject(14, OffsetDateTime.class)))
			.optional();
	}

	/** Records a try: the new status, when to try next, what the target answered. */
	void tried(long id, String status, OffsetDateTime nextAttemptAt, Integer lastStatus, String lastError,
			OffsetDateTime deliveredAt) {
		jdbc.sql("""
				update webhook_delivery set status = :status, attempts = attempts + 1, next_attempt_at = :next,
				  claimed_until = null, last_status = :lastStatus, last_error = :lastError, delivered_at = :deliveredAt
				where id = :id and status = 'PENDING'""")
			.param("id", id)
			.param("status", status)
			.param("next", nextAttemptAt)
			.param("lastStatus", lastStatus, java.sql.Types.INTEGER)
			.param("lastError", lastError)
			.param("deliveredAt", deliveredAt)
			.update();
	}

	List<WebhookDelivery> deliveries(UUID subscriptionId, String status, int limit, long afterId) {
		return jdbc.sql(DELIVERY + " where d.subscription_id = :id and d.id > :afterId"
				+ (status == null ? "" : " and d.status = :status") + " order by d.id fetch first :limit rows only")
			.param("id", subscriptionId)
			.param("afterId", afterId)
			.param("status", status)
			.param("limit", limit)
			.query(this::delivery)
			.list();
	}

	Optional<WebhookDelivery> delivery(UUID subscriptionId, long id) {
		return jdbc.sql(DELIVERY + " where d.subscription_id = :subscriptionId and d.id = :id")
			.param("subscriptionId", subscriptionId)
			.param("id", id)
			.query(this::delivery)
			.optional();
	}

	/** Sends a delivery again from now, whatever became of it: its tries start over. */
	void redeliver(long id, OffsetDateTime now) {
		jdbc.sql("""
				update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_until = null,
				  created_at = :now, delivered_at = null where id = :id""")
			.param("id", id)
			.param("now", now)
			.update();
	}

	private WebhookSubscription subscription(ResultSet rs, int row) throws SQLException {
		return new WebhookSubscription(rs.getObject("id", UUID.class), rs.getString("target_url"),
				Arrays.asList(rs.getString("event_types").split(",")), rs.getString("location_id"),
				rs.getString("status"), rs.getString("disabled_reason"), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getString("secret"));
	}

	private WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
		return new WebhookDelivery(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
				rs.getString(4), rs.getObject(5, UUID.class), rs.getLong(6), rs.getString(7), rs.getInt(8),
				rs.getObject(9, OffsetDateTime.class), (Integer) rs.getObject(10), rs.getString(11),
				rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class));
	}

}
