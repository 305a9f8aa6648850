package io.orderflow.delivery;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderflow.OrderProcess;
import io.orderflow.order.TaskDecisions;
import io.orderflow.order.TaskDecisions.TaskDecision;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The decision a step acts on, as the engine recorded it when a service agent completed the task
 * ({@link TaskDecisions}), never a process variable: the latest completion of any of the tasks named.
 */
final class Decided {

	private Decided() {
	}

	/**
	 * The decision on the latest failed delivery of the execution's fulfillment order: taken after the failure was
	 * recorded, so that a decision on an earlier failure of the same parcel proves nothing.
	 * @throws StateConflictException as {@link #by}, or when the decision is older than the failure
	 */
	static TaskDecision onFailure(TaskDecisions decisions, DeliveryFailures failures, DelegateExecution execution,
			String expected, String... taskKeys) {
		TaskDecision decision = by(decisions, execution, expected, taskKeys);
		failures.latestOf(OrderProcess.fulfillmentOrderId(execution))
			.filter(failure -> decision.decidedAt().isBefore(failure.createdAt()))
			.ifPresent(failure -> {
				throw new StateConflictException("No service agent decided " + expected + " on the failed delivery of "
						+ failure.createdAt() + " (the latest decision is older)");
			});
		return decision;
	}

	/**
	 * @return the decision, with who took it
	 * @throws StateConflictException when the latest completion of the tasks did not decide {@code expected}
	 */
	static TaskDecision by(TaskDecisions decisions, DelegateExecution execution, String expected, String... taskKeys) {
		Optional<TaskDecision> latest = Stream.of(taskKeys)
			.map(key -> decisions.latest(execution.getProcessInstanceId(), key))
			.flatMap(Optional::stream)
			.max(Comparator.comparing(TaskDecision::decidedAt));
		return latest.filter(decision -> decision.is(expected))
			.orElseThrow(() -> new StateConflictException("No service agent decided " + expected + " on "
					+ String.join(" or ", taskKeys) + " (latest: " + latest.map(TaskDecision::decision).orElse("none")
					+ ")"));
	}

}
