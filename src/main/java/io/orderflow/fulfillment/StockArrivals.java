package io.orderflow.fulfillment;

import java.util.Date;
import java.util.List;

import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.inventory.StockArrived;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Stock arrived for some SKUs: the orders backordered on them are allocated again soon, oldest first, instead of
 * at their next hourly retry. Their retry timers ({@code BoundaryEvent_RetryAllocation}) are made due now,
 * a millisecond apart in the orders' age, and the job executor runs them as it runs the timer itself.
 */
@Component
class StockArrivals {

	private static final Logger log = LoggerFactory.getLogger(StockArrivals.class);

	private final Orders orders;

	private final ManagementService management;

	StockArrivals(Orders orders, ManagementService management) {
		this.orders = orders;
		this.management = management;
	}

	/** After the stock's transaction commits, in one of its own; stored and delivered again after a crash. */
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void on(StockArrived arrived) {
		List<String> waiting = orders.lifecyclesWaitingForStock(arrived.skus());
		long now = System.currentTimeMillis();
		int moved = 0;
		for (String lifecycle : waiting) {
			for (Job timer : management.createJobQuery()
				.processInstanceId(lifecycle)
				.activityId(LifecycleProcess.Elements.BOUNDARY_EVENT_RETRY_ALLOCATION)
				.timers()
				.list()) {
				Date due = new Date(now + moved);
				if (timer.getDuedate() == null || timer.getDuedate().after(due)) {
					management.setJobDuedate(timer.getId(), due);
					moved++;
				}
			}
		}
		if (moved > 0) {
			log.info("Stock arrived at {}: {} backordered order(s) retry allocation now", arrived.locationId(), moved);
		}
	}

}
