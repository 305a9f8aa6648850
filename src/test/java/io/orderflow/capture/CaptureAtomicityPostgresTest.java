package io.orderflow.capture;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class CaptureAtomicityPostgresTest extends CaptureAtomicityTest {

}
