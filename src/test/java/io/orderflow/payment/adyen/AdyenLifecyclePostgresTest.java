package io.orderflow.payment.adyen;

import io.orderflow.testsupport.PostgresTest;

/**
 * The lifecycle through the Adyen gateway on the real PostgreSQL server, with the production profile: the matching
 * of notifications and the figures of {@code provider} are SQL that runs on both databases.
 */
@PostgresTest
class AdyenLifecyclePostgresTest extends AdyenLifecycleTest {

}
