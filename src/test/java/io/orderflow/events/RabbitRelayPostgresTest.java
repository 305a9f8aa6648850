package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * RabbitMQ as a user who already runs a broker gets the events (the one on localhost:5672; the test fails when
 * it is not there): Given a queue bound to Orderflow's exchange, When an order goes through its lifecycle, Then
 * its events arrive on the queue, in order, each once, routed by its type.
 */
@PostgresTest
@TestPropertySource(properties = "orderflow.events.rabbitmq.enabled=true")
class RabbitRelayPostgresTest extends ServiceApiTest {

	@Autowired
	RabbitRelay relay;

	@Autowired
	EventSequencer sequencer;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	TopicExchange exchange;

	@Autowired
	ObjectMapper json;

	Queue queue;

	RabbitRelayPostgresTest() {
		super("RMQ", "RabbitMQ", "0.00");
	}

	@BeforeEach
	void bindAQueue() {
		queue = new Queue("orderflow-test-" + run, false, false, false);
		admin.declareExchange(exchange);
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
		// what earlier tests left behind is not this test's business
		sequencer.sequence();
		while (relay.relay() > 0) {
			// published before the queue was bound
		}
		admin.purgeQueue(queue.getName(), false);
	}

	@AfterEach
	void dropTheQueue() {
		admin.deleteQueue(queue.getName());
	}

	@Test
	void theEventsOfAWholeLifecycleArriveOnABoundQueueInOrder() throws Exception {
		// When an order goes from intake to delivery and the relay runs
		String orderId = deliveredOrder(1);
		sequencer.sequence();
		while (relay.relay() > 0) {
			// until everything is published
		}

		// Then its events are on the queue, in order, once each, routed by type
		List<JsonNode> got = new ArrayList<>();
		Message message;
		while ((message = rabbit.receive(queue.getName(), 2000)) != null) {
			JsonNode event = json.readTree(message.getBody());
			assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo(event.path("type").asText());
			assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.path("id").asText());
			if (event.path("orderId").asText().equals(orderId)) {
				got.add(event);
			}
		}
		assertThat(got.stream().map(e -> e.path("type").asText()).toList()).startsWith("order.created")
			.containsSubsequence("order.created", "payment.authorized", "fulfillment_order.released",
					"fulfillment_order.shipped", "shipment.booked", "payment.captured", "shipment.delivered");
		for (int i = 0; i < got.size(); i++) {
			assertThat(got.get(i).path("sequence").asLong()).isEqualTo(i + 1);
		}
		assertThat(got).hasSize(jdbc.sql("select count(*) from order_event where order_id = :id")
			.param("id", java.util.UUID.fromString(orderId))
			.query(Integer.class)
			.single());
	}

}
