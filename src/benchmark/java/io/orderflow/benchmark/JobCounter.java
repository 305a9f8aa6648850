package io.orderflow.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Counts the jobs the engine ran without a failure, in memory, from the engine's history events: Orderflow does
 * not keep their job log (orderflow.history.successful-jobs), so the benchmark listens to the events as they
 * happen instead of reading them back from the database. Failures are still read from the job log.
 */
final class JobCounter extends AbstractProcessEnginePlugin implements HistoryEventHandler {

	/** By job id: a job succeeds once, however many handlers pass its event on. */
	private final Map<String, Success> successes = new ConcurrentHashMap<>();

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomHistoryEventHandlers());
		handlers.add(this);
		configuration.setCustomHistoryEventHandlers(handlers);
	}

	@Override
	public void handleEvent(HistoryEvent event) {
		if (event instanceof HistoricJobLogEvent job && job.getState() == JobState.SUCCESSFUL.getStateCode()) {
			Success success = new Success(job.getTimestamp().toInstant(), job.getProcessDefinitionKey(),
					job.getActivityId(), job.getProcessInstanceId(), job.getJobDefinitionType());
			// counted once the job's transaction commits: a job whose commit fails is not done
			Context.getCommandContext()
				.getTransactionContext()
				.addTransactionListener(TransactionState.COMMITTED, committed -> successes.putIfAbsent(job.getJobId(), success));
		}
	}

	@Override
	public void handleEvents(List<HistoryEvent> events) {
		events.forEach(this::handleEvent);
	}

	/** The jobs that succeeded (and committed) since {@code since}. */
	List<Success> since(Instant since) {
		return successes.values().stream().filter(success -> !success.at().isBefore(since)).toList();
	}

	record Success(Instant at, String processDefinitionKey, String activityId, String processInstanceId,
			String jobDefinitionType) {

		boolean asyncContinuation() {
			return "async-continuation".equals(jobDefinitionType);
		}

	}

}
