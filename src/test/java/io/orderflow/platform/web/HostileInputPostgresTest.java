package io.orderflow.platform.web;

import io.orderflow.testsupport.PostgresTest;

/** {@link HostileInputTest} on the PostgreSQL server. */
@PostgresTest
class HostileInputPostgresTest extends HostileInputTest {

}
