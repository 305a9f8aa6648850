/**
 * The inbox of inbound events (locations, carriers, returns): deduplication by event id and the receipt a sender gets.
 */
@NamedInterface("events")
package io.orderflow.platform.events;

import org.springframework.modulith.NamedInterface;
