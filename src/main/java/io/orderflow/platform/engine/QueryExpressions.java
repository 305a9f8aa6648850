package io.orderflow.platform.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * What Orderflow lets the engine evaluate inside a query. A JUEL expression can call any method of any
 * object it reaches, so an expression in a query is code run on the server for whoever sent the query.
 * Ad-hoc queries (sent over {@code /engine-rest} or the webapps' API) may hold none, at any depth; stored
 * filters only the few Tasklist's filter editor offers: the current user and their groups, now, and a
 * date computed from now.
 */
final class QueryExpressions {

	private static final String DATE_STEP = "\\.\\s*(?:plus|minus)(?:Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(\\s*\\d{1,6}\\s*\\)\\s*";

	/** {@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}}, {@code ${dateTime().plusDays(2).toDate()}}. */
	private static final Pattern ALLOWED_IN_STORED_QUERIES = Pattern.compile("\\$\\{\\s*(?:currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
			+ "|dateTime\\(\\)\\s*(?:" + DATE_STEP + ")*(?:\\.\\s*withTimeAtStartOfDay\\(\\)\\s*)?(?:\\.\\s*toDate\\(\\)\\s*)?)\\s*}");

	private static final int MAX_LENGTH = 200;

	private QueryExpressions() {
	}

	/** Whether an expression is one a stored filter may hold. */
	static boolean allowedInStoredQuery(String expression) {
		return expression != null && expression.length() <= MAX_LENGTH
				&& ALLOWED_IN_STORED_QUERIES.matcher(expression).matches();
	}

	/** Refuses a query that holds any expression, in itself or in any of its {@code orQueries}. */
	static void refuseAny(AbstractQuery<?, ?> query) {
		List<String> expressions = expressionsOf(query);
		if (!expressions.isEmpty()) {
			throw new BadUserRequestException("Expressions are forbidden in ad-hoc queries, in orQueries too: "
					+ describe(expressions));
		}
	}

	/** Refuses a query to be stored (a filter) that holds an expression Tasklist does not need. */
	static void refuseUnlisted(AbstractQuery<?, ?> query) {
		List<String> unlisted = expressionsOf(query).stream().filter(e -> !allowedInStoredQuery(e)).toList();
		if (!unlisted.isEmpty()) {
			throw new BadUserRequestException("A filter may only use the expressions ${currentUser()}, "
					+ "${currentUserGroups()}, ${now()} and ${dateTime()…}: " + describe(unlisted));
		}
	}

	/** Refuses, at the moment the engine evaluates it for a query, an expression no filter may hold. */
	static void requireAllowedInQuery(String expression) {
		if (!allowedInStoredQuery(expression)) {
			throw new BadUserRequestException("Orderflow evaluates no such expression in a query: "
					+ describe(List.of(expression)));
		}
	}

	/** Every expression of a query and of its {@code orQueries} (only task queries nest). */
	static List<String> expressionsOf(AbstractQuery<?, ?> query) {
		List<String> expressions = new ArrayList<>(query.getExpressions().values());
		if (query instanceof TaskQueryImpl taskQuery && taskQuery.getQueries() != null) {
			for (TaskQueryImpl or : taskQuery.getQueries()) {
				if (or != query) {
					expressions.addAll(or.getExpressions().values());
				}
			}
		}
		return expressions;
	}

	private static String describe(List<String> expressions) {
		// never echo an attacker's megabyte back
		return expressions.stream()
			.map(e -> e == null ? "null" : e.length() > 60 ? e.substring(0, 60) + "…" : e)
			.toList()
			.toString();
	}

}
