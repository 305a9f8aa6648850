package io.orderflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full Orderflow on the real PostgreSQL server of this machine ({@code localhost:5432}, user
 * {@code postgres}), in a database created afresh for each test run, with the production
 * ("postgres") profile. A missing server fails the test; it is never skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ORDERFLOW_DB_USER=postgres", "ORDERFLOW_ADMIN_PASSWORD=test-admin-secret",
				"ORDERFLOW_PAYMENT_ALLOW_SANDBOX=true", "ORDERFLOW_DELIVERY_ALLOW_SANDBOX=true" })
@ActiveProfiles({ "test", "postgres" })
@ContextConfiguration(initializers = PostgresTestDatabase.class)
@Import({ TestFixture.class, TestClock.Configuration.class })
public @interface PostgresTest {

}
