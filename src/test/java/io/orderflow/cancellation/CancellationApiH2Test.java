package io.orderflow.cancellation;

import io.orderflow.testsupport.H2Test;

@H2Test
class CancellationApiH2Test extends CancellationApiTest {

}
