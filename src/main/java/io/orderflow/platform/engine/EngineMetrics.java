package io.orderflow.platform.engine;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.orderflow.OrderProcess.Groups;
import org.camunda.bpm.engine.ProcessEngine;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What waits for people, read from the engine every {@code orderflow.metrics.refresh-interval} (the same on
 * every node): open tasks per candidate group, and open incidents.
 */
@Component
class EngineMetrics {

	private static final List<String> GROUPS = List.of(Groups.SERVICE_AGENTS, Groups.SUPERVISORS,
			Groups.FRAUD_ANALYSTS, Groups.WAREHOUSE, Groups.INTEGRATORS, Groups.ADMINS);

	private final ProcessEngine engine;

	private final MultiGauge tasks;

	private volatile long incidents;

	EngineMetrics(ProcessEngine engine, MeterRegistry registry) {
		this.engine = engine;
		this.tasks = MultiGauge.builder("orderflow.tasks.open")
			.description("Open user tasks per candidate group, read from the engine")
			.register(registry);
		Gauge.builder("orderflow.incidents.open", this, metrics -> metrics.incidents)
			.description("Open incidents: steps that failed after their retries and wait for an operator")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${orderflow.metrics.refresh-interval:PT30S}")
	void refresh() {
		tasks.register(GROUPS.stream()
			.map(group -> MultiGauge.Row.of(Tags.of("group", group),
					engine.getTaskService().createTaskQuery().taskCandidateGroup(group).count()))
			.toList(), true);
		incidents = engine.getRuntimeService().createIncidentQuery().count();
	}

}
