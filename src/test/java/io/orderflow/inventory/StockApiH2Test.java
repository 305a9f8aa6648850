package io.orderflow.inventory;

import io.orderflow.testsupport.H2Test;

/** Stock over REST on H2. */
@H2Test
class StockApiH2Test extends StockApiTest {

}
