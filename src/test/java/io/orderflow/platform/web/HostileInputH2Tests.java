package io.orderflow.platform.web;

import io.orderflow.testsupport.H2Test;

/** {@link HostileInputTests} on the embedded H2 database. */
@H2Test
class HostileInputH2Tests extends HostileInputTests {

}
