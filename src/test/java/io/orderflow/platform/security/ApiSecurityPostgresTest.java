package io.orderflow.platform.security;

import io.orderflow.testsupport.PostgresTest;

/** {@link ApiSecurityTest} on the PostgreSQL server of this machine, with the production profile. */
@PostgresTest
class ApiSecurityPostgresTest extends ApiSecurityTest {

}
