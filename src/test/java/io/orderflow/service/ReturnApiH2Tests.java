package io.orderflow.service;

import io.orderflow.testsupport.H2Test;

@H2Test
class ReturnApiH2Tests extends ReturnApiTests {

}
