package io.orderflow.events;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every event, also published to RabbitMQ ({@code orderflow.events.rabbitmq.enabled}): to the topic exchange
 * {@code orderflow.events}, routing key the event type, in feed order, with the broker's confirms. One node at a
 * time relays (the relay's row is locked while it does); its position moves on only once the broker confirmed
 * a batch, so a broker that is down or a node that dies loses nothing: the batch is published again (at least
 * once; the message id is the event id). It starts with the events after the moment it was first switched on.
 */
@Component
@ConditionalOnProperty(name = "orderflow.events.rabbitmq.enabled", havingValue = "true")
class RabbitRelay {

	static final String NAME = "rabbitmq";

	/**
	 * @param exchange the topic exchange the events go to
	 * @param batch events published per round, then confirmed
	 * @param confirmTimeout how long the broker may take to confirm a batch
	 */
	@ConfigurationProperties("orderflow.events.rabbitmq")
	record Properties(@DefaultValue("false") boolean enabled, @DefaultValue("orderflow.events") String exchange,
			@DefaultValue("500") int batch, @DefaultValue("PT10S") Duration confirmTimeout) {
	}

	private final JdbcClient jdbc;

	private final EventLog log;

	private final RabbitTemplate rabbit;

	private final Properties properties;

	private final ObjectMapper json;

	private final Clock clock;

	RabbitRelay(JdbcClient jdbc, EventLog log, RabbitTemplate rabbit, Properties properties, ObjectMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.log = log;
		this.rabbit = rabbit;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/** Publishes the next batch and waits for the broker's confirms. @return how many events were published */
	@Transactional
	public int relay() {
		long last = lockPosition();
		List<OrderEvent> events = log.after(last, Set.of(), null, properties.batch());
		if (events.isEmpty()) {
			return 0;
		}
		rabbit.invoke(channel -> {
			for (OrderEvent event : events) {
				channel.send(properties.exchange(), event.type(), message(event));
			}
			channel.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
			return null;
		});
		jdbc.sql("update event_relay set last_position = :position, updated_at = :now where name = :name")
			.param("position", Long.parseLong(events.get(events.size() - 1).position()))
			.param("now", OffsetDateTime.now(clock))
			.param("name", NAME)
			.update();
		return events.size();
	}

	private long lockPosition() {
		List<Long> position = jdbc.sql("select last_position from event_relay where name = :name for update")
			.param("name", NAME)
			.query(Long.class)
			.list();
		if (!position.isEmpty()) {
			return position.get(0);
		}
		// first switched on: from the events after now (the sequencer's row serializes the first start of two nodes)
		long now = log.lockSequencer();
		jdbc.sql("insert into event_relay (name, last_position, updated_at) values (:name, :position, :now)")
			.param("name", NAME)
			.param("position", now)
			.param("now", OffsetDateTime.now(clock))
			.update();
		return now;
	}

	private Message message(OrderEvent event) {
		try {
			return MessageBuilder.withBody(json.writeValueAsBytes(event))
				.setContentType("application/json")
				.setContentEncoding("UTF-8")
				.setMessageId(event.id().toString())
				.setType(event.type())
				.setTimestamp(Date.from(event.occurredAt().toInstant()))
				.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
				.setHeader("orderId", event.orderId().toString())
				.setHeader("orderNumber", event.orderNumber())
				.setHeader("sequence", event.sequence())
				.build();
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Event " + event.id() + " cannot be written as JSON", e);
		}
	}

	/** The exchange, declared by Orderflow when it first connects. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "orderflow.events.rabbitmq.enabled", havingValue = "true")
	static class Exchange {

		@Bean
		TopicExchange orderflowEventsExchange(Properties properties) {
			return new TopicExchange(properties.exchange(), true, false);
		}

	}

	/** Background rounds, where scheduling is on and RabbitMQ is switched on. */
	@Component
	@ConditionalOnProperty(name = "orderflow.scheduling.enabled", havingValue = "true", matchIfMissing = true)
	static class Rounds {

		private final ObjectProvider<RabbitRelay> relay;

		private final Properties properties;

		Rounds(ObjectProvider<RabbitRelay> relay, Properties properties) {
			this.relay = relay;
			this.properties = properties;
		}

		@Scheduled(fixedDelayString = "${orderflow.events.rabbitmq.interval:PT0.2S}")
		void relay() {
			RabbitRelay switchedOn = relay.getIfAvailable();
			while (switchedOn != null && switchedOn.relay() == properties.batch()) {
				// a backlog: on until it is cleared
			}
		}

	}

}
