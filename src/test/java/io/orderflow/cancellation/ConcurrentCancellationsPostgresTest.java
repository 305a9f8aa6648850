package io.orderflow.cancellation;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class ConcurrentCancellationsPostgresTest extends ConcurrentCancellationsTest {

}
