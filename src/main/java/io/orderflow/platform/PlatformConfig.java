package io.orderflow.platform;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.orderflow.platform.web.BoundedDecimals;
import io.orderflow.platform.web.BoundedJson;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Infrastructure every stage shares: the clock, database sequences, JSON money. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

	static {
		// Camunda parses timer durations through javax.xml.datatype; without this every parse looks the
		// implementation up on the classpath again (measured by the benchmark: a hot spot)
		if (System.getProperty("javax.xml.datatype.DatatypeFactory") == null) {
			System.setProperty("javax.xml.datatype.DatatypeFactory",
					"com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");
		}
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Sequences sequences(DataSource dataSource, JdbcClient jdbc) throws SQLException {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		return switch (product) {
			case "H2" -> new Sequences(jdbc, false);
			case "PostgreSQL" -> new Sequences(jdbc, true);
			default -> throw new IllegalStateException("Orderflow runs on H2 or PostgreSQL, not on " + product);
		};
	}

	/** Money travels as decimal strings ("19.99"), never as binary floating point. */
	@Bean
	Jackson2ObjectMapperBuilderCustomizer moneyAsString() {
		return builder -> builder.serializerByType(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
			@Override
			public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
					throws IOException {
				generator.writeString(value.toPlainString());
			}
		});
	}

	/**
	 * Decimals are read bounded ({@link #boundedDecimals}), a field named twice in one object is refused, and no
	 * text or nesting is longer or deeper than a request of Orderflow's needs.
	 */
	@Bean
	BoundedDecimals boundedDecimals() {
		return new BoundedDecimals();
	}

	@Bean
	Jackson2ObjectMapperBuilderCustomizer boundedInput() {
		return builder -> builder.postConfigurer(BoundedJson::bound);
	}

}
