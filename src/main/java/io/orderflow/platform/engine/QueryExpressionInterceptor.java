package io.orderflow.platform.engine;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;

/**
 * Checks every query before the engine runs it (inside the command's context, as a post-command
 * interceptor, so that a stored filter can be read), whichever entry point built it ({@code /engine-rest},
 * the webapps' engine API, Java): a query run as a command of its own is ad-hoc and may hold no
 * expression at any depth (the engine's own check sees only the top level, not {@code orQueries});
 * the query a caller adds to a filter's ("extending") is ad-hoc too; a filter is saved only with the
 * expressions Tasklist needs. {@link GuardedExpressionManager} checks once more when an expression is
 * evaluated, for whatever path this does not see.
 */
class QueryExpressionInterceptor extends CommandInterceptor {

	private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");

	private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");

	private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

	@Override
	public <T> T execute(Command<T> command) {
		if (command instanceof AbstractQuery<?, ?> query) {
			QueryExpressions.refuseAny(query);
		}
		else if (command instanceof AbstractExecuteFilterCmd execute) {
			if (read(EXTENDING_QUERY, execute) instanceof AbstractQuery<?, ?> extending) {
				QueryExpressions.refuseAny(extending);
			}
			// a filter stored before this guard (or written to the table directly) is checked before it runs
			if (read(FILTER_ID, execute) instanceof String filterId) {
				FilterEntity stored = Context.getCommandContext().getFilterManager().findFilterById(filterId);
				if (stored != null && stored.getQuery() instanceof AbstractQuery<?, ?> query) {
					QueryExpressions.refuseUnlisted(query);
				}
			}
		}
		else if (command instanceof SaveFilterCmd save && read(SAVED_FILTER, save) instanceof Filter filter
				&& filter.getQuery() instanceof AbstractQuery<?, ?> stored) {
			QueryExpressions.refuseUnlisted(stored);
		}
		return next.execute(command);
	}

	private static Field field(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException e) {
			// an engine upgrade renamed it: fail at start-up, not open at run time
			throw new IllegalStateException("The engine's " + type.getSimpleName() + "." + name
					+ " is gone: the query expression guard must be adapted to this engine version", e);
		}
	}

	private static Object read(Field field, Object target) {
		try {
			return field.get(target);
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

}
