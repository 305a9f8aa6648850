package io.orderflow.platform.web;

import io.orderflow.testsupport.H2Test;

/** {@link HostileInputTest} on the embedded H2 database. */
@H2Test
class HostileInputH2Test extends HostileInputTest {

}
