package io.orderflow.platform.security;

import io.orderflow.testsupport.H2Test;

/** {@link ApiSecurityTest} on the embedded H2 database. */
@H2Test
class ApiSecurityH2Test extends ApiSecurityTest {

}
