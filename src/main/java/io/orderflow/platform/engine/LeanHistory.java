package io.orderflow.platform.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The engine's history at level {@code full}, without the two kinds of rows that nobody reads and that were
 * more than a third of the history an order wrote (docs/performance.md, "History"): the job log of jobs that
 * ran without a failure (nine per order, each created, then succeeded; the engine does not even make their
 * history events), and the variable details (one row per variable change, beside the variable's own history
 * row, which stays). Kept is
 * everything Cockpit shows and the audit needs: process, activity, task and variable instances, incidents,
 * the failures of jobs with their stack traces, decisions, identity links and the user operation log.
 * {@code orderflow.history.successful-jobs} and {@code orderflow.history.variable-details} bring them back.
 * The database's history level stays {@code full}, so either way needs no change of an existing database.
 */
@Component
@EnableConfigurationProperties(LeanHistory.Properties.class)
class LeanHistory extends AbstractProcessEnginePlugin {

	private final Properties properties;

	LeanHistory(Properties properties) {
		this.properties = properties;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (!properties.successfulJobs()) {
			// the level named "full" that comes last is the one the engine takes (Camunda's own comes first)
			List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
					: new ArrayList<>(configuration.getCustomHistoryLevels());
			levels.add(new FullWithoutSuccessfulJobs());
			configuration.setCustomHistoryLevels(levels);
		}
		if (!properties.variableDetails()) {
			List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
					? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
			handlers.add(0, new WithoutVariableDetails());
			configuration.setCustomHistoryEventHandlers(handlers);
			configuration.setEnableDefaultDbHistoryEventHandler(false);
		}
	}

	/**
	 * History level {@code full} (the same name and id in the database), except that a job's creation, success
	 * and deletion are not made into history events at all: the engine neither builds them nor looks up what
	 * they would need (the job's definition and, counting the removal time from the start, a batch by the job's
	 * configuration, once per job). A failure still is.
	 */
	static final class FullWithoutSuccessfulJobs extends HistoryLevelFull {

		@Override
		public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
			return eventType != HistoryEventTypes.JOB_CREATE && eventType != HistoryEventTypes.JOB_SUCCESS
					&& eventType != HistoryEventTypes.JOB_DELETE;
		}

	}

	/** Camunda's handler that writes history to the database, without a row for every change of a variable. */
	static final class WithoutVariableDetails extends DbHistoryEventHandler {

		@Override
		protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
			return false;
		}

	}

	/**
	 * {@code orderflow.history}: what the engine's history keeps besides what Cockpit and the audit need.
	 *
	 * @param successfulJobs the job log of jobs that did not fail (created, succeeded, deleted); failures are
	 * always kept
	 * @param variableDetails a row for every change of a process variable (the variable's history is always kept)
	 */
	@ConfigurationProperties("orderflow.history")
	record Properties(@DefaultValue("false") boolean successfulJobs, @DefaultValue("false") boolean variableDetails) {
	}

}
