package io.orderflow.platform.engine;

import io.orderflow.testsupport.PostgresTest;

/** {@link ForgedStartsTests} on the PostgreSQL server. */
@PostgresTest
class ForgedStartsPostgresTests extends ForgedStartsTests {

}
