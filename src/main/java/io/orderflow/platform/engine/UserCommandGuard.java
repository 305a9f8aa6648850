package io.orderflow.platform.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Starts go through their documented entry (docs/security.md, "Forged starts"). For a signed-in user who is
 * not an administrator, the outermost command of a call:
 * <ul>
 * <li>starts an instance only at its start event, without skipping listeners or input mappings, and only
 * with the variables of {@link DocumentedStarts} (a 400 names every other variable);</li>
 * <li>never modifies, restarts or migrates an instance (a 403): those stay with administrators;</li>
 * <li>completes a user task only with the fields of its form (a 400 names every other variable), and never
 * sets or removes a task's variables outside a completion (a 403): the variables a process was given by
 * Orderflow (the ids of records, who requested what) stay as they were.</li>
 * </ul>
 * Orderflow's own calls (no user signed in to the engine: {@code /api}, jobs) and what a command does
 * inside (a delegate's nested commands) are not checked here; service tasks check the order's state
 * themselves.
 */
class UserCommandGuard extends CommandInterceptor {

	/** How deep the current thread is in commands; shared by the guards of both chains. */
	private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");

	private static final Field START_AT_BUILDER = field(StartProcessInstanceAtActivitiesCmd.class,
			"instantiationBuilder");

	private static final Field FORM_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");

	private static final Field FORM_VARIABLES = field(SubmitStartFormCmd.class, "variables");

	private static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");

	private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");

	private static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");

	private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");

	@Override
	public <T> T execute(Command<T> command) {
		int[] depth = DEPTH.get();
		if (depth[0] == 0) {
			check(command);
		}
		depth[0]++;
		try {
			return next.execute(command);
		}
		finally {
			depth[0]--;
		}
	}

	private static void check(Command<?> command) {
		CommandContext context = Context.getCommandContext();
		Authentication user = context == null ? null : context.getAuthentication();
		if (user == null || user.getUserId() == null || context.getAuthorizationManager().isCamundaAdmin(user)) {
			return;
		}
		if (command instanceof StartProcessInstanceAtActivitiesCmd) {
			ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) read(START_AT_BUILDER, command);
			throw refused(user, "start " + definitionKey(context, builder) + " at an activity");
		}
		else if (command instanceof StartProcessInstanceCmd) {
			ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) read(START_BUILDER, command);
			ProcessInstanceModificationBuilderImpl modification = builder.getModificationBuilder();
			if (modification != null && (modification.isSkipCustomListeners() || modification.isSkipIoMappings())) {
				throw refused(user, "skip listeners or input mappings");
			}
			checkVariables(definitionKey(context, builder), builder.getVariables());
		}
		else if (command instanceof SubmitStartFormCmd) {
			String definitionId = (String) read(FORM_DEFINITION, command);
			@SuppressWarnings("unchecked")
			Map<String, Object> variables = (Map<String, Object>) read(FORM_VARIABLES, command);
			checkVariables(keyOf(context, definitionId), variables);
		}
		else if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd
				|| command instanceof AbstractModificationCmd<?>) {
			throw refused(user, "modify a process instance");
		}
		else if (command instanceof AbstractRestartProcessInstanceCmd<?>
				|| command instanceof RestartProcessInstancesBatchCmd) {
			throw refused(user, "restart a process instance");
		}
		else if (command instanceof AbstractMigrationCmd) {
			throw refused(user, "migrate a process instance");
		}
		else if (command instanceof CompleteTaskCmd) {
			checkTaskVariables(context, (String) read(COMPLETE_TASK, command), variables(COMPLETE_VARIABLES, command));
		}
		else if (command instanceof SubmitTaskFormCmd) {
			checkTaskVariables(context, (String) read(SUBMIT_TASK, command), variables(SUBMIT_VARIABLES, command));
		}
		else if (command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
				|| command instanceof PatchTaskVariablesCmd) {
			throw refused(user, "change a task's variables other than by completing it with its form");
		}
	}

	/**
	 * A completion carries only fields of the task's form. An unknown task is left to the command (a 404); a
	 * task without a form that can be found takes no variables at all.
	 */
	private static void checkTaskVariables(CommandContext context, String taskId, Map<String, Object> variables) {
		if (variables == null || variables.isEmpty() || taskId == null) {
			return;
		}
		TaskEntity task = context.getTaskManager().findTaskById(taskId);
		if (task == null) {
			return;
		}
		Set<String> fields = TaskFormFields.of(context, task).orElse(Set.of());
		List<FieldViolation> violations = new ArrayList<>();
		for (String name : new TreeSet<>(variables.keySet())) {
			if (!fields.contains(name)) {
				violations.add(new FieldViolation("variables." + name, "is not a field of the form of \""
						+ task.getName() + "\"" + (fields.isEmpty() ? ", which takes no variables"
								: ": it takes only " + String.join(", ", new TreeSet<>(fields)))));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> variables(Field field, Command<?> command) {
		return (Map<String, Object>) read(field, command);
	}

	private static void checkVariables(String processKey, Map<String, Object> variables) {
		Set<String> documented = DocumentedStarts.VARIABLES.get(processKey);
		if (documented == null) {
			// started by Orderflow only (a fulfillment order); the engine's authorizations refuse it anyway
			throw new AuthorizationException(processKey + " is started by Orderflow itself, not by a user");
		}
		List<FieldViolation> violations = new ArrayList<>();
		for (String name : new TreeSet<>(variables == null ? Set.of() : variables.keySet())) {
			if (!documented.contains(name)) {
				violations.add(new FieldViolation("variables." + name, "is not a start variable of " + processKey
						+ ": a start takes only " + String.join(", ", new TreeSet<>(documented))));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	private static String definitionKey(CommandContext context, ProcessInstantiationBuilderImpl builder) {
		return builder.getProcessDefinitionKey() != null ? builder.getProcessDefinitionKey()
				: keyOf(context, builder.getProcessDefinitionId());
	}

	private static String keyOf(CommandContext context, String definitionId) {
		return context.getProcessEngineConfiguration()
			.getDeploymentCache()
			.findDeployedProcessDefinitionById(definitionId)
			.getKey();
	}

	private static AuthorizationException refused(Authentication user, String what) {
		return new AuthorizationException(
				"User '" + user.getUserId() + "' may not " + what + ": only administrators may (docs/security.md)");
	}

	private static Field field(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException e) {
			// a Camunda upgrade renamed it: fail at startup, not by letting starts through
			throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field " + name, e);
		}
	}

	private static Object read(Field field, Object command) {
		try {
			return field.get(command);
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

}
