package io.orderflow.inventory;

import io.orderflow.testsupport.PostgresTest;

/** The catalog and the locations over REST on PostgreSQL. */
@PostgresTest
class CatalogApiPostgresTest extends CatalogApiTest {

}
