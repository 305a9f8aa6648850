package io.orderflow.capture;

import io.orderflow.testsupport.H2Test;

@H2Test
class CaptureAtomicityH2Test extends CaptureAtomicityTest {

}
