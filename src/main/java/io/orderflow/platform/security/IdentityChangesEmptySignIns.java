package io.orderflow.platform.security;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

import org.springframework.stereotype.Component;

/**
 * Empties the {@link PasswordSignIns} of this node when a change of a user (a new password, a deletion, an
 * unlock), a group or a membership commits in its engine, whether it came from the Admin webapp,
 * {@code /engine-rest} or Orderflow's own code: the engine's identity provider is Camunda's own, with the
 * writes reporting here after their commit.
 */
@Component
class IdentityChangesEmptySignIns extends AbstractProcessEnginePlugin {

	private final PasswordSignIns signIns;

	IdentityChangesEmptySignIns(PasswordSignIns signIns) {
		this.signIns = signIns;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setIdentityProviderSessionFactory(new SessionFactory() {
			@Override
			public Class<?> getSessionType() {
				return ReportingIdentityProvider.class;
			}

			@Override
			public Session openSession() {
				return new ReportingIdentityProvider(signIns);
			}
		});
	}

	/** Camunda's database identity provider, which empties the sign-ins after each write commits. */
	static final class ReportingIdentityProvider extends DbIdentityServiceProvider {

		private final PasswordSignIns signIns;

		ReportingIdentityProvider(PasswordSignIns signIns) {
			this.signIns = signIns;
		}

		@Override
		public IdentityOperationResult saveUser(User user) {
			return changed(super.saveUser(user));
		}

		@Override
		public IdentityOperationResult deleteUser(String userId) {
			return changed(super.deleteUser(userId));
		}

		@Override
		public IdentityOperationResult unlockUser(String userId) {
			return changed(super.unlockUser(userId));
		}

		@Override
		public IdentityOperationResult saveGroup(Group group) {
			return changed(super.saveGroup(group));
		}

		@Override
		public IdentityOperationResult deleteGroup(String groupId) {
			return changed(super.deleteGroup(groupId));
		}

		@Override
		public IdentityOperationResult createMembership(String userId, String groupId) {
			return changed(super.createMembership(userId, groupId));
		}

		@Override
		public IdentityOperationResult deleteMembership(String userId, String groupId) {
			return changed(super.deleteMembership(userId, groupId));
		}

		private IdentityOperationResult changed(IdentityOperationResult result) {
			Context.getCommandContext()
				.getTransactionContext()
				.addTransactionListener(TransactionState.COMMITTED, commandContext -> signIns.clear());
			return result;
		}

	}

}
