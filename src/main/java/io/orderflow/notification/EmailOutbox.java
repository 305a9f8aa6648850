package io.orderflow.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.OrderEvent;
import io.orderflow.platform.Text;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over the e-mail sender's tables: its place in the event feed, and one row per mail. */
@Repository
class EmailOutbox {

	static final String RELAY = "email";

	/** A mail to send: the event it comes from, and that event's data. */
	record Mail(UUID eventId, UUID orderId, String orderNumber, String message, String recipient, String language,
			String payload, int attempts, OffsetDateTime createdAt) {
	}

	private final JdbcClient jdbc;

	EmailOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The sender's position in the feed, its row locked until the commit; empty before the first round. */
	List<Long> lockPosition() {
		return jdbc.sql("select last_position from email_relay where name = :name for update")
			.param("name", RELAY)
			.query(Long.class)
			.list();
	}

	void startAt(long position, OffsetDateTime now) {
		jdbc.sql("insert into email_relay (name, last_position, updated_at) values (:name, :position, :now)")
			.param("name", RELAY)
			.param("position", position)
			.param("now", now)
			.update();
	}

	void moveTo(long position, OffsetDateTime now) {
		jdbc.sql("update email_relay set last_position = :position, updated_at = :now where name = :name")
			.param("position", position)
			.param("now", now)
			.param("name", RELAY)
			.update();
	}

	/** A mail for the event, unless one was taken for it before. */
	void take(OrderEvent event, String recipient, String message, String language, OffsetDateTime now) {
		jdbc.sql("""
				insert into customer_email (event_id, feed_position, order_id, order_number, message, recipient, language, payload,
				  status, attempts, next_attempt_at, created_at)
				select :eventId, :position, :orderId, :orderNumber, :message, :recipient, :language, :payload,
				  'PENDING', 0, :now, :now
				where not exists (select 1 from customer_email where event_id = :eventId)""")
			.param("eventId", event.id())
			.param("position", Long.parseLong(event.position()))
			.param("orderId", event.orderId())
			.param("orderNumber", event.orderNumber())
			.param("message", message)
			.param("recipient", recipient)
			.param("language", language)
			.param("payload", event.data().toString())
			.param("now", now)
			.update();
	}

	/** Mails due now, oldest first. */
	List<Mail> due(OffsetDateTime now, int limit) {
		return jdbc.sql("""
				select event_id, order_id, order_number, message, recipient, language, payload, attempts, created_at
				from customer_email where status = 'PENDING' and next_attempt_at <= :now
				order by feed_position fetch first :limit rows only""")
			.param("now", now)
			.param("limit", limit)
			.query((rs, n) -> new Mail(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
					rs.getObject(9, OffsetDateTime.class)))
			.list();
	}

	void sent(UUID eventId, OffsetDateTime now) {
		jdbc.sql("update customer_email set status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = null"
				+ " where event_id = :eventId")
			.param("now", now)
			.param("eventId", eventId)
			.update();
	}

	void retryAt(UUID eventId, OffsetDateTime next, String error) {
		jdbc.sql("update customer_email set attempts = attempts + 1, next_attempt_at = :next, last_error = :error"
				+ " where event_id = :eventId")
			.param("next", next)
			.param("error", shortened(error))
			.param("eventId", eventId)
			.update();
	}

	void failed(UUID eventId, String error) {
		jdbc.sql("update customer_email set status = 'FAILED', attempts = attempts + 1, last_error = :error"
				+ " where event_id = :eventId")
			.param("error", shortened(error))
			.param("eventId", eventId)
			.update();
	}

	/** The status of every mail of an order, oldest first: what an operator (and a test) reads. */
	List<String> statuses(UUID orderId) {
		return jdbc.sql("select message || ' ' || status from customer_email where order_id = :orderId order by feed_position")
			.param("orderId", orderId)
			.query(String.class)
			.list();
	}

	private static String shortened(String error) {
		return Text.atMost(error == null ? "unknown" : error, 1000);
	}

}
