package io.orderflow.payment;

import io.orderflow.testsupport.PostgresTest;

/** The payment stage on the real PostgreSQL server. */
@PostgresTest
class PaymentsPostgresTest extends PaymentsTest {

}
