package io.orderflow.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Runs the engine's due jobs the way the job executor would, one at a time, until none is due: the
 * tests switch the job executor off and drive the processes with this. Timers are not due until a test
 * fires them ({@link #fireTimers}).
 */
public final class Jobs {

	private Jobs() {
	}

	/**
	 * Deletes the process instances that earlier test classes left running in this shared application
	 * context (and database), so that {@link #runDue} runs only the work of the current test: a class that
	 * submits orders without running their jobs (e.g. with the payment token tok_timeout) would otherwise
	 * leave jobs that fail in whichever class runs them next. The order records stay as they are.
	 */
	public static void discardLeftovers(ProcessEngine engine) {
		for (var instance : engine.getRuntimeService().createProcessInstanceQuery().rootProcessInstances().list()) {
			engine.getRuntimeService().deleteProcessInstanceIfExists(instance.getId(), "left over by another test",
					true, true, true, false);
		}
	}

	/** Executes due jobs until none is left; returns the failures (a failed job loses a retry, as in production). */
	public static List<Exception> runDue(ProcessEngine engine) {
		ManagementService management = engine.getManagementService();
		List<Exception> failures = new ArrayList<>();
		for (int round = 0; round < 500; round++) {
			// executable: retries left and due now (a failed job waits for its retry interval, a timer for its date)
			List<Job> due = management.createJobQuery().executable().list();
			if (due.isEmpty()) {
				return failures;
			}
			for (Job job : due) {
				try {
					management.executeJob(job.getId());
				}
				catch (Exception e) {
					failures.add(e);
				}
			}
		}
		throw new AssertionError("Jobs keep coming after 500 rounds: a loop in a model?");
	}

	/**
	 * Executes due jobs until none is left and none is running, as the job executors of several nodes would: on
	 * {@code threads} threads at once, each taking the next due job as soon as it is free, so that a job one
	 * thread makes is run while the others are still busy; the jobs of one process instance one after the other
	 * (as the job executor runs exclusive jobs). A job that another transaction removed before its turn (its
	 * process instance ended or moved on) is skipped, as the job executor skips it. Returns the failures (a
	 * failed job loses a retry and waits for its retry interval, as in production).
	 */
	public static List<Exception> runDueInParallel(ProcessEngine engine, int threads) {
		ParallelRun run = new ParallelRun(engine.getManagementService());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(pool.submit(run::work));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			return run.failures();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while running jobs", e);
		}
		catch (ExecutionException e) {
			throw new AssertionError("A job runner failed", e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The state the threads of {@link #runDueInParallel} share: which process instances run a job now. */
	private static final class ParallelRun {

		private final ManagementService management;

		private final Set<String> running = new HashSet<>();

		private final List<Exception> failures = new ArrayList<>();

		private int executions;

		ParallelRun(ManagementService management) {
			this.management = management;
		}

		void work() {
			while (true) {
				Job next;
				synchronized (this) {
					next = take();
					while (next == null) {
						if (running.isEmpty()) {
							notifyAll();
							return;
						}
						try {
							wait(20);
						}
						catch (InterruptedException e) {
							Thread.currentThread().interrupt();
							return;
						}
						next = take();
					}
				}
				try {
					management.executeJob(next.getId());
				}
				catch (Exception e) {
					if (management.createJobQuery().jobId(next.getId()).count() > 0) {
						synchronized (this) {
							failures.add(e);
						}
					}
				}
				finally {
					synchronized (this) {
						running.remove(exclusive(next));
						notifyAll();
					}
				}
			}
		}

		/** The next due job of a process instance that runs none now, marked running; null when there is none. */
		private Job take() {
			for (Job job : management.createJobQuery().executable().list()) {
				if (running.add(exclusive(job))) {
					if (++executions > 5000) {
						running.clear();
						notifyAll();
						throw new AssertionError("Jobs keep coming after 5000 executions: a loop in a model?");
					}
					return job;
				}
			}
			return null;
		}

		private static String exclusive(Job job) {
			return job.getProcessInstanceId() == null ? job.getId() : job.getProcessInstanceId();
		}

		synchronized List<Exception> failures() {
			return List.copyOf(failures);
		}

	}

	/**
	 * Fires the timers of one activity (e.g. a boundary timer) in the process instances of one business
	 * key (an order number: its lifecycle and its fulfillment orders), whatever their due date, then
	 * runs what follows.
	 */
	public static void fireTimers(ProcessEngine engine, String businessKey, String activityId) {
		ManagementService management = engine.getManagementService();
		List<Job> timers = engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(businessKey)
			.list()
			.stream()
			.flatMap(instance -> management.createJobQuery()
				.timers()
				.processInstanceId(instance.getId())
				.activityId(activityId)
				.list()
				.stream())
			.toList();
		if (timers.isEmpty()) {
			throw new AssertionError("No timer waits at " + activityId);
		}
		for (Job timer : timers) {
			management.executeJob(timer.getId());
		}
		runDue(engine);
	}

	/** Runs a failed job of an activity that still has retries now, instead of after its retry interval. */
	public static void retryNow(ProcessEngine engine, String activityId) {
		ManagementService management = engine.getManagementService();
		List<Job> failed = management.createJobQuery().activityId(activityId).withException().withRetriesLeft().list();
		if (failed.isEmpty()) {
			throw new AssertionError("No failed job with retries left at " + activityId);
		}
		for (Job job : failed) {
			management.setJobDuedate(job.getId(), null);
		}
		runDue(engine);
	}

	/** Runs the failing job of an activity once more, as an operator's "retry" in Cockpit does. */
	public static void retry(ProcessEngine engine, String activityId) {
		ManagementService management = engine.getManagementService();
		for (Job job : management.createJobQuery().activityId(activityId).noRetriesLeft().list()) {
			management.setJobRetries(job.getId(), 1);
			management.setJobDuedate(job.getId(), null);
		}
		runDue(engine);
	}

}
