package io.orderflow;

import io.orderflow.testsupport.H2Test;

@H2Test
class LifecycleApiH2Tests extends LifecycleApiTests {

}
