package io.orderflow.platform.engine;

import io.orderflow.platform.NotWorthRetrying;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

import org.springframework.stereotype.Component;

/**
 * A job that failed with a {@link NotWorthRetrying} exception (or one caused by it) has no retries left at once, which
 * makes it an incident with the exception's message; every other failure goes to the engine's own retry handling (the
 * element's {@code failedJobRetryTimeCycle}).
 */
@Component
class FailuresNotWorthRetrying extends AbstractProcessEnginePlugin {

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		FailedJobCommandFactory engines = configuration.getFailedJobCommandFactory() != null
				? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
		configuration.setFailedJobCommandFactory(
				(jobId, exception) -> notWorthRetrying(exception) ? new NoRetriesLeft(jobId, exception)
						: engines.getCommand(jobId, exception));
	}

	static boolean notWorthRetrying(Throwable exception) {
		for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof NotWorthRetrying) {
				return true;
			}
		}
		return false;
	}

	/** Records the failure on the job and leaves it no retries: the engine raises the incident. */
	static final class NoRetriesLeft extends JobRetryCmd implements Command<Object> {

		NoRetriesLeft(String jobId, Throwable exception) {
			super(jobId, exception);
		}

		@Override
		public Object execute(CommandContext commandContext) {
			JobEntity job = getJob();
			if (job == null) {
				return null;
			}
			job.unlock();
			logException(job);
			job.setRetries(0);
			notifyAcquisition(commandContext);
			return null;
		}

	}

}
