package io.orderflow.platform.security;

import io.orderflow.testsupport.PostgresTest;

/** {@link ApiSecurityTests} on the PostgreSQL server of this machine, with the production profile. */
@PostgresTest
class ApiSecurityPostgresTests extends ApiSecurityTests {

}
