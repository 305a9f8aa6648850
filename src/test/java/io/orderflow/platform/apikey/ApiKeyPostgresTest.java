package io.orderflow.platform.apikey;

import io.orderflow.testsupport.PostgresTest;

/** {@link ApiKeyTest} on the PostgreSQL server. */
@PostgresTest
class ApiKeyPostgresTest extends ApiKeyTest {

}
