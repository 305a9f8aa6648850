package io.orderflow.platform.web;

import io.orderflow.testsupport.PostgresTest;

/** {@link HostileInputTests} on the PostgreSQL server. */
@PostgresTest
class HostileInputPostgresTests extends HostileInputTests {

}
