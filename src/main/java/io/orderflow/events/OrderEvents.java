package io.orderflow.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events module's public service: records what happened to an order, in the transaction of the change
 * (a transactional outbox). A change that rolls back records nothing; a committed one is in the log for the
 * feed and every subscriber, whatever happens to the node afterwards.
 */
@Service
public class OrderEvents {

	private final EventLog log;

	private final ObjectMapper json;

	private final EventSequencer sequencer;

	private final Clock clock;

	OrderEvents(EventLog log, ObjectMapper json, EventSequencer sequencer, Clock clock) {
		this.log = log;
		this.json = json;
		this.sequencer = sequencer;
		this.clock = clock;
	}

	/**
	 * The events after a feed position, of the given types (every type when none is given), optionally of one
	 * order, in feed order: what the feed answers, and how a part of Orderflow follows what happened as any
	 * other reader of the feed would. Events committed until now are positioned first.
	 */
	@Transactional
	public List<OrderEvent> after(long position, Collection<EventType> types, UUID orderId, int limit) {
		sequencer.sequence();
		return log.after(position, types.stream().map(EventType::wireName).toList(), orderId, limit);
	}

	/**
	 * The feed's last position now, after the events committed until now were positioned: where a new reader starts
	 * that is to follow only what happens from now on.
	 */
	@Transactional
	public long lastPosition() {
		sequencer.sequence();
		return log.lockSequencer();
	}

	/**
	 * Records an event of the order, with its data (a record or a map, written as JSON), as the order's next
	 * in sequence. Only inside the transaction of the change it tells of.
	 * @return the event's id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID publish(UUID orderId, EventType type, Object data) {
		String payload;
		try {
			payload = json.writeValueAsString(data);
		}
		catch (JsonProcessingException e) {
			throw new IllegalArgumentException("The data of " + type.wireName() + " cannot be written as JSON", e);
		}
		UUID eventId = UUID.randomUUID();
		log.append(eventId, orderId, type, OffsetDateTime.now(clock), payload);
		return eventId;
	}

}
