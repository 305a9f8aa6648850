package io.orderflow.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recovery measure of {@code -Dnodes=2 -Dbenchmark.kill=true}: during the measured run's delivery phase, once a
 * quarter of the run's orders has shipped (so that captures are under way) and the second node holds jobs (rows of
 * ACT_RU_JOB locked by its job executor), the node is taken out of the
 * client's rotation and killed hard; then the measure is how long until every job it held has been executed (its
 * row gone) or locked again by the surviving node. Nothing takes such a job before its lock expires, so the figure
 * is about the engine's lock time ({@code camunda.bpm.job-execution.lock-time-in-millis}) plus the survivor's next
 * acquisition.
 */
final class Recovery {

	/** How long to wait for the run's shipments, then for the second node to hold a job, before killing it all the same. */
	private static final Duration WAIT_FOR_JOBS = Duration.ofSeconds(60);

	/** Statuses of orders whose goods (some or all) have left. */
	private static final String SHIPPED = "'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED'";

	private final SecondNode node;

	private final RestClient client;

	private final JdbcTemplate jdbc;

	private final long lockTimeMillis;

	private final Duration timeout;

	private Thread thread;

	private volatile Result result;

	private volatile RuntimeException failure;

	/**
	 * Refuses a stall shorter than the lock time and a minute: the orders whose jobs the killed node held stand still
	 * until the locks expire, and the run would stop as stalled before they move again.
	 */
	Recovery(SecondNode node, RestClient client, JdbcTemplate jdbc, long lockTimeMillis, Duration stall) {
		if (stall.toMillis() < lockTimeMillis + 60_000) {
			throw new IllegalArgumentException("-Dbenchmark.kill=true: the job executor's lock time is " + lockTimeMillis
					+ " ms, so the orders whose jobs the killed node holds stand still that long; give -Dbenchmark.stall "
					+ "at least the lock time and a minute (e.g. -Dbenchmark.stall=PT" + (lockTimeMillis / 1000 + 120)
					+ "S), or a shorter lock time");
		}
		this.node = node;
		this.client = client;
		this.jdbc = jdbc;
		this.lockTimeMillis = lockTimeMillis;
		this.timeout = Duration.ofMillis(lockTimeMillis).plus(stall);
	}

	/**
	 * Starts waiting for a quarter of the {@code orders} orders of the run {@code tag} to ship and for the node to
	 * hold jobs, then kills it and measures, on a thread of its own.
	 */
	void start(String tag, int orders) {
		if (thread != null) {
			return;
		}
		thread = new Thread(() -> {
			try {
				result = measure(tag, orders);
			}
			catch (RuntimeException e) {
				failure = e;
			}
		}, "benchmark-kill");
		thread.setDaemon(true);
		thread.start();
	}

	/** The measure, once every held job has been taken over (or the wait ran out). */
	Result result() {
		if (thread == null) {
			throw new IllegalStateException("The second node was never killed: the run had no delivery phase");
		}
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
		if (failure != null) {
			throw new IllegalStateException("The recovery measure failed: " + failure, failure);
		}
		if (result == null) {
			throw new IllegalStateException("The recovery measure did not end within " + timeout);
		}
		return result;
	}

	private Result measure(String tag, int orders) {
		String owner = node.lockOwner();
		long waitStarted = System.nanoTime();
		while (System.nanoTime() - waitStarted < WAIT_FOR_JOBS.toNanos()) {
			Long shipped = jdbc.queryForObject("select count(*) from orders where external_reference like ? and status in ("
					+ SHIPPED + ")", Long.class, tag + "-%");
			if (shipped != null && shipped * 4 >= orders) {
				break;
			}
			OrderflowLoad.sleep(Duration.ofMillis(100));
		}
		long shippedWait = System.nanoTime();
		Map<String, Held> before;
		do {
			before = held(owner, true);
			if (!before.isEmpty()) {
				break;
			}
			OrderflowLoad.sleep(Duration.ofMillis(20));
		}
		while (System.nanoTime() - shippedWait < WAIT_FOR_JOBS.toNanos());
		client.withdraw(node.port());
		before = merge(before, held(owner, true));
		Instant killedAt = Instant.now();
		long killed = System.nanoTime();
		node.kill();
		// what it held at its death: the rows still carrying its lock (some finished between the read and the kill)
		Map<String, Held> jobs = merge(before, held(owner, false));
		long firstBack = -1;
		long allBack = -1;
		String ids = jobs.keySet().stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(","));
		while (!jobs.isEmpty()) {
			Long stuck = jdbc.queryForObject("select count(*) from act_ru_job where lock_owner_ = ? and id_ in (" + ids + ")",
					Long.class, owner);
			long now = System.nanoTime();
			if (stuck != null && stuck < jobs.size() && firstBack < 0) {
				firstBack = now - killed;
			}
			if (stuck != null && stuck == 0) {
				allBack = now - killed;
				break;
			}
			if (now - killed > timeout.toNanos()) {
				break;
			}
			OrderflowLoad.sleep(Duration.ofMillis(100));
		}
		long gone = jobs.isEmpty() ? 0
				: jobs.size() - jdbc.queryForList("select id_ from act_ru_job where id_ in (" + ids + ")", String.class).size();
		Instant latestExpiry = jobs.values().stream().map(Held::lockExpires).max(Instant::compareTo).orElse(killedAt);
		Map<String, Long> byActivity = new TreeMap<>(
				jobs.values().stream().collect(Collectors.groupingBy(Held::activity, Collectors.counting())));
		return new Result(jobs.size(), before.size(), byActivity, lockTimeMillis,
				Duration.between(killedAt, latestExpiry).toMillis() / 1000.0,
				firstBack < 0 ? -1 : OrderflowLoad.seconds(firstBack), allBack < 0 ? -1 : OrderflowLoad.seconds(allBack),
				gone, OrderflowLoad.seconds(killed - waitStarted), killedAt, node.cpuMillis());
	}

	/** Jobs the owner holds; {@code current}: only those whose lock has not expired yet. */
	private Map<String, Held> held(String owner, boolean current) {
		Map<String, Held> held = new LinkedHashMap<>();
		jdbc.query("""
				select j.id_, j.lock_exp_time_, coalesce(j.process_def_key_, '') || '/' || coalesce(d.act_id_, j.type_)
				from act_ru_job j left join act_ru_jobdef d on d.id_ = j.job_def_id_
				where j.lock_owner_ = ?""" + (current ? " and j.lock_exp_time_ > ?" : ""), rs -> {
			Timestamp expires = rs.getTimestamp(2);
			held.put(rs.getString(1), new Held(rs.getString(3), expires == null ? Instant.now() : expires.toInstant()));
		}, current ? new Object[] { owner, Timestamp.from(Instant.now()) } : new Object[] { owner });
		return held;
	}

	private static Map<String, Held> merge(Map<String, Held> first, Map<String, Held> second) {
		Map<String, Held> all = new LinkedHashMap<>(first);
		second.forEach(all::putIfAbsent);
		return all;
	}

	/** A job the killed node held: where it waits, and when its lock runs out. */
	private record Held(String activity, Instant lockExpires) {
	}

	/**
	 * The recovery measure.
	 * @param jobsHeld jobs the killed node held (locked) when it died
	 * @param jobsHeldJustBefore of them, read just before the kill (the rest it locked in the moment between)
	 * @param heldByActivity the held jobs by process and activity
	 * @param lockTimeMillis the job executor's lock time
	 * @param lockExpiredAfterSeconds from the kill until the last of the held jobs' locks expired
	 * @param firstTakenOverSeconds from the kill until the first held job was executed or locked by the survivor
	 * (-1: none)
	 * @param allTakenOverSeconds from the kill until every held job was executed or locked by the survivor (-1: not
	 * within the wait)
	 * @param executed of the held jobs, those executed by the end of the measure (their rows gone)
	 * @param waitedForJobsSeconds from the start of the delivery phase until the node held jobs and was killed
	 * @param killedAt when the node was killed
	 * @param secondNodeCpuMillis CPU the second node's JVM used from its start to its death
	 */
	record Result(int jobsHeld, int jobsHeldJustBefore, Map<String, Long> heldByActivity, long lockTimeMillis,
			double lockExpiredAfterSeconds, double firstTakenOverSeconds, double allTakenOverSeconds, long executed,
			double waitedForJobsSeconds, Instant killedAt, long secondNodeCpuMillis) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("killedAt", killedAt.toString());
			json.put("jobsHeld", jobsHeld);
			json.put("jobsHeldReadJustBeforeKill", jobsHeldJustBefore);
			json.put("heldByActivity", heldByActivity);
			json.put("lockTimeMillis", lockTimeMillis);
			json.put("lockExpiredAfterSeconds", Benchmark.round(lockExpiredAfterSeconds, 1));
			json.put("firstJobTakenOverAfterSeconds", Benchmark.round(firstTakenOverSeconds, 1));
			json.put("allJobsTakenOverAfterSeconds", Benchmark.round(allTakenOverSeconds, 1));
			json.put("heldJobsExecutedByEndOfMeasure", executed);
			json.put("waitedForJobsSeconds", Benchmark.round(waitedForJobsSeconds, 1));
			json.put("secondNodeCpuMillisUntilKilled", secondNodeCpuMillis);
			return json;
		}

		List<String> lines() {
			Set<String> lines = new LinkedHashSet<>();
			lines.add(String.format("Second node killed (SIGKILL) %.1f s into the delivery phase, holding %d job(s): %s",
					waitedForJobsSeconds, jobsHeld, heldByActivity));
			lines.add(String.format("Its jobs all executed or locked again by the surviving node after %s s "
					+ "(first after %s s; their locks expired after %.1f s; lock time %,d ms)",
					allTakenOverSeconds < 0 ? "NOT within the wait" : String.format("%.1f", allTakenOverSeconds),
					firstTakenOverSeconds < 0 ? "-" : String.format("%.1f", firstTakenOverSeconds),
					lockExpiredAfterSeconds, lockTimeMillis));
			return List.copyOf(lines);
		}

	}

}
