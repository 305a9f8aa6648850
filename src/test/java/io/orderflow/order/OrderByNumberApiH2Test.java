package io.orderflow.order;

import io.orderflow.testsupport.H2Test;

/** Orders named by id or number, on H2. */
@H2Test
class OrderByNumberApiH2Test extends OrderByNumberApiTest {

}
