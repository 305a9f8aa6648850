package io.orderflow.platform.engine;

import io.orderflow.testsupport.H2Test;

/** {@link ForgedStartsTests} on the embedded H2 database. */
@H2Test
class ForgedStartsH2Tests extends ForgedStartsTests {

}
