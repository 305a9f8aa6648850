package io.orderflow.returns;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ReturnApiPostgresTest extends ReturnApiTest {

}
