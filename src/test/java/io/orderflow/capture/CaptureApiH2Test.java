package io.orderflow.capture;

import io.orderflow.testsupport.H2Test;

/** Order capture through the REST API, on H2. */
@H2Test
class CaptureApiH2Test extends CaptureApiTest {

}
