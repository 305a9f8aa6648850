package io.orderflow.reshipment;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ReshipmentApiPostgresTest extends ReshipmentApiTest {

}
