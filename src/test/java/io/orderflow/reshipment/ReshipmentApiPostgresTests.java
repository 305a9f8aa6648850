package io.orderflow.reshipment;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ReshipmentApiPostgresTests extends ReshipmentApiTests {

}
