package io.orderflow.events;

import io.orderflow.testsupport.PostgresTest;

/** Webhooks on PostgreSQL. */
@PostgresTest
class WebhookApiPostgresTest extends WebhookApiTest {

}
