package io.orderflow.payment;

import io.orderflow.testsupport.PostgresTest;

import org.springframework.context.annotation.Import;

/** The payment stage on the real PostgreSQL server. */
@PostgresTest
@Import(TestClock.Configuration.class)
class PaymentsPostgresTest extends PaymentsTest {

}
