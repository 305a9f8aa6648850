package io.orderflow.platform.security;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task completed twice (two agents, a double click) must change things once and answer clearly.
 * The engine changes things once by itself, but engine-rest answers the second completion of a task
 * that is gone with a 500. This answers 404 instead, before the engine is asked. (Two completions in
 * the very same instant still reach the engine, which refuses the second.)
 */
class GoneTaskFilter extends OncePerRequestFilter {

	private static final Pattern COMPLETION = Pattern
		.compile("/engine-rest(?:/engine/[^/]+)?/task/([^/]+)/(?:complete|submit-form|resolve)");

	private final JdbcClient jdbc;

	GoneTaskFilter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher completion = COMPLETION.matcher(request.getRequestURI());
		if ("POST".equals(request.getMethod()) && completion.matches() && !exists(completion.group(1))) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"urn:orderflow:problem:task-gone\",\"title\":\"Task gone\",\"status\":404,"
						+ "\"detail\":\"The task is already completed (or never existed): nothing was changed\"}");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean exists(String taskId) {
		// read directly: whether the caller may see the task is for the engine's authorization to say
		return jdbc.sql("select count(*) from ACT_RU_TASK where ID_ = :id").param("id", taskId).query(Long.class).single() > 0;
	}

}
