package io.orderflow.service;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ReturnApiPostgresTests extends ReturnApiTests {

}
