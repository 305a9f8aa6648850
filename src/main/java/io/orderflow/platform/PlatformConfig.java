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

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;

/** Infrastructure every stage shares: the clock, order numbers, JSON money. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Order numbers come from a database sequence, so that every node of a cluster draws distinct ones. */
	@Bean
	DataFieldMaxValueIncrementer orderNumbers(DataSource dataSource, JdbcClient jdbc) throws SQLException {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		return switch (product) {
			case "H2" -> new H2SequenceMaxValueIncrementer(dataSource, "order_number_seq");
			case "PostgreSQL" -> new PostgresSequenceMaxValueIncrementer(dataSource, "order_number_seq");
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

}
