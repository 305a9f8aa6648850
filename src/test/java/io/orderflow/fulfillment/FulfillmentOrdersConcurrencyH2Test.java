package io.orderflow.fulfillment;

import io.orderflow.testsupport.H2Test;

/** Orders racing for the same stock on H2. */
@H2Test
class FulfillmentOrdersConcurrencyH2Test extends FulfillmentOrdersConcurrencyTest {

}
