package io.orderflow.platform.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox of events from locations and carriers. The event id is the primary key: the second
 * delivery of an event is recognised by the database and changes nothing. An event stays pending
 * until it has been correlated to its process; {@link EventRedelivery} retries the ones that arrived
 * before their process was ready for them.
 */
@Service
public class InboundEvents {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	InboundEvents(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Stores a new event; false when an event with this id was stored before (a duplicate). Runs in a
	 * savepoint so that a duplicate leaves the caller's transaction usable.
	 */
	@Transactional
	public boolean accept(String eventId, String source, UUID subjectId, String type, String payload) {
		try {
			savepoint.executeWithoutResult(tx -> jdbc.sql("""
					insert into inbound_event (event_id, source, subject_id, type, payload, received_at)
					values (:eventId, :source, :subject, :type, :payload, :now)""")
				.param("eventId", eventId)
				.param("source", source)
				.param("subject", subjectId)
				.param("type", type)
				.param("payload", payload)
				.param("now", OffsetDateTime.now(clock))
				.update());
			return true;
		}
		catch (DuplicateKeyException duplicate) {
			return false;
		}
	}

	/**
	 * {@link #accept}, and for a duplicate the check that it is the same event: false when the id was stored
	 * before for the same subject and type.
	 * @throws EventConflictException when the id was used before for another subject or type
	 */
	@Transactional
	public boolean acceptOnce(String eventId, String source, UUID subjectId, String type, String payload) {
		if (accept(eventId, source, subjectId, type, payload)) {
			return true;
		}
		InboundEvent earlier = find(eventId).orElseThrow();
		if (!earlier.subjectId().equals(subjectId) || !earlier.type().equals(type)) {
			throw new EventConflictException("Event id " + eventId + " was already used for another event");
		}
		return false;
	}

	/**
	 * Delivers a stored event to its process now if {@code correlator} can; otherwise it stays pending, for
	 * {@link EventRedelivery} to deliver once the process waits for it.
	 */
	@Transactional
	public void deliver(String eventId, EventCorrelator correlator) {
		if (correlator.correlate(find(eventId).orElseThrow())) {
			markCorrelated(eventId);
		}
	}

	@Transactional(readOnly = true)
	public Optional<InboundEvent> find(String eventId) {
		return jdbc.sql("select * from inbound_event where event_id = :id")
			.param("id", eventId)
			.query(InboundEvents::map)
			.optional();
	}

	@Transactional
	public void markCorrelated(String eventId) {
		jdbc.sql("update inbound_event set correlated_at = :now where event_id = :id and correlated_at is null")
			.param("now", OffsetDateTime.now(clock))
			.param("id", eventId)
			.update();
	}

	/** Marks every pending event about {@code subjectId} of the given types as having reached its process. */
	@Transactional
	public void markCorrelated(UUID subjectId, List<String> types) {
		jdbc.sql("""
				update inbound_event set correlated_at = :now
				where subject_id = :subject and type in (:types) and correlated_at is null""")
			.param("now", OffsetDateTime.now(clock))
			.param("subject", subjectId)
			.param("types", types)
			.update();
	}

	/** Pending events of the given type about a subject, oldest first. */
	@Transactional(readOnly = true)
	public List<InboundEvent> pending(UUID subjectId, String type) {
		return jdbc.sql("""
				select * from inbound_event where subject_id = :subject and type = :type and correlated_at is null
				order by received_at""")
			.param("subject", subjectId)
			.param("type", type)
			.query(InboundEvents::map)
			.list();
	}

	/** Pending events received before {@code before}, oldest first. */
	@Transactional(readOnly = true)
	public List<InboundEvent> pendingSince(OffsetDateTime before, int limit) {
		return jdbc.sql("""
				select * from inbound_event where correlated_at is null and received_at < :before
				order by received_at limit :limit""")
			.param("before", before)
			.param("limit", limit)
			.query(InboundEvents::map)
			.list();
	}

	private static InboundEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new InboundEvent(rs.getString("event_id"), rs.getString("source"),
				rs.getObject("subject_id", UUID.class), rs.getString("type"), rs.getString("payload"),
				rs.getObject("received_at", OffsetDateTime.class), rs.getObject("correlated_at", OffsetDateTime.class));
	}

}
