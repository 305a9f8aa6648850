package io.orderflow.adjustment;

import io.orderflow.testsupport.H2Test;

@H2Test
class AdjustmentApiH2Test extends AdjustmentApiTest {

}
