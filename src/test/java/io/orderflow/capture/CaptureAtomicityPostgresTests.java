package io.orderflow.capture;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class CaptureAtomicityPostgresTests extends CaptureAtomicityTests {

}
