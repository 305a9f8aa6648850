package io.orderflow.payment;

import io.orderflow.testsupport.H2Test;

/** The payment stage on H2. */
@H2Test
class PaymentsH2Test extends PaymentsTest {

}
