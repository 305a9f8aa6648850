package io.orderflow.addresschange;

import io.orderflow.testsupport.H2Test;

@H2Test
class AddressChangeApiH2Test extends AddressChangeApiTest {

}
