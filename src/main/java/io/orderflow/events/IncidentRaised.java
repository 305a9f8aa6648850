package io.orderflow.events;

import java.util.UUID;

/**
 * An incident was raised in a process about an order (a job whose retries ran out, a failed external task),
 * published inside Orderflow in the engine's transaction that raised it, next to {@code incident.raised}.
 * @param activityName the name of the step in the model, as Cockpit shows it
 * @param message what failed, as the incident in Cockpit says
 */
public record IncidentRaised(UUID orderId, String incidentId, String activityId, String activityName,
		String message) {
}
