package io.orderflow.platform.engine;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;

import org.springframework.stereotype.Component;

/**
 * Camunda checks the id of every row it inserts (not null, not {@code *}) and builds the message of the
 * failure first, whether the check fails or not: the text of the whole entity, dates and all. For an
 * activity's history row that costs more than the insert itself; in the benchmark's profile it was about
 * 3 % of the server's CPU. Orderflow's engine makes the same check and builds the same message, only when
 * the id is wrong (docs/performance.md).
 */
@Component
class LazyIdCheck extends AbstractProcessEnginePlugin {

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.getSessionFactories()
			.put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
	}

	static final class Factory extends DbEntityManagerFactory {

		Factory(IdGenerator idGenerator) {
			super(idGenerator);
		}

		@Override
		public DbEntityManager openSession() {
			return new Manager(idGenerator, Context.getCommandContext().getSession(PersistenceSession.class));
		}

	}

	static final class Manager extends DbEntityManager {

		Manager(IdGenerator idGenerator, PersistenceSession persistenceSession) {
			super(idGenerator, persistenceSession);
		}

		@Override
		protected void validateId(DbEntity dbEntity) {
			if (dbEntity.getId() == null || Authorization.ANY.equals(dbEntity.getId())) {
				super.validateId(dbEntity);
			}
		}

	}

}
