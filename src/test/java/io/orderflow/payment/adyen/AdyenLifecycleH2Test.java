package io.orderflow.payment.adyen;

/** The lifecycle through the Adyen gateway on H2, the default database. */
class AdyenLifecycleH2Test extends AdyenLifecycleTest {

}
