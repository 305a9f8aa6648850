package io.orderflow.platform.engine;

import io.orderflow.testsupport.PostgresTest;

/** {@link ForgedStartsTest} on the PostgreSQL server. */
@PostgresTest
class ForgedStartsPostgresTest extends ForgedStartsTest {

}
