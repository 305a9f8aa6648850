package io.orderflow;

import io.orderflow.testsupport.H2Test;

@H2Test
class LifecycleApiH2Test extends LifecycleApiTest {

}
