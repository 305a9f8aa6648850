package io.orderflow.platform.engine;

import io.orderflow.testsupport.H2Test;

/** {@link ForgedStartsTest} on the embedded H2 database. */
@H2Test
class ForgedStartsH2Test extends ForgedStartsTest {

}
