package io.orderflow.reshipment;

import io.orderflow.testsupport.H2Test;

@H2Test
class ReshipmentApiH2Test extends ReshipmentApiTest {

}
