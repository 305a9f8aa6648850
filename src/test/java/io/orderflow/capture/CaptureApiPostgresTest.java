package io.orderflow.capture;

import io.orderflow.testsupport.PostgresTest;

/** Order capture through the REST API, on the real PostgreSQL server. */
@PostgresTest
class CaptureApiPostgresTest extends CaptureApiTest {

}
