package io.orderflow.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.testsupport.H2Test;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's id check on every insert: the same refusals as Camunda's, with the same message, but the entity
 * is turned into text only when its id is refused.
 */
@H2Test
class LazyIdCheckH2Test {

	@Autowired
	ProcessEngine engine;

	@Test
	void anEntityWithAGoodIdIsNotTurnedIntoText() {
		inCommand(manager -> {
			assertThat(manager).isInstanceOf(LazyIdCheck.Manager.class);
			((LazyIdCheck.Manager) manager).validateId(new Row("4711", true));
		});
	}

	@Test
	void aMissingIdIsRefusedNamingTheEntity() {
		inCommand(manager -> assertThatThrownBy(() -> ((LazyIdCheck.Manager) manager).validateId(new Row(null, false)))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("Entity Row[id=null] has an invalid id"));
	}

	@Test
	void theReservedIdIsRefused() {
		inCommand(manager -> assertThatThrownBy(() -> ((LazyIdCheck.Manager) manager).validateId(new Row("*", false)))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("Entity Row[id=*] has an invalid id")
			.hasMessageContaining("reserved identifier"));
	}

	private void inCommand(java.util.function.Consumer<DbEntityManager> check) {
		((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
			.execute(context -> {
				check.accept(context.getDbEntityManager());
				return null;
			});
	}

	/** A row whose text fails the test when {@code textForbidden}. */
	private static final class Row implements DbEntity {

		private String id;

		private final boolean textForbidden;

		Row(String id, boolean textForbidden) {
			this.id = id;
			this.textForbidden = textForbidden;
		}

		@Override
		public String getId() {
			return id;
		}

		@Override
		public void setId(String id) {
			this.id = id;
		}

		@Override
		public Object getPersistentState() {
			return id;
		}

		@Override
		public String toString() {
			if (textForbidden) {
				throw new AssertionError("the entity was turned into text although its id is fine");
			}
			return "Row[id=" + id + "]";
		}

	}

}
