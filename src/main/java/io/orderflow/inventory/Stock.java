package io.orderflow.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stock as the locations count it, over REST: absolute levels with the time of their count (a count older
 * than the one applied is ignored, so out-of-order messages never roll a level back), movements with an id
 * that makes a retry harmless, safety stock that is never allocated, and what may be promised per SKU.
 * <p>
 * A count or movement that leaves less on hand than is reserved is taken as it is: the units are not there.
 * What may be promised stays at zero, and a {@link StockShortfall} tells the fulfillment stage, which rejects
 * that location's open fulfillment orders of the SKU (newest first) until the rest is covered, as the
 * location's own rejection would; the lifecycle then places them elsewhere or backorders them.
 */
@Service
public class Stock {

	static final int MAX_UNITS = 10_000_000;

	static final int MAX_REASON = 500;

	static final int MAX_MOVEMENT_ID = 200;

	/** Rows per snapshot request. */
	public static final int MAX_SNAPSHOT = 200_000;

	/** Rows per transaction when a snapshot is applied. */
	static final int CHUNK = 1000;

	static final int MAX_VIOLATIONS = 100;

	/** What a movement does to what is on hand. */
	public enum MovementKind {

		/** Goods in: a delivery from a supplier or another location. */
		RECEIVED(1),
		/** Units that turned up. */
		FOUND(1),
		/** Units that cannot be sold any more. */
		DAMAGED(-1),
		/** Units that are gone. */
		LOST(-1),
		/** A correction either way: {@code quantity} is signed. */
		ADJUSTED(0);

		final int sign;

		MovementKind(int sign) {
			this.sign = sign;
		}

	}

	/** An absolute level: what a count found, when it was taken, and optionally the safety stock. */
	public record LevelInput(Integer onHand, OffsetDateTime asOf, Integer safetyStock) {
	}

	/** A movement as a location reports it. */
	public record MovementInput(String id, String kind, Integer quantity, String reason) {
	}

	/**
	 * What became of a count or movement: {@code APPLIED}, {@code STALE} (a newer count was applied already)
	 * or {@code DUPLICATE} (this movement id was recorded before); the level now, and how many reserved units
	 * it leaves without stock ({@code shortBy}).
	 */
	public record Result(String outcome, StockLevel level, OffsetDateTime countedAt, int shortBy) {
	}

	/** What may be promised of a SKU at one location. */
	public record At(String locationId, int onHand, int reserved, int safetyStock, int available) {
	}

	/** What may be promised of a SKU in all, and where. */
	public record Availability(String sku, int available, List<At> locations) {
	}

	private final StockRepository repository;

	private final CatalogRepository catalog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transaction;

	Stock(StockRepository repository, CatalogRepository catalog, ApplicationEventPublisher events, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.catalog = catalog;
		this.events = events;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Sets the level of a SKU at a location as a count taken at {@code asOf} found it; a count as old as or
	 * older than the last one applied changes nothing and is answered {@code STALE}.
	 * @throws InvalidRequestException naming every invalid field; nothing is changed
	 */
	public Result setLevel(String locationId, String sku, LevelInput input) {
		List<FieldViolation> violations = new ArrayList<>();
		if (input == null) {
			throw new InvalidRequestException("body", "a level: onHand, asOf and optionally safetyStock");
		}
		units(input.onHand(), "onHand", true, violations);
		if (input.safetyStock() != null) {
			units(input.safetyStock(), "safetyStock", true, violations);
		}
		OffsetDateTime now = now();
		asOf(input.asOf(), now, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return OnceMore.afterDuplicateKey(transaction, () -> {
			Optional<StockRepository.Row> before = repository.row(locationId, sku);
			boolean applied;
			if (before.isEmpty()) {
				repository.insert(locationId, sku, input.onHand(),
						input.safetyStock() == null ? 0 : input.safetyStock(), input.asOf(), now);
				applied = true;
			}
			else {
				applied = repository.applyCount(locationId, sku, input.onHand(), input.safetyStock(), input.asOf(),
						now) == 1;
			}
			return finish(applied ? "APPLIED" : "STALE", locationId, sku, available(before));
		});
	}

	/**
	 * Applies a movement once per id and location: a repeat of the id changes nothing and is answered
	 * {@code DUPLICATE}. The id is the movement's own or, when it has none, the request's
	 * {@code Idempotency-Key}; when both are given they must agree.
	 * @throws InvalidRequestException naming every invalid field, or a movement that takes more than is on
	 * hand; nothing is changed
	 * @throws IdempotencyKeyMismatchException when the id was recorded for another SKU, kind or quantity
	 */
	public Result move(String locationId, String sku, MovementInput input, String idempotencyKey, String principal) {
		List<FieldViolation> violations = new ArrayList<>();
		if (input == null) {
			throw new InvalidRequestException("body", "a movement: id, kind, quantity and optionally reason");
		}
		String id = input.id() == null ? idempotencyKey : input.id();
		if (id == null || id.isBlank() || id.length() > MAX_MOVEMENT_ID) {
			violations.add(new FieldViolation("id", "the sender's id of the movement (or an Idempotency-Key), 1 to "
					+ MAX_MOVEMENT_ID + " characters, unique per location"));
		}
		else if (idempotencyKey != null && !idempotencyKey.equals(id)) {
			violations.add(new FieldViolation("id", "differs from the Idempotency-Key header; give one, or the same"));
		}
		MovementKind kind = null;
		try {
			kind = input.kind() == null ? null : MovementKind.valueOf(input.kind());
		}
		catch (IllegalArgumentException unknown) {
			// named below
		}
		if (kind == null) {
			violations.add(new FieldViolation("kind", "one of RECEIVED, FOUND, DAMAGED, LOST, ADJUSTED"));
		}
		if (input.quantity() == null || input.quantity() == 0 || Math.abs(input.quantity()) > MAX_UNITS
				|| (kind != null && kind.sign != 0 && input.quantity() < 0)) {
			violations.add(new FieldViolation("quantity", kind == MovementKind.ADJUSTED
					? "a non-zero number of units, negative to take off" : "a positive number of units"));
		}
		if (input.reason() != null && input.reason().length() > MAX_REASON) {
			violations.add(new FieldViolation("reason", "at most " + MAX_REASON + " characters"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		int delta = kind.sign == 0 ? input.quantity() : kind.sign * input.quantity();
		String kindName = kind.name();
		return OnceMore.afterDuplicateKey(transaction, () -> {
			Optional<StockRepository.Row> before = repository.row(locationId, sku);
			Optional<StockRepository.Movement> recorded = repository.movement(locationId, id);
			if (recorded.isPresent()) {
				StockRepository.Movement first = recorded.get();
				if (!first.sku().equals(sku) || !first.kind().equals(kindName) || first.quantity() != input.quantity()) {
					throw new IdempotencyKeyMismatchException(id);
				}
				return finish("DUPLICATE", locationId, sku, available(before));
			}
			OffsetDateTime now = now();
			if (before.isEmpty()) {
				if (delta < 0) {
					throw new InvalidRequestException("quantity", "nothing of " + sku + " is on hand at " + locationId);
				}
				repository.insert(locationId, sku, 0, 0, null, now);
			}
			if (repository.move(locationId, sku, delta, now) == 0) {
				throw new InvalidRequestException("quantity", "only " + before.orElseThrow().level().onHand()
						+ " on hand to take " + -delta + " off");
			}
			Result result = finish("APPLIED", locationId, sku, available(before));
			repository.recordMovement(locationId,
					new StockRepository.Movement(id, sku, kindName, input.quantity(), result.level().onHand()),
					input.reason(), principal, now);
			return result;
		});
	}

	/** A full count of one location: every SKU it has; SKUs it holds that are not in it are counted as zero. */
	public record SnapshotInput(OffsetDateTime asOf, List<SnapshotLine> levels) {
	}

	public record SnapshotLine(String sku, Integer onHand, Integer safetyStock) {
	}

	/**
	 * What a snapshot did: rows applied (the rest had a count as new or newer), SKUs it set to zero because
	 * the snapshot did not list them, and the SKUs it left short of what is reserved.
	 */
	public record SnapshotResult(OffsetDateTime asOf, int rows, int applied, int zeroed, Map<String, Integer> shortfalls) {
	}

	/**
	 * Takes a location's full count, up to {@value #MAX_SNAPSHOT} rows: validated as a whole first (every
	 * invalid or unknown SKU named, nothing changed), then applied {@value #CHUNK} rows per transaction, so
	 * that allocation is never held up for long; SKUs the location holds that the snapshot does not list are
	 * then set to zero the same way. A row whose stock was counted at or after {@code asOf} is left alone, so
	 * sending the same snapshot again, or an older one, changes nothing.
	 * @throws InvalidRequestException naming the invalid fields (at most 100 of them)
	 */
	public SnapshotResult snapshot(String locationId, SnapshotInput input) {
		List<FieldViolation> violations = new ArrayList<>();
		if (input == null || input.levels() == null) {
			throw new InvalidRequestException("levels", "the location's levels: [{sku, onHand, safetyStock}, ...]");
		}
		OffsetDateTime now = now();
		asOf(input.asOf(), now, violations);
		List<SnapshotLine> lines = input.levels();
		if (lines.size() > MAX_SNAPSHOT) {
			throw new InvalidRequestException("levels", "at most " + MAX_SNAPSHOT + " rows per snapshot");
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		int more = 0;
		for (int i = 0; i < lines.size(); i++) {
			SnapshotLine line = lines.get(i);
			List<FieldViolation> ofLine = new ArrayList<>();
			String at = "levels[" + i + "].";
			if (line == null || line.sku() == null || !Catalog.ID.matcher(line.sku()).matches()) {
				ofLine.add(new FieldViolation(at + "sku", "a SKU of the catalog"));
			}
			else if (!seen.add(line.sku())) {
				ofLine.add(new FieldViolation(at + "sku", "SKU " + line.sku() + " is in the snapshot twice"));
			}
			if (line != null) {
				units(line.onHand(), at + "onHand", true, ofLine);
				if (line.safetyStock() != null) {
					units(line.safetyStock(), at + "safetyStock", true, ofLine);
				}
			}
			if (violations.size() + ofLine.size() > MAX_VIOLATIONS) {
				more += ofLine.size();
			}
			else {
				violations.addAll(ofLine);
			}
		}
		List<String> skus = new ArrayList<>(seen);
		java.util.Set<String> known = new java.util.HashSet<>();
		for (int from = 0; from < skus.size(); from += CHUNK) {
			known.addAll(catalog.activeBySku(skus.subList(from, Math.min(skus.size(), from + CHUNK))).keySet());
		}
		for (int i = 0; i < lines.size() && known.size() < seen.size(); i++) {
			SnapshotLine line = lines.get(i);
			if (line != null && line.sku() != null && seen.contains(line.sku()) && !known.contains(line.sku())) {
				if (violations.size() >= MAX_VIOLATIONS) {
					more++;
				}
				else {
					violations.add(new FieldViolation("levels[" + i + "].sku", "unknown SKU '" + line.sku() + "'"));
				}
			}
		}
		if (more > 0) {
			violations.add(new FieldViolation("levels", more + " more invalid fields not listed"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		List<StockRepository.Count> counts = lines.stream()
			.map(line -> new StockRepository.Count(line.sku(), line.onHand(), line.safetyStock()))
			.toList();
		Map<String, Integer> shortfalls = new java.util.TreeMap<>();
		int applied = applyInChunks(locationId, counts, input.asOf(), shortfalls);
		List<StockRepository.Count> absent = repository.heldAndCountedBefore(locationId, input.asOf())
			.stream()
			.filter(sku -> !seen.contains(sku))
			.map(sku -> new StockRepository.Count(sku, 0, null))
			.toList();
		int zeroed = applyInChunks(locationId, absent, input.asOf(), shortfalls);
		return new SnapshotResult(input.asOf(), lines.size(), applied, zeroed, shortfalls);
	}

	private int applyInChunks(String locationId, List<StockRepository.Count> counts, OffsetDateTime asOf,
			Map<String, Integer> shortfalls) {
		int applied = 0;
		for (int from = 0; from < counts.size(); from += CHUNK) {
			List<StockRepository.Count> chunk = counts.subList(from, Math.min(counts.size(), from + CHUNK));
			applied += OnceMore.afterDuplicateKey(transaction, () -> {
				Map<String, Integer> before = repository.available(locationId,
						chunk.stream().map(StockRepository.Count::sku).toList());
				int done = repository.applyCounts(locationId, chunk, asOf, now());
				List<String> arrived = repository
					.available(locationId, chunk.stream().map(StockRepository.Count::sku).toList())
					.entrySet()
					.stream()
					.filter(entry -> entry.getValue() > before.getOrDefault(entry.getKey(), 0))
					.map(Map.Entry::getKey)
					.toList();
				if (!arrived.isEmpty()) {
					events.publishEvent(new StockArrived(locationId, arrived));
				}
				repository.shortfalls(locationId, chunk.stream().map(StockRepository.Count::sku).toList())
					.forEach((sku, shortBy) -> {
						shortfalls.put(sku, shortBy);
						events.publishEvent(new StockShortfall(locationId, sku, shortBy));
					});
				return done;
			});
		}
		return applied;
	}

	/** What may be promised of each SKU, at the active locations that ship, optionally in one country or at one location. */
	@Transactional(readOnly = true)
	public List<Availability> availability(List<String> skus, String country, String locationId) {
		Map<String, List<At>> bySku = new LinkedHashMap<>();
		skus.forEach(sku -> bySku.put(sku, new ArrayList<>()));
		for (StockLevel level : repository.allocatable(skus, country, locationId)) {
			bySku.get(level.sku())
				.add(new At(level.locationId(), level.onHand(), level.reserved(), level.safetyStock(),
						level.available()));
		}
		return bySku.entrySet()
			.stream()
			.map(entry -> new Availability(entry.getKey(),
					entry.getValue().stream().mapToInt(At::available).sum(), entry.getValue()))
			.toList();
	}

	/**
	 * The result, read once after the change in the same transaction. An applied change that lets more be
	 * promised than {@code availableBefore} tells who waits for the SKU; one that leaves the location short
	 * of what is reserved publishes the shortfall.
	 */
	private Result finish(String outcome, String locationId, String sku, int availableBefore) {
		StockRepository.Row row = repository.row(locationId, sku).orElseThrow();
		int shortBy = Math.max(0, row.level().reserved() - row.level().onHand());
		if ("APPLIED".equals(outcome)) {
			if (row.level().available() > availableBefore) {
				events.publishEvent(new StockArrived(locationId, List.of(sku)));
			}
			if (shortBy > 0) {
				events.publishEvent(new StockShortfall(locationId, sku, shortBy));
			}
		}
		return new Result(outcome, row.level(), row.countedAt(), shortBy);
	}

	private static int available(Optional<StockRepository.Row> row) {
		return row.map(r -> r.level().available()).orElse(0);
	}

	private static void asOf(OffsetDateTime asOf, OffsetDateTime now, List<FieldViolation> violations) {
		if (asOf == null) {
			violations.add(new FieldViolation("asOf", "when the count was taken (ISO 8601 with offset)"));
		}
		else if (asOf.isAfter(now.plusMinutes(5))) {
			violations.add(new FieldViolation("asOf", "must not be in the future"));
		}
	}

	private static void units(Integer value, String field, boolean zeroAllowed, List<FieldViolation> violations) {
		if (value == null || value < (zeroAllowed ? 0 : 1) || value > MAX_UNITS) {
			violations.add(new FieldViolation(field, "a whole number of units from " + (zeroAllowed ? 0 : 1) + " to "
					+ MAX_UNITS));
		}
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
