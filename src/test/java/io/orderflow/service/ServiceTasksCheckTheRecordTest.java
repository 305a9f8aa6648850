package io.orderflow.service;

import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_REVIEW_RISK;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.orderflow.adjustment.Adjustment;
import io.orderflow.adjustment.AdjustmentRequest;
import io.orderflow.adjustment.AdjustmentStatus;
import io.orderflow.adjustment.Adjustments;
import io.orderflow.cancellation.Cancellation;
import io.orderflow.cancellation.CancellationRequest;
import io.orderflow.cancellation.CancellationStatus;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.returns.ReturnOrder;
import io.orderflow.returns.ReturnRequest;
import io.orderflow.returns.ReturnStatus;
import io.orderflow.returns.Returns;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.assertj.core.api.ThrowingConsumer;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every service task that acts on a payment or a person's decision reads the order's own record, not the
 * process variables that led to it. Each test forges what a variable or a moved token could claim, as an
 * administrator's process-instance modification can (users cannot: see the forged-start tests), and checks
 * that the service task refuses and nothing changes: Given a record that does not allow the step, When the
 * token is put before it with variables that say it does, Then the step fails (an incident once its
 * retries are spent) and the order, its money and its tasks are as they were.
 */
class ServiceTasksCheckTheRecordTest extends ServiceScenario {

	@Autowired
	Adjustments adjustments;

	@Autowired
	Cancellations cancellations;

	@Autowired
	Returns returns;

	ServiceTasksCheckTheRecordTest() {
		super("REC", "Record check", "record");
	}

	@Test
	void aHeldOrderIsNotApprovedWithoutTheAnalystsDecision() throws Exception {
		// Given an order held for risk review
		Order order = heldOrder();

		// When the token is put before "Confirm order" with a forged decision
		engine.getRuntimeService().setVariable(order.processInstanceId(), "riskDecision", "APPROVE");
		assertThatThrownBy(() -> engine.getRuntimeService()
			.createProcessInstanceModification(order.processInstanceId())
			.startBeforeActivity("Task_ApproveOrder")
			.execute()).satisfies(refused("no fraud analyst approved it"));
		Jobs.runDue(engine);

		// Then the order is still held, nothing is allocated or captured, and the review is still open
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);
		assertThat(fulfillmentOrders.ofOrder(order.id())).isEmpty();
		assertThat(payments.ledger(order.id()).captured()).isZero();
		assertThat(lifecycle(order)).isWaitingAt(USER_TASK_REVIEW_RISK);
	}

	@Test
	void anOrderWhoseAuthorizationWasVoidedIsNotApproved() throws Exception {
		// Given a held order whose authorization was voided
		Order order = heldOrder();
		authorizations.voidAuthorization(order.id(), "test: voided at the provider");

		// When an analyst approves it
		Task review = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(order.processInstanceId())
			.taskDefinitionKey(USER_TASK_REVIEW_RISK)
			.singleResult();
		assertThatThrownBy(() -> as("analyst", "fraud-analysts",
				() -> engine.getTaskService().complete(review.getId(), Map.of("riskDecision", "APPROVE"))))
			.satisfies(refused("its payment is not authorized"));

		// Then the approval is refused: the order is still held and the task still open
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);
		assertThat(lifecycle(order)).isWaitingAt(USER_TASK_REVIEW_RISK);
	}

	@Test
	void aHeldOrderGetsNoStockWhenTheTokenSkipsToAllocation() throws Exception {
		// Given an order held for risk review
		Order order = heldOrder();

		// When the token is put before "Allocate inventory"
		engine.getRuntimeService()
			.createProcessInstanceModification(order.processInstanceId())
			.startBeforeActivity("Task_AllocateInventory")
			.execute();
		List<Exception> failures = Jobs.runDue(engine);

		// Then allocation refuses, and nothing is reserved
		assertThat(failures).isNotEmpty()
			.allSatisfy(refused("has not been approved"));
		assertThat(fulfillmentOrders.ofOrder(order.id())).isEmpty();
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);

		// And once the forged token is removed, the order waits for its review as before
		removeForgedToken(order.processInstanceId(), "Task_AllocateInventory");
		assertThat(lifecycle(order)).isWaitingAt(USER_TASK_REVIEW_RISK);
	}

	@Test
	void anAppeasementAboveTheThresholdIsNotRefundedOnForgedApprovalVariables() throws Exception {
		// Given an appeasement of 30.00 awaiting a supervisor's approval
		Order order = shippedOrder("50.00");
		Adjustment requested = adjustments
			.request(order.id(), new AdjustmentRequest(1, null, new BigDecimal("30.00"), null, "late"), null, "agent")
			.resource();
		Jobs.runDue(engine);
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.PENDING_APPROVAL);

		// When the token is put before the refund with variables that say a supervisor approved
		engine.getRuntimeService().setVariables(requested.processInstanceId(),
				Map.of("appeasementDecision", "APPROVE", "appeasementDecidedBy", "supervisor"));
		engine.getRuntimeService()
			.createProcessInstanceModification(requested.processInstanceId())
			.startBeforeActivity("Task_RefundAdjustment")
			.execute();
		exhaustRetries(requested.processInstanceId());

		// Then the refund fails with an incident that says why, and nothing is credited or refunded
		assertThat(incidentMessage(requested.processInstanceId())).contains("no supervisor approved it");
		Adjustment after = adjustments.find(requested.id()).orElseThrow();
		assertThat(after.status()).isEqualTo(AdjustmentStatus.PENDING_APPROVAL);
		assertThat(after.approvedBy()).isNull();
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(refunds.creditMemos(order.id())).isEmpty();
		removeForgedToken(requested.processInstanceId(), "Task_RefundAdjustment");
		assertThat(new ProcessInstanceRef(requested.processInstanceId())).isWaitingAt(USER_TASK_APPROVE_APPEASEMENT);
	}

	@Test
	void theApproverOfAnAppeasementIsWhoTheEngineRecorded() throws Exception {
		// Given an appeasement of 30.00 approved by kim on the task, with a variable that names someone else
		Order order = shippedOrder("50.00");
		Adjustment requested = adjustments
			.request(order.id(), new AdjustmentRequest(1, null, new BigDecimal("30.00"), null, "late"), null, "sam")
			.resource();
		Jobs.runDue(engine);
		Task approval = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(requested.processInstanceId())
			.taskDefinitionKey(USER_TASK_APPROVE_APPEASEMENT)
			.singleResult();
		engine.getRuntimeService().setVariable(requested.processInstanceId(), "appeasementDecidedBy", "boss");
		as("kim", "supervisors", () -> engine.getTaskService()
			.complete(approval.getId(), Map.of("appeasementDecision", "APPROVE")));

		// When it is refunded
		Jobs.runDue(engine);

		// Then the approver on the adjustment is kim, as the engine recorded the completion
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(done.approvedBy()).isEqualTo("kim");
	}

	@Test
	void aCancellationInReviewIsNotCarriedOutWithoutTheAgentsApproval() throws Exception {
		// Given a cancellation of released units that an agent must review
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 2, "50.00"));
		Cancellation requested = cancellations
			.request(order.id(), new CancellationRequest(List.of(new CancellationRequest.Line(1, 1)), null, "customer"),
					null, "integrator")
			.resource();
		Jobs.runDue(engine);
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.IN_REVIEW);

		// When the token is put before "Cancel what has not shipped" with a forged decision
		engine.getRuntimeService().setVariable(requested.processInstanceId(), "cancellationDecision", "APPROVE");
		engine.getRuntimeService()
			.createProcessInstanceModification(requested.processInstanceId())
			.startBeforeActivity("Task_CancelLines")
			.execute();
		exhaustRetries(requested.processInstanceId());

		// Then nothing is canceled and the review is still open
		assertThat(incidentMessage(requested.processInstanceId())).contains("no service agent approved it");
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.IN_REVIEW);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().canceled()).isZero();
		removeForgedToken(requested.processInstanceId(), "Task_CancelLines");
		assertThat(new ProcessInstanceRef(requested.processInstanceId())).isWaitingAt(USER_TASK_REVIEW_CANCELLATION);
	}

	@Test
	void aReturnIsNotApprovedWithoutTheAgentsApproval() throws Exception {
		// Given a return of a delivered order, waiting for an agent's review
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder requested = returns
			.request(order.id(),
					new ReturnRequest(List.of(new ReturnRequest.Line(1, 1, "DEFECTIVE")), null), null,
					"integrator")
			.resource();
		Jobs.runDue(engine);
		assertThat(new ProcessInstanceRef(requested.processInstanceId())).isWaitingAt(USER_TASK_REVIEW_RETURN);

		// When the token is put before "Approve return" with a forged decision
		engine.getRuntimeService().setVariable(requested.processInstanceId(), "returnDecision", "APPROVE");
		assertThatThrownBy(() -> engine.getRuntimeService()
			.createProcessInstanceModification(requested.processInstanceId())
			.startBeforeActivity("Task_ApproveReturn")
			.execute()).satisfies(refused("no service agent approved it"));

		// Then the return is still requested, no units are spoken for, and the review is still open
		assertThat(returns.find(requested.id()).orElseThrow().status()).isEqualTo(ReturnStatus.REQUESTED);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().returnInitiated()).isZero();
		assertThat(new ProcessInstanceRef(requested.processInstanceId())).isWaitingAt(USER_TASK_REVIEW_RETURN);
	}

	// --- Given helpers ------------------------------------------------------------------------

	/** An order of 2 × 600.00, which the risk policy holds for a fraud analyst. */
	Order heldOrder() throws Exception {
		String a = sku("A");
		stock(location("BER", 1), a, 10);
		Order order = submit(orderLine(a, 2, "600.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);
		return orders.find(order.id()).orElseThrow();
	}

	/** An order of 2 units at {@code unitPrice} that shipped, was captured and delivered. */
	Order shippedOrder(String unitPrice) throws Exception {
		String a = sku("A");
		stock(location("BER"), a, 10);
		return deliveredOrder(orderLine(a, 2, unitPrice));
	}

	// --- When and Then helpers ----------------------------------------------------------------

	void as(String user, String group, Runnable action) {
		engine.getIdentityService().setAuthentication(user, List.of(group));
		try {
			action.run();
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	/** Runs the instance's failing job until its retries are spent, as the job executor would. */
	void exhaustRetries(String processInstanceId) {
		for (int i = 0; i < 10 && incidents(processInstanceId).isEmpty(); i++) {
			engine.getManagementService()
				.createJobQuery()
				.processInstanceId(processInstanceId)
				.list()
				.forEach(job -> engine.getManagementService().setJobDuedate(job.getId(), null));
			Jobs.runDue(engine);
		}
	}

	/** What an operator does with the forged token in Cockpit: cancels it, with its failed job and incident. */
	void removeForgedToken(String processInstanceId, String activityId) {
		engine.getRuntimeService()
			.createProcessInstanceModification(processInstanceId)
			.cancelAllForActivity(activityId)
			.execute();
		assertThat(incidents(processInstanceId)).isEmpty();
	}

	/** The failure is (or is caused by) a {@link StateConflictException} that says {@code why}. */
	static ThrowingConsumer<Throwable> refused(String why) {
		return thrown -> {
			Throwable cause = thrown;
			while (cause != null && !(cause instanceof StateConflictException)) {
				cause = cause.getCause();
			}
			assertThat(cause).as("a StateConflictException in %s", thrown).isNotNull();
			assertThat(cause.getMessage()).contains(why);
		};
	}

	List<Incident> incidents(String processInstanceId) {
		return engine.getRuntimeService().createIncidentQuery().processInstanceId(processInstanceId).list();
	}

	String incidentMessage(String processInstanceId) {
		assertThat(incidents(processInstanceId)).as("incidents of %s", processInstanceId).hasSize(1);
		return incidents(processInstanceId).get(0).getIncidentMessage();
	}

}
