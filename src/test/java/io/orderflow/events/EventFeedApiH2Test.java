package io.orderflow.events;

import io.orderflow.testsupport.H2Test;

/** The event feed on H2. */
@H2Test
class EventFeedApiH2Test extends EventFeedApiTest {

}
