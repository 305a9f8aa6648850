package io.orderflow.fulfillment;

import io.orderflow.testsupport.H2Test;

/** Allocation and fulfillment orders on H2. */
@H2Test
class FulfillmentOrdersH2Test extends FulfillmentOrdersTest {

}
