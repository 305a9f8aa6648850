package io.orderflow.order;

import io.orderflow.testsupport.PostgresTest;

/** Orders named by id or number, on the real PostgreSQL server. */
@PostgresTest
class OrderByNumberApiPostgresTest extends OrderByNumberApiTest {

}
