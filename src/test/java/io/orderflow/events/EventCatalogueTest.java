package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.orderflow.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of events is the same in code, in the JSON Schemas and in docs/events.md: every type has a schema
 * and a section, and no schema is left over from a type that is gone.
 */
class EventCatalogueTest {

	static final List<String> TYPES = Arrays.stream(EventType.values()).map(EventType::wireName).toList();

	@Test
	void everyEventTypeHasItsSchemaAndNoSchemaIsLeftOver() throws IOException {
		try (Stream<Path> files = Files.list(EventSchemas.FOLDER)) {
			List<String> schemas = files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".schema.json") && !name.equals("envelope.schema.json"))
				.map(name -> name.substring(0, name.length() - ".schema.json".length()))
				.toList();
			assertThat(schemas).containsExactlyInAnyOrderElementsOf(TYPES);
		}
		TYPES.forEach(EventSchemas::of);
	}

	@Test
	void docsDescribeEveryEventType() throws IOException {
		String docs = Files.readString(Path.of("docs", "events.md"));
		assertThat(TYPES).allSatisfy(type -> assertThat(docs).as("docs/events.md").contains("`" + type + "`"));
	}

}
