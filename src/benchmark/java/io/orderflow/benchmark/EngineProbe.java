package io.orderflow.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the engine did during a run (jobs executed, counted by {@link JobCounter}; jobs failed, from the job
 * log) and, when a run gets stuck, where the process instances stand, which jobs fail and which
 * incidents were raised.
 */
final class EngineProbe {

	private final JdbcTemplate jdbc;

	private final ManagementService management;

	private final RuntimeService runtime;

	private final JobCounter jobs;

	EngineProbe(JdbcTemplate jdbc, ProcessEngine engine, JobCounter jobs) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.management = engine.getManagementService();
		this.runtime = engine.getRuntimeService();
	}

	/** The job log of the given process definitions since {@code since}. */
	JobLog jobLog(Collection<String> processKeys, Instant since, int instances) {
		String keys = String.join(",", processKeys.stream().map(k -> "'" + k.replace("'", "''") + "'").toList());
		String window = " from act_hi_job_log where timestamp_ >= ? and process_def_key_ in (" + keys + ")";
		Timestamp from = Timestamp.from(since);
		List<JobCounter.Success> succeededJobs = jobs.since(since)
			.stream()
			.filter(job -> processKeys.contains(job.processDefinitionKey()))
			.toList();
		long succeeded = succeededJobs.stream().filter(JobCounter.Success::asyncContinuation).count();
		long savePointsVisited = succeededJobs.stream()
			.filter(JobCounter.Success::asyncContinuation)
			.map(job -> job.processInstanceId() + ":" + job.activityId())
			.distinct()
			.count();
		long timers = succeededJobs.size() - succeeded;
		Map<String, Long> failures = new LinkedHashMap<>();
		jdbc.query("select act_id_, coalesce(substr(job_exception_msg_, 1, 160), '') as msg, count(*) as n" + window
				+ " and job_state_ = 1 group by act_id_, msg order by n desc limit 15", rs -> {
					failures.put(rs.getString(1) + ": " + rs.getString(2), rs.getLong(3));
				}, from);
		List<String> visited = succeededJobs.stream()
			.filter(JobCounter.Success::asyncContinuation)
			.collect(Collectors.groupingBy(job -> job.processDefinitionKey() + "/" + job.activityId(), TreeMap::new,
					Collectors.counting()))
			.entrySet()
			.stream()
			.map(entry -> entry.getKey() + " ×" + entry.getValue())
			.toList();
		return new JobLog(succeeded, timers, failures.values().stream().mapToLong(Long::longValue).sum(), failures,
				instances == 0 ? 0 : (double) savePointsVisited / instances, visited);
	}

	long openIncidents() {
		return runtime.createIncidentQuery().count();
	}

	/** Where things stand: for a report when a run does not finish. */
	List<String> diagnose() {
		List<String> lines = new ArrayList<>();
		lines.add("Executions by activity (process definition / activity: count):");
		jdbc.query("""
				select d.key_, e.act_id_, count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
				where e.act_id_ is not null group by d.key_, e.act_id_ order by 3 desc limit 25""",
				rs -> {
					lines.add("  " + rs.getString(1) + " / " + rs.getString(2) + ": " + rs.getLong(3));
				});
		lines.add("Jobs: " + management.createJobQuery().count() + " in all, "
				+ management.createJobQuery().executable().count() + " due, "
				+ management.createJobQuery().withException().count() + " with an exception, "
				+ management.createJobQuery().noRetriesLeft().count() + " without retries left");
		jdbc.query("""
				select coalesce(j.failed_act_id_, d.act_id_), j.retries_, substr(j.exception_msg_, 1, 300), j.id_
				from act_ru_job j left join act_ru_jobdef d on d.id_ = j.job_def_id_
				where j.exception_msg_ is not null order by j.retries_ limit 10""",
				rs -> {
					lines.add("  failing job " + rs.getString(4) + " at " + rs.getString(1) + " (retries left "
							+ rs.getInt(2) + "): " + rs.getString(3));
				});
		List<Job> failing = management.createJobQuery().withException().listPage(0, 1);
		if (!failing.isEmpty()) {
			String trace = management.getJobExceptionStacktrace(failing.get(0).getId());
			lines.add("  stack trace of job " + failing.get(0).getId() + ":");
			trace.lines().limit(60).forEach(line -> lines.add("    " + line));
		}
		List<Incident> incidents = runtime.createIncidentQuery().listPage(0, 10);
		lines.add("Incidents: " + runtime.createIncidentQuery().count());
		for (Incident incident : incidents) {
			lines.add("  " + incident.getIncidentType() + " at " + incident.getActivityId() + " (failed at "
					+ incident.getFailedActivityId() + ", process instance " + incident.getProcessInstanceId() + "): "
					+ incident.getIncidentMessage());
		}
		return lines;
	}

	private long count(String sql, Object... args) {
		Long value = jdbc.queryForObject(sql, Long.class, args);
		return value == null ? 0 : value;
	}

	/**
	 * @param asyncJobsSucceeded async continuations executed (one per save point passed)
	 * @param timersSucceeded other jobs executed (timers)
	 * @param failedExecutions job executions that failed (and were retried, or became incidents)
	 * @param failures the failures by activity and message
	 * @param savePointsPerInstance distinct save points each order (or bare instance) passed, on average
	 * @param visited the save points passed, with how many jobs each
	 */
	record JobLog(long asyncJobsSucceeded, long timersSucceeded, long failedExecutions, Map<String, Long> failures,
			double savePointsPerInstance, List<String> visited) {
	}

}
