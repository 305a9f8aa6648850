package io.orderflow.addresschange;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class AddressChangeApiPostgresTest extends AddressChangeApiTest {

}
