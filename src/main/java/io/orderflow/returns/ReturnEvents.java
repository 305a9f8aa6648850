package io.orderflow.returns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventCorrelator;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.events.EventSubjectNotFoundException;
import io.orderflow.platform.events.InboundEvent;
import io.orderflow.platform.events.InboundEvents;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RETURN_RECEIVED from a location: validated, stored by event id in the shared inbox (a repeat changes
 * nothing), applied to the return order and correlated to its {@code OrderReturn} process ({@link
 * io.orderflow.platform.events.EventRedelivery} retries one that could not reach it yet).
 */
@Service
public class ReturnEvents implements EventCorrelator {

	static final String SOURCE = "RETURN";

	static final String RETURN_RECEIVED = "RETURN_RECEIVED";

	private final Returns returns;

	private final ReturnSteps steps;

	private final InboundEvents inbox;

	private final RuntimeService runtime;

	ReturnEvents(Returns returns, ReturnSteps steps, InboundEvents inbox, RuntimeService runtime) {
		this.returns = returns;
		this.steps = steps;
		this.inbox = inbox;
		this.runtime = runtime;
	}

	@Transactional
	public EventReceipt receive(UUID returnId, ReturnEventRequest event) {
		ReturnOrder ret = returns.find(returnId)
			.orElseThrow(() -> new EventSubjectNotFoundException("No return order " + returnId));
		if (!inbox.acceptOnce(event.eventId(), SOURCE, returnId, event.type(), null)) {
			return new EventReceipt(event.eventId(), EventReceipt.Outcome.DUPLICATE, returnId,
					returns.find(returnId).orElseThrow().status().name());
		}
		List<ReturnSteps.Received> received = validate(event, ret);
		if (!steps.markReceived(returnId, received)) {
			throw new EventConflictException("Return " + ret.rmaNumber() + " is " + ret.status()
					+ (ret.status() == ReturnStatus.REQUESTED ? ": it is not approved yet" : ": it takes no more goods"));
		}
		inbox.deliver(event.eventId(), this);
		return new EventReceipt(event.eventId(), EventReceipt.Outcome.ACCEPTED, returnId,
				returns.find(returnId).orElseThrow().status().name());
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public boolean correlate(InboundEvent event) {
		ReturnOrder ret = returns.require(event.subjectId());
		return !runtime.createMessageCorrelation(ReturnProcess.Messages.RETURN_RECEIVED)
			.processInstanceBusinessKey(ret.orderNumber())
			.processInstanceVariableEquals(ReturnProcess.Variables.RETURN_ORDER_ID, ret.id().toString())
			.setVariables(Map.of(ReturnProcess.Variables.RETURN_CONDITION_REPORTED, steps.conditionKnown(ret.id())))
			.correlateAllWithResult()
			.isEmpty();
	}

	private static List<ReturnSteps.Received> validate(ReturnEventRequest event, ReturnOrder ret) {
		List<FieldViolation> violations = new ArrayList<>();
		List<ReturnSteps.Received> received = new ArrayList<>();
		if (event.lines() != null) {
			if (event.lines().isEmpty()) {
				violations.add(new FieldViolation("lines", "leave it out when every requested unit came, or name lines"));
			}
			Set<Integer> seen = new HashSet<>();
			for (int i = 0; i < event.lines().size(); i++) {
				ReturnEventRequest.Line line = event.lines().get(i);
				String at = "lines[" + i + "]";
				ReturnOrder.Line requested = line.lineNumber() == null ? null
						: ret.lines().stream().filter(l -> l.lineNumber() == line.lineNumber()).findFirst().orElse(null);
				if (line.lineNumber() == null) {
					violations.add(new FieldViolation(at + ".lineNumber", "is required"));
				}
				else if (requested == null) {
					violations.add(new FieldViolation(at + ".lineNumber",
							"return " + ret.rmaNumber() + " has no line " + line.lineNumber()));
				}
				else if (!seen.add(line.lineNumber())) {
					violations.add(new FieldViolation(at + ".lineNumber", "line " + line.lineNumber() + " is named twice"));
				}
				boolean conditions = line.resellable() != null || line.damaged() != null;
				if (conditions && (line.resellable() == null || line.damaged() == null)) {
					violations.add(new FieldViolation(at + (line.resellable() == null ? ".resellable" : ".damaged"),
							"resellable and damaged come together, or neither (the warehouse inspects them)"));
					continue;
				}
				if ((line.resellable() != null && line.resellable() < 0) || (line.damaged() != null && line.damaged() < 0)) {
					violations.add(new FieldViolation(at + (line.resellable() < 0 ? ".resellable" : ".damaged"),
							"must be at least 0"));
					continue;
				}
				Integer quantity = line.quantity() != null ? line.quantity()
						: conditions ? Integer.valueOf(line.resellable() + line.damaged()) : null;
				if (quantity == null) {
					violations.add(new FieldViolation(at + ".quantity", "is required without resellable and damaged"));
					continue;
				}
				if (quantity < 0) {
					violations.add(new FieldViolation(at + ".quantity", "must be at least 0"));
					continue;
				}
				if (conditions && line.resellable() + line.damaged() != quantity) {
					violations.add(new FieldViolation(at + ".quantity", "must equal resellable + damaged"));
					continue;
				}
				if (requested != null && quantity > requested.quantity()) {
					violations.add(new FieldViolation(at + ".quantity", "return " + ret.rmaNumber() + " line "
							+ requested.lineNumber() + " asked for " + requested.quantity() + " unit(s), not " + quantity));
					continue;
				}
				if (requested != null) {
					received.add(new ReturnSteps.Received(line.lineNumber(), quantity, line.resellable(), line.damaged()));
				}
			}
		}
		if (violations.isEmpty() && event.lines() != null && !event.lines().isEmpty()
				&& received.stream().mapToInt(ReturnSteps.Received::quantity).sum() == 0) {
			violations.add(new FieldViolation("lines", "report the units that arrived; nothing has arrived yet "
					+ "(the return waits for its goods until it expires)"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return received;
	}

}
