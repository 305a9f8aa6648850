package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.TaskDecisions;
import io.orderflow.order.TaskDecisions.TaskDecision;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RerouteLateFulfillmentOrder}: the agent takes the late fulfillment order away from its location
 * ({@link LateReroutes}); the fulfillment orders that took its lines over go into "Fulfill re-routed lines". Runs in
 * the agent's completion of "Resolve late fulfillment": a fulfillment order that shipped meanwhile is not re-routed,
 * and the agent is told.
 */
@Component("rerouteLateFulfillmentOrder")
class RerouteLateFulfillmentOrderDelegate implements JavaDelegate {

	private final LateReroutes reroutes;

	private final TaskDecisions decisions;

	private final OrderProgress progress;

	RerouteLateFulfillmentOrderDelegate(LateReroutes reroutes, TaskDecisions decisions, OrderProgress progress) {
		this.reroutes = reroutes;
		this.decisions = decisions;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		TaskDecision decision = decisions
			.latest(execution.getProcessInstanceId(), FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_FULFILLMENT)
			.filter(taken -> taken.is(Decisions.REROUTE))
			.orElseThrow(() -> new StateConflictException("No service agent decided to re-route"));
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		List<UUID> rerouted = reroutes.reroute(id, decision.decidedBy());
		execution.setVariable(LifecycleProcess.Variables.REROUTED_FULFILLMENT_ORDER_IDS, OrderProcess.idList(rerouted));
		progress.refresh(OrderProcess.orderId(execution), "system:allocation");
	}

}
