package io.orderflow.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Counts the jobs the engine ran without a failure, in memory, from the engine's history events: Orderflow does
 * not keep their job log (orderflow.history.successful-jobs), so the benchmark listens to the events as they
 * happen instead of reading them back from the database. Failures are still read from the job log. A bean:
 * Camunda's Spring Boot starter adds the application's history event handler to the engine's own.
 */
final class JobCounter implements HistoryEventHandler {

	private final Queue<Success> successes = new ConcurrentLinkedQueue<>();

	@Override
	public void handleEvent(HistoryEvent event) {
		if (event instanceof HistoricJobLogEvent job && job.getState() == JobState.SUCCESSFUL.getStateCode()) {
			Success success = new Success(job.getTimestamp().toInstant(), job.getProcessDefinitionKey(),
					job.getActivityId(), job.getProcessInstanceId(), job.getJobDefinitionType());
			// counted once the job's transaction commits: a job whose commit fails is not done
			Context.getCommandContext()
				.getTransactionContext()
				.addTransactionListener(TransactionState.COMMITTED, committed -> successes.add(success));
		}
	}

	@Override
	public void handleEvents(List<HistoryEvent> events) {
		events.forEach(this::handleEvent);
	}

	/** The jobs that succeeded (and committed) since {@code since}. */
	List<Success> since(Instant since) {
		return successes.stream().filter(success -> !success.at().isBefore(since)).toList();
	}

	record Success(Instant at, String processDefinitionKey, String activityId, String processInstanceId,
			String jobDefinitionType) {

		boolean asyncContinuation() {
			return "async-continuation".equals(jobDefinitionType);
		}

	}

}
