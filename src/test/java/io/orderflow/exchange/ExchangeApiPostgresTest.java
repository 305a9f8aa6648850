package io.orderflow.exchange;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ExchangeApiPostgresTest extends ExchangeApiTest {

}
