package io.orderflow.order;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions people took on user tasks, as the engine recorded them when each task was completed: which
 * task, what was decided and by whom (the user the engine authenticated, never a process variable). A
 * service task that acts on a decision asks here whether it was taken, so that a variable set by hand or a
 * token moved past the task proves nothing.
 */
@Service
public class TaskDecisions {

	/** One completed user task: its decision ({@code null} for a task without one) and who completed it. */
	public record TaskDecision(String taskId, String taskKey, String decision, String decidedBy,
			OffsetDateTime decidedAt) {

		public boolean is(String expected) {
			return expected.equals(decision);
		}

	}

	/** The decision that lets a service task act on a review or an approval. */
	public static final String APPROVE = "APPROVE";

	private final JdbcClient jdbc;

	private final Clock clock;

	TaskDecisions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records a completed task; called by the task listener, inside the completion's transaction. */
	@Transactional
	void record(String taskId, String processInstanceId, String taskKey, UUID orderId, String decision,
			String decidedBy) {
		jdbc.sql("""
				insert into task_decision (task_id, process_instance_id, task_key, order_id, decision, decided_by,
				  decided_at)
				values (:taskId, :pi, :taskKey, :orderId, :decision, :decidedBy, :now)""")
			.param("taskId", taskId)
			.param("pi", processInstanceId)
			.param("taskKey", taskKey)
			.param("orderId", orderId)
			.param("decision", decision)
			.param("decidedBy", decidedBy)
			.param("now", OffsetDateTime.now(clock))
			.update();
	}

	/** The last completion of the task in the process instance, if it decided APPROVE. */
	@Transactional(readOnly = true)
	public Optional<TaskDecision> approval(String processInstanceId, String taskKey) {
		return latest(processInstanceId, taskKey).filter(decision -> decision.is(APPROVE));
	}

	/** The last completion of the task {@code taskKey} in the process instance, if it was ever completed. */
	@Transactional(readOnly = true)
	public Optional<TaskDecision> latest(String processInstanceId, String taskKey) {
		if (processInstanceId == null) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select task_id, task_key, decision, decided_by, decided_at from task_decision
				where process_instance_id = :pi and task_key = :taskKey
				order by decided_at desc, task_id desc""")
			.param("pi", processInstanceId)
			.param("taskKey", taskKey)
			.query((rs, row) -> new TaskDecision(rs.getString("task_id"), rs.getString("task_key"),
					rs.getString("decision"), rs.getString("decided_by"),
					rs.getObject("decided_at", OffsetDateTime.class)))
			.list()
			.stream()
			.findFirst();
	}

}
