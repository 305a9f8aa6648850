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
import org.camunda.bpm.engine.runtime.Incident;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code incident.raised} and {@code incident.resolved}: the engine's incident handlers for failed jobs and
 * external tasks, as Camunda's own, that also record the event of the order the process is about, in the
 * engine's transaction. An instance without an order (none in Orderflow's models) tells nothing.
 */
@Component
class IncidentEvents extends AbstractProcessEnginePlugin {

	/** The data of the incident events. */
	record IncidentEvent(String incidentId, String incidentType, String processInstanceId, String activityId,
			String message, String resolution) {
	}

	private final ObjectProvider<OrderEvents> events;

	IncidentEvents(ObjectProvider<OrderEvents> events) {
		this.events = events;
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
			publish(context, EventType.INCIDENT_RAISED, List.of(incident), null);
			return incident;
		}

		@Override
		public void resolveIncident(IncidentContext context) {
			List<Incident> open = open(context);
			super.resolveIncident(context);
			publish(context, EventType.INCIDENT_RESOLVED, open, "RESOLVED");
		}

		@Override
		public void deleteIncident(IncidentContext context) {
			List<Incident> open = open(context);
			super.deleteIncident(context);
			publish(context, EventType.INCIDENT_RESOLVED, open, "DELETED");
		}

		private List<Incident> open(IncidentContext context) {
			return List.copyOf(Context.getCommandContext()
				.getIncidentManager()
				.findIncidentByConfigurationAndIncidentType(context.getConfiguration(), type));
		}

		private void publish(IncidentContext context, EventType type, List<Incident> incidents, String resolution) {
			if (incidents.isEmpty() || context.getExecutionId() == null) {
				return;
			}
			ExecutionEntity execution = Context.getCommandContext()
				.getExecutionManager()
				.findExecutionById(context.getExecutionId());
			Object orderId = execution == null ? null : execution.getVariable(OrderProcess.Variables.ORDER_ID);
			if (orderId == null) {
				return;
			}
			for (Incident incident : incidents) {
				events.getObject()
					.publish(UUID.fromString(orderId.toString()), type,
							new IncidentEvent(incident.getId(), incident.getIncidentType(),
									incident.getProcessInstanceId(), incident.getActivityId(),
									incident.getIncidentMessage(), resolution));
			}
		}

	}

}
