package io.orderflow.returns;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ReturnApiPostgresTests extends ReturnApiTests {

}
