package io.orderflow.platform.apikey;

import io.orderflow.testsupport.PostgresTest;

/** {@link ApiKeyTests} on the PostgreSQL server. */
@PostgresTest
class ApiKeyPostgresTests extends ApiKeyTests {

}
