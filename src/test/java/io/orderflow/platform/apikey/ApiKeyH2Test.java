package io.orderflow.platform.apikey;

import io.orderflow.testsupport.H2Test;

/** {@link ApiKeyTest} on the embedded H2 database. */
@H2Test
class ApiKeyH2Test extends ApiKeyTest {

}
