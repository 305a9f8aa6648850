package io.orderflow.exchange;

import io.orderflow.testsupport.H2Test;

@H2Test
class ExchangeApiH2Test extends ExchangeApiTest {

}
