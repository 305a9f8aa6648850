package io.orderflow.returns;

import io.orderflow.testsupport.H2Test;

@H2Test
class ReturnApiH2Test extends ReturnApiTest {

}
