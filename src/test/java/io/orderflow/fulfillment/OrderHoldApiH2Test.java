package io.orderflow.fulfillment;

import io.orderflow.testsupport.H2Test;

@H2Test
class OrderHoldApiH2Test extends OrderHoldApiTest {

}
