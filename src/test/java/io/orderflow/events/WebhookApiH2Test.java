package io.orderflow.events;

import io.orderflow.testsupport.H2Test;

/** Webhooks on H2. */
@H2Test
class WebhookApiH2Test extends WebhookApiTest {

}
