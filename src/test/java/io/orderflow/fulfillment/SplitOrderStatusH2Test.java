package io.orderflow.fulfillment;

import io.orderflow.testsupport.H2Test;

/** A split order's status under cancellations and shipments in any order, on H2. */
@H2Test
class SplitOrderStatusH2Test extends SplitOrderStatusTest {

}
