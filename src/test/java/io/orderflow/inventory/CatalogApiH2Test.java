package io.orderflow.inventory;

import io.orderflow.testsupport.H2Test;

/** The catalog and the locations over REST on H2. */
@H2Test
class CatalogApiH2Test extends CatalogApiTest {

}
