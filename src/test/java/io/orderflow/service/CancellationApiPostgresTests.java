package io.orderflow.service;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class CancellationApiPostgresTests extends CancellationApiTests {

}
