package io.orderflow.delivery;

import io.orderflow.testsupport.H2Test;

@H2Test
class DeliveryExceptionsApiH2Test extends DeliveryExceptionsApiTest {

}
