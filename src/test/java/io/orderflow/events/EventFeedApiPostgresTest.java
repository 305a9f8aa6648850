package io.orderflow.events;

import io.orderflow.testsupport.PostgresTest;

/** The event feed on PostgreSQL. */
@PostgresTest
class EventFeedApiPostgresTest extends EventFeedApiTest {

}
