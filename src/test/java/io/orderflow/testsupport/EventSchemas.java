package io.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JSON Schemas of the outbound events in {@code docs/events/}, and a check of the events a test caused
 * against them: each as a consumer receives it (the order's number in its sequence stands in as 1 where the
 * sequencer has not numbered it yet; numbering is EventFeedApiTest's).
 */
public final class EventSchemas {

	public static final Path FOLDER = Path.of("docs", "events");

	private static final String BASE = "https://orderflow.io/schemas/events/";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, FOLDER.toAbsolutePath().toUri().toString())));

	private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

	/** The last event checked, per database. */
	private static final Map<JdbcClient, Long> CHECKED = new ConcurrentHashMap<>();

	private EventSchemas() {
	}

	/** The schema of an event type, e.g. {@code order.created}. */
	public static JsonSchema of(String type) {
		return SCHEMAS.computeIfAbsent(type, t -> {
			assertThat(FOLDER.resolve(t + ".schema.json")).as("the JSON Schema of %s", t).exists();
			return FACTORY.getSchema(java.net.URI.create(BASE + t + ".schema.json"));
		});
	}

	/** What is wrong with an event as a consumer receives it; empty when nothing is. */
	public static Set<ValidationMessage> check(String type, JsonNode event) {
		return of(type).validate(event);
	}

	/** Checks every event recorded since the last check on this database against its type's schema. */
	public static void assertRecordedEventsValid(JdbcClient jdbc) {
		long after = CHECKED.getOrDefault(jdbc, 0L);
		long[] last = { after };
		jdbc.sql("""
				select id, event_id, event_type, type_version, occurred_at, order_id, order_number, order_sequence, payload
				from order_event where id > :after order by id""").param("after", after).query(rs -> {
			ObjectNode event = JSON.createObjectNode();
			event.put("id", rs.getObject("event_id", UUID.class).toString());
			event.put("type", rs.getString("event_type"));
			event.put("version", rs.getInt("type_version"));
			event.put("occurredAt", rs.getObject("occurred_at", java.time.OffsetDateTime.class).toString());
			event.put("orderId", rs.getObject("order_id", UUID.class).toString());
			event.put("orderNumber", rs.getString("order_number"));
			Long sequence = rs.getObject("order_sequence", Long.class);
			event.put("sequence", sequence == null ? 1 : sequence);
			try {
				event.set("data", JSON.readTree(rs.getString("payload")));
			}
			catch (java.io.IOException e) {
				throw new IllegalStateException(e);
			}
			assertThat(check(event.path("type").asText(), event)).as("event %s against its schema", event).isEmpty();
			last[0] = rs.getLong("id");
		});
		CHECKED.put(jdbc, last[0]);
	}

}
