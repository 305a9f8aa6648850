package io.orderflow.payment;

import io.orderflow.testsupport.H2Test;

import org.springframework.context.annotation.Import;

/** The payment stage on H2. */
@H2Test
@Import(TestClock.Configuration.class)
class PaymentsH2Test extends PaymentsTest {

}
