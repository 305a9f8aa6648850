package io.orderflow.cancellation;

import io.orderflow.testsupport.H2Test;

@H2Test
class ConcurrentCancellationsH2Test extends ConcurrentCancellationsTest {

}
