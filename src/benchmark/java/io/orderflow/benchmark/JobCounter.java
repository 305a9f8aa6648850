package io.orderflow.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Counts the jobs the engine ran without a failure, in memory, as they run: Orderflow keeps no job log of them
 * and makes no history event of them (orderflow.history.successful-jobs), so the benchmark wraps the engine's job
 * handlers instead of reading anything back from the database. Failures are still read from the job log. A bean:
 * Camunda's Spring Boot starter adds the application's process engine plugins to the engine.
 */
final class JobCounter extends AbstractProcessEnginePlugin {

	private final Queue<Success> successes = new ConcurrentLinkedQueue<>();

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.getJobHandlers().replaceAll((type, handler) -> new Counting(handler));
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

	/** A job handler that counts the jobs it ran once their transaction commits: a job whose commit fails is not done. */
	private final class Counting<T extends JobHandlerConfiguration> implements JobHandler<T> {

		private final JobHandler<T> handler;

		Counting(JobHandler<T> handler) {
			this.handler = handler;
		}

		@Override
		public String getType() {
			return handler.getType();
		}

		@Override
		public void execute(T configuration, ExecutionEntity execution, CommandContext context, String tenantId) {
			JobEntity job = context.getCurrentJob();
			handler.execute(configuration, execution, context, tenantId);
			if (job != null) {
				Success success = new Success(ClockUtil.getCurrentTime().toInstant(), job.getProcessDefinitionKey(),
						job.getActivityId(), job.getProcessInstanceId(), job.getJobHandlerType());
				context.getTransactionContext()
					.addTransactionListener(TransactionState.COMMITTED, committed -> successes.add(success));
			}
		}

		@Override
		public T newConfiguration(String canonicalString) {
			return handler.newConfiguration(canonicalString);
		}

		@Override
		public void onDelete(T configuration, JobEntity jobEntity) {
			handler.onDelete(configuration, jobEntity);
		}

	}

}
