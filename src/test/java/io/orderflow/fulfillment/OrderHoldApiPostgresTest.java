package io.orderflow.fulfillment;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class OrderHoldApiPostgresTest extends OrderHoldApiTest {

}
