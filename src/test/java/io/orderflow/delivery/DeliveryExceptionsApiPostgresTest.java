package io.orderflow.delivery;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class DeliveryExceptionsApiPostgresTest extends DeliveryExceptionsApiTest {

}
