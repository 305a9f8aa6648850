package io.orderflow.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The event feed: every event in commit order, for integrators that cannot take webhooks. */
@RestController
@Tag(name = "Events", description = "What happened to orders, in commit order (docs/events.md)")
class EventFeedController {

	static final int MAX_LIMIT = 1000;

	private final OrderEvents events;

	EventFeedController(OrderEvents events) {
		this.events = events;
	}

	/** A page of the feed, and the cursor to ask with next (the same one when there was nothing new). */
	record EventPage(List<OrderEvent> events, String next) {
	}

	@GetMapping("/api/events")
	@Operation(summary = "The events after a cursor, in commit order",
			description = "Every event once, oldest first, with a stable cursor: ask again with the page's next "
					+ "(or an event's position) and get what committed since, never an event twice, never one "
					+ "skipped. Without after, from the first event. Optionally only some types, or one order's.")
	@ApiResponse(responseCode = "200", description = "Up to limit events and the next cursor")
	@ApiResponse(responseCode = "400", description = "An invalid cursor, type or limit, each named")
	EventPage events(@Parameter(description = "A cursor: a page's next, or an event's position") @RequestParam(
			required = false) String after,
			@Parameter(description = "Event types, e.g. fulfillment_order.released") @RequestParam(
					required = false) List<String> types,
			@RequestParam(required = false) UUID orderId, @RequestParam(defaultValue = "100") String limit) {
		List<FieldViolation> violations = new ArrayList<>();
		long cursor = 0;
		if (after != null) {
			try {
				cursor = Long.parseLong(after);
			}
			catch (NumberFormatException e) {
				cursor = -1;
			}
			if (cursor < 0) {
				violations.add(new FieldViolation("after", "a cursor this feed gave (a page's next or an event's position)"));
			}
		}
		Set<EventType> wanted = new LinkedHashSet<>();
		for (String type : types == null ? List.<String>of() : types) {
			for (String name : type.split(",")) {
				EventType.ofWireName(name.strip())
					.ifPresentOrElse(wanted::add, () -> violations
						.add(new FieldViolation("types", "no event type " + name.strip() + " (docs/events.md)")));
			}
		}
		int size = 0;
		try {
			size = Integer.parseInt(limit);
		}
		catch (NumberFormatException e) {
			// named below
		}
		if (size < 1 || size > MAX_LIMIT) {
			violations.add(new FieldViolation("limit", "1 to " + MAX_LIMIT));
		}
		if (!violations.isEmpty()) {
			ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameters",
					"Invalid request parameters", "Invalid request parameters");
			problem.setProperty("errors", violations);
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		List<OrderEvent> page = events.after(cursor, wanted, orderId, size);
		return new EventPage(page, page.isEmpty() ? Long.toString(cursor) : page.get(page.size() - 1).position());
	}

}
