package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.IncidentRaised;
import org.junit.jupiter.api.Test;

/** What the order's timeline says of an incident: the step, what failed, and what an operator can do. */
class IncidentTimelineTest {

	@Test
	void anIncidentBeforeApprovalOffersARetryOrTheCancellation() {
		// Given an order still RECEIVED, whose payment authorization stopped at an incident
		Order order = order(OrderStatus.RECEIVED, new Quantities(2, 0, 0, 0, 0, 0, 0));

		// When the timeline describes the incident
		String entry = IncidentTimeline.describe(incident("Payment authorization of 5.00 EUR failed 5 times (gateway: x)"),
				order);

		// Then it names the step and the failure, and offers the cancellation (an order in Capture can be canceled)
		assertThat(entry).isEqualTo("Incident at \"Authorize payment\": Payment authorization of 5.00 EUR failed 5 times "
				+ "(gateway: x): fix the cause and retry the job in Cockpit, or cancel the order");
	}

	@Test
	void anIncidentOfARejectedOrderOffersNoCancellation() {
		Order order = order(OrderStatus.REJECTED, new Quantities(2, 0, 0, 0, 0, 0, 0));

		assertThat(IncidentTimeline.describe(incident("boom"), order)).doesNotContain("cancel");
	}

	@Test
	void anIncidentOfAnApprovedOrderWithUnitsNotShippedAlsoOffersTheCancellation() {
		Order order = order(OrderStatus.PARTIALLY_SHIPPED, new Quantities(3, 0, 3, 1, 0, 0, 0));

		String entry = IncidentTimeline.describe(incident("boom"), order);

		assertThat(entry).endsWith(": boom: fix the cause and retry the job in Cockpit, or cancel the order");
	}

	@Test
	void anIncidentAfterEverythingShippedOffersNoCancellation() {
		Order order = order(OrderStatus.SHIPPED, new Quantities(3, 1, 2, 2, 0, 0, 0));

		assertThat(IncidentTimeline.describe(incident("boom"), order)).doesNotContain("cancel");
	}

	@Test
	void aLongMessageIsShortenedSoThatTheAdviceStillFits() {
		Order order = order(OrderStatus.APPROVED, new Quantities(1, 0, 0, 0, 0, 0, 0));

		String entry = IncidentTimeline.describe(incident("x".repeat(5000)), order);

		assertThat(entry).hasSize(1000).contains("x…: fix the cause").endsWith("or cancel the order");
	}

	static IncidentRaised incident(String message) {
		return new IncidentRaised(UUID.randomUUID(), "incident-1", "Task_AuthorizePayment", "Authorize payment", message);
	}

	static Order order(OrderStatus status, Quantities quantities) {
		OrderLine line = new OrderLine(UUID.randomUUID(), 1, "SKU-1", "Item", BigDecimal.ONE, BigDecimal.ZERO,
				BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, quantities);
		return new Order(UUID.randomUUID(), "OF-1", null, "T-1", null, "EUR", null, null, null, null, null, status,
				null, "test", null, null, 0, List.of(line));
	}

}
