package io.orderflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code incident.raised} and {@code incident.resolved}: the engine's incident handlers for failed jobs and
 * external tasks, as Camunda's own, that also record the event of the order the process is about, in the
 * engine's transaction. A raised incident is also published inside Orderflow as {@link IncidentRaised}, in the
 * same transaction, so that the order's timeline tells what stopped and what an operator can do. An instance
 * without an order (none in Orderflow's models) tells nothing.
 */
@Component
class IncidentEvents extends AbstractProcessEnginePlugin {

	/** The data of the incident events. */
	record IncidentEvent(String incidentId, String incidentType, String processInstanceId, String activityId,
			String message, String resolution) {
	}

	private final ObjectProvider<OrderEvents> events;

	private final ApplicationEventPublisher publisher;

	IncidentEvents(ObjectProvider<OrderEvents> events, ApplicationEventPublisher publisher) {
		this.events = events;
		this.publisher = publisher;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomIncidentHandlers());
		handlers.add(new Handler(Incident.FAILED_JOB_HANDLER_TYPE));
		handlers.add(new Handler(Incident.EXTERNAL_TASK_HANDLER_TYPE));
		configuration.setCustomIncidentHandlers(handlers);
	}

	private final class Handler extends DefaultIncidentHandler {

		Handler(String type) {
			super(type);
		}

		@Override
		public Incident handleIncident(IncidentContext context, String message) {
			Incident incident = super.handleIncident(context, message);
			UUID orderId = publish(context, EventType.INCIDENT_RAISED, List.of(incident), null);
			if (orderId != null) {
				publisher.publishEvent(new IncidentRaised(orderId, incident.getId(), incident.getActivityId(),
						activityName(context), incident.getIncidentMessage()));
			}
			return incident;
		}

		@Override
		public void resolveIncident(IncidentContext context) {
			remove(context, true);
		}

		@Override
		public void deleteIncident(IncidentContext context) {
			remove(context, false);
		}

		/**
		 * Camunda's removal, in one look-up where there is nothing to remove: every job that ends asks its handler
		 * to remove its incidents, and nearly every job has none. Where there are some, Camunda's own removal
		 * looks them up again and resolves or deletes them; then their events are recorded.
		 */
		private void remove(IncidentContext context, boolean resolved) {
			List<Incident> incidents = Context.getCommandContext()
				.getIncidentManager()
				.findIncidentByConfiguration(context.getConfiguration());
			if (incidents.isEmpty()) {
				return;
			}
			List<Incident> ofThisType = incidents.stream().filter(incident -> type.equals(incident.getIncidentType())).toList();
			if (resolved) {
				super.resolveIncident(context);
			}
			else {
				super.deleteIncident(context);
			}
			publish(context, EventType.INCIDENT_RESOLVED, ofThisType, resolved ? "RESOLVED" : "DELETED");
		}

		/** Records the events of the order the incidents' process is about; returns the order, or null when none. */
		private UUID publish(IncidentContext context, EventType type, List<Incident> incidents, String resolution) {
			if (incidents.isEmpty()) {
				return null;
			}
			ExecutionEntity execution = execution(context);
			Object orderId = execution == null ? null : execution.getVariable(OrderProcess.Variables.ORDER_ID);
			if (orderId == null) {
				return null;
			}
			UUID order = UUID.fromString(orderId.toString());
			for (Incident incident : incidents) {
				events.getObject()
					.publish(order, type, new IncidentEvent(incident.getId(), incident.getIncidentType(),
							incident.getProcessInstanceId(), incident.getActivityId(), incident.getIncidentMessage(),
							resolution));
			}
			return order;
		}

		private static ExecutionEntity execution(IncidentContext context) {
			return context.getExecutionId() == null ? null
					: Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
		}

		/** The name of the activity in the model, as Cockpit shows it; its id when it has none. */
		private static String activityName(IncidentContext context) {
			ExecutionEntity execution = execution(context);
			ActivityImpl activity = execution == null || context.getActivityId() == null ? null
					: execution.getProcessDefinition().findActivity(context.getActivityId());
			return activity == null || activity.getName() == null ? context.getActivityId() : activity.getName();
		}

	}

}
