package io.orderflow.platform.security;

import io.orderflow.testsupport.H2Test;

/** {@link ApiSecurityTests} on the embedded H2 database. */
@H2Test
class ApiSecurityH2Tests extends ApiSecurityTests {

}
