/**
 * Outbound events: what happened to an order, told to the systems around Orderflow. Every stage records its
 * events through {@link io.orderflow.events.OrderEvents} in the transaction of the change (a transactional
 * outbox); the feed ({@code GET /api/events}) pages through them in commit order. See docs/events.md.
 */
package io.orderflow.events;
