package io.orderflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The yardstick: a bare Camunda process on the same engine, database and job executor as Orderflow,
 * with as many save points ({@code asyncBefore}) as an order passes through and as many message waits
 * as an order has (its location's SHIPPED and its carrier's DELIVERED), laid out in the same order,
 * every service task a no-op delegate bean. The benchmark drives it like Orderflow: instances started
 * from several client threads, the messages correlated once the instances wait for them, through the
 * engine's Java API.
 */
final class BareEngineLoad {

	static final String PROCESS_KEY = "BenchmarkBareProcess";

	/** The no-op delegate's bean name ({@code camunda:delegateExpression="${benchmarkNoOp}"}). */
	static final String NO_OP_BEAN = "benchmarkNoOp";

	static final String SHIPPED_MESSAGE = "Benchmark_Shipped";

	static final String DELIVERED_MESSAGE = "Benchmark_Delivered";

	private final BenchmarkSettings settings;

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final EngineProbe probe;

	BareEngineLoad(BenchmarkSettings settings, ProcessEngine engine, EngineProbe probe) {
		this.settings = settings;
		this.runtime = engine.getRuntimeService();
		this.repository = engine.getRepositoryService();
		this.probe = probe;
	}

	/**
	 * The save points in three blocks around the two waits, as in an order: before the location's report
	 * (authorize payment, allocate, release), between the two reports (ship, capture payment), after
	 * delivery (complete delivery, join, complete order). With 8 save points: 3, wait, 2, wait, 3.
	 */
	static int[] blocks(int savePoints) {
		int last = Math.min(3, savePoints);
		int middle = Math.min(2, savePoints - last);
		return new int[] { savePoints - last - middle, middle, last };
	}

	static String layout(int savePoints) {
		int[] blocks = blocks(savePoints);
		return "start, " + blocks[0] + " save points, wait " + SHIPPED_MESSAGE + ", " + blocks[1] + " save points, wait "
				+ DELIVERED_MESSAGE + ", " + blocks[2] + " save points, end";
	}

	static BpmnModelInstance model(int savePoints) {
		int[] blocks = blocks(savePoints);
		AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS_KEY)
			.name("Benchmark: bare engine")
			.camundaHistoryTimeToLiveString("P1D")
			.startEvent("StartEvent_Bare")
			.name("Started");
		int task = 0;
		String[] waits = { SHIPPED_MESSAGE, DELIVERED_MESSAGE };
		for (int block = 0; block < blocks.length; block++) {
			for (int i = 0; i < blocks[block]; i++) {
				task++;
				flow = flow.serviceTask("Task_SavePoint" + task)
					.name("Save point " + task)
					.camundaAsyncBefore()
					.camundaDelegateExpression("${" + NO_OP_BEAN + "}");
			}
			if (block < waits.length) {
				flow = flow.receiveTask("Task_Await" + (block + 1)).name("Await " + waits[block]).message(waits[block]);
			}
		}
		return flow.endEvent("EndEvent_Bare").name("Ended").done();
	}

	void deploy(int savePoints) {
		repository.createDeployment()
			.name("benchmark-bare-engine")
			.addModelInstance("benchmark-bare-" + savePoints + ".bpmn", model(savePoints))
			.deploy();
	}

	Result run(String tag, int instances) {
		Instant startedAt = Instant.now();
		String[] ids = new String[instances];
		Latencies startLatencies = new Latencies(instances);

		// Phase 1: start
		long t0 = System.nanoTime();
		AtomicInteger next = new AtomicInteger();
		Parallel.run(settings.threads(), "bare-start", thread -> {
			int i;
			while ((i = next.getAndIncrement()) < instances) {
				long sent = System.nanoTime();
				ids[i] = runtime.startProcessInstanceByKey(PROCESS_KEY, tag + "-" + i,
						Map.of("orderId", UUID.randomUUID().toString(), "orderNumber", tag + "-" + i))
					.getId();
				startLatencies.record(i, System.nanoTime() - sent);
			}
		});
		long started = System.nanoTime();

		// Phase 2: the job executor runs the first save points; wait until every instance waits for the first message
		waitUntil(() -> runtime.createEventSubscriptionQuery().eventName(SHIPPED_MESSAGE).count(), instances,
				"bare instances waiting for " + SHIPPED_MESSAGE);
		long waiting = System.nanoTime();

		// Phase 3: each client thread correlates both messages of its share of the instances
		Parallel.run(settings.threads(), "bare-correlate", thread -> {
			List<Instance> mine = new ArrayList<>();
			for (int i = thread; i < instances; i += settings.threads()) {
				mine.add(new Instance(ids[i]));
			}
			drive(mine);
		});
		waitUntil(() -> instances - runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count(),
				instances, "bare instances ended");
		long ended = System.nanoTime();

		EngineProbe.JobLog jobs = probe.jobLog(List.of(PROCESS_KEY), startedAt, instances);
		return new Result(instances, OrderflowLoad.seconds(started - t0), OrderflowLoad.seconds(waiting - t0),
				OrderflowLoad.seconds(ended - waiting), OrderflowLoad.seconds(ended - t0), startLatencies.summary(),
				jobs, probe.openIncidents());
	}

	private void drive(List<Instance> instances) {
		long lastProgress = System.nanoTime();
		while (!instances.isEmpty()) {
			boolean progress = false;
			for (Iterator<Instance> it = instances.iterator(); it.hasNext();) {
				Instance instance = it.next();
				if (instance.advance()) {
					progress = true;
					if (instance.done()) {
						it.remove();
					}
				}
			}
			if (progress) {
				lastProgress = System.nanoTime();
			}
			else {
				if (System.nanoTime() - lastProgress > settings.stall().toNanos()) {
					throw new StalledException("No bare instance of " + instances.size() + " became ready for a message in "
							+ settings.stall(), probe.diagnose());
				}
				OrderflowLoad.sleep(Duration.ofMillis(25));
			}
		}
	}

	private void waitUntil(java.util.function.LongSupplier count, long wanted, String what) {
		long lastProgress = System.nanoTime();
		long reached = -1;
		while (true) {
			long now = count.getAsLong();
			if (now >= wanted) {
				return;
			}
			if (now != reached) {
				reached = now;
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > settings.stall().toNanos()) {
				throw new StalledException(reached + " of " + wanted + " " + what + ", and none more in " + settings.stall(),
						probe.diagnose());
			}
			OrderflowLoad.sleep(Duration.ofMillis(100));
		}
	}

	/** One bare instance: the first message once it waits for it, then the second. */
	private final class Instance {

		private final String processInstanceId;

		private int correlated;

		Instance(String processInstanceId) {
			this.processInstanceId = processInstanceId;
		}

		/**
		 * Like Orderflow's location and carrier, which look before they report: a query whether the instance
		 * waits for the message, then the correlation. (Trying and failing instead would make the engine log
		 * an error with a stack trace for each early try, a cost Orderflow's clients do not cause.)
		 */
		boolean advance() {
			String message = correlated == 0 ? SHIPPED_MESSAGE : DELIVERED_MESSAGE;
			if (runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventName(message).count() == 0) {
				return false;
			}
			try {
				runtime.createMessageCorrelation(message).processInstanceId(processInstanceId).correlateWithResult();
			}
			catch (MismatchingMessageCorrelationException notWaiting) {
				throw new IllegalStateException("Bare instance " + processInstanceId + " waits for " + message
						+ " but the message does not reach it", notWaiting);
			}
			correlated++;
			return true;
		}

		boolean done() {
			return correlated == 2;
		}

	}

	/** Does nothing: the service tasks of the bare process. */
	static final class NoOpDelegate implements JavaDelegate {

		@Override
		public void execute(DelegateExecution execution) {
			// nothing: the yardstick measures the engine alone
		}

	}

	/**
	 * One measured run, times in seconds from the first start.
	 * @param instances instances started
	 * @param startSeconds until the last instance was started
	 * @param waitingSeconds until every instance waited for the first message
	 * @param correlatePhaseSeconds from then until every instance had ended
	 * @param endedSeconds until every instance had ended
	 * @param start latencies of RuntimeService#startProcessInstanceByKey
	 * @param jobs what the job executor did for these instances
	 * @param incidents open incidents after the run
	 */
	record Result(int instances, double startSeconds, double waitingSeconds, double correlatePhaseSeconds,
			double endedSeconds, Latencies.Summary start, EngineProbe.JobLog jobs, long incidents) {

		double endedPerMinute() {
			return OrderflowLoad.perMinute(instances, endedSeconds);
		}

		double startedPerMinute() {
			return OrderflowLoad.perMinute(instances, startSeconds);
		}

	}

}
