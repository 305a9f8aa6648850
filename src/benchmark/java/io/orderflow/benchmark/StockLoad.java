package io.orderflow.benchmark;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The stock phase: the catalog and the stock of a large retailer sent over REST as warehouse systems send
 * them. {@code stockSkus} products in bulk requests of 10,000, then {@code stockLocations} locations each with
 * a full snapshot of every SKU (the daily sync); the first snapshot is timed alone, with the heap it takes.
 * Then what a storefront asks before it takes an order: the availability of 20 random SKUs, 200 times.
 */
final class StockLoad {

	static final int BULK = 10_000;

	static final int LOOKUPS = 200;

	static final int SKUS_PER_LOOKUP = 20;

	private final BenchmarkSettings settings;

	private final RestClient integrator;

	StockLoad(BenchmarkSettings settings, RestClient integrator) {
		this.settings = settings;
		this.integrator = integrator;
	}

	/** What it measured, also printed as rows of the result table. */
	record Result(int skus, int locations, double productsSeconds, double firstSnapshotSeconds,
			long firstSnapshotPeakHeapMb, double allSnapshotsSeconds, double rowsPerSecond, double availabilityP50,
			double availabilityP99) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("skus", skus);
			json.put("locations", locations);
			json.put("productsSeconds", round(productsSeconds));
			json.put("firstSnapshotSeconds", round(firstSnapshotSeconds));
			json.put("firstSnapshotPeakHeapMb", firstSnapshotPeakHeapMb);
			json.put("allSnapshotsSeconds", round(allSnapshotsSeconds));
			json.put("snapshotRowsPerSecond", Math.round(rowsPerSecond));
			json.put("availabilityP50Millis", round(availabilityP50));
			json.put("availabilityP99Millis", round(availabilityP99));
			return json;
		}

		private static double round(double value) {
			return Math.round(value * 10) / 10.0;
		}

	}

	Result run(HeapSampler heap) {
		int skus = settings.stockSkus();
		System.out.println("Stock: " + skus + " SKUs at " + settings.stockLocations() + " locations …");
		long start = System.nanoTime();
		for (int from = 0; from < skus; from += BULK) {
			List<Map<String, Object>> products = new ArrayList<>();
			for (int i = from; i < Math.min(skus, from + BULK); i++) {
				products.add(Map.of("sku", sku(i), "name", "Stock benchmark product " + i));
			}
			expect(integrator.post("/api/products/bulk", Map.of("products", products)), 200);
		}
		double productsSeconds = OrderflowLoad.seconds(System.nanoTime() - start);
		Random random = new Random(settings.seed());
		OffsetDateTime asOf = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
		double firstSeconds = 0;
		long firstHeap = 0;
		long allStart = System.nanoTime();
		for (int l = 0; l < settings.stockLocations(); l++) {
			String location = "BENCH-STOCK-" + l;
			expect(integrator.put("/api/locations/" + location, Map.of("name", "Stock benchmark location " + l, "type",
					"WAREHOUSE", "priority", 1000 + l, "country", "DE")), 201, 200);
			List<Map<String, Object>> levels = new ArrayList<>(skus);
			for (int i = 0; i < skus; i++) {
				levels.add(Map.of("sku", sku(i), "onHand", random.nextInt(50)));
			}
			Map<String, Object> snapshot = Map.of("asOf", asOf.toString(), "levels", levels);
			if (l == 0) {
				try (HeapSampler.Window window = heap.window()) {
					long first = System.nanoTime();
					expect(integrator.put("/api/locations/" + location + "/stock", snapshot), 200);
					firstSeconds = OrderflowLoad.seconds(System.nanoTime() - first);
					firstHeap = window.peakUsedMb();
				}
				System.out.printf("Stock: first snapshot of %d rows in %.1f s%n", skus, firstSeconds);
			}
			else {
				expect(integrator.put("/api/locations/" + location + "/stock", snapshot), 200);
			}
		}
		double allSeconds = OrderflowLoad.seconds(System.nanoTime() - allStart);
		double[] millis = new double[LOOKUPS];
		for (int n = 0; n < LOOKUPS; n++) {
			StringBuilder query = new StringBuilder("/api/availability?");
			for (int k = 0; k < SKUS_PER_LOOKUP; k++) {
				query.append(k == 0 ? "" : "&").append("sku=").append(sku(random.nextInt(skus)));
			}
			long lookup = System.nanoTime();
			expect(integrator.get(query.toString()), 200);
			millis[n] = (System.nanoTime() - lookup) / 1_000_000.0;
		}
		Arrays.sort(millis);
		return new Result(skus, settings.stockLocations(), productsSeconds, firstSeconds, firstHeap, allSeconds,
				(double) skus * settings.stockLocations() / allSeconds, millis[LOOKUPS / 2],
				millis[(int) Math.ceil(LOOKUPS * 0.99) - 1]);
	}

	static String sku(int i) {
		return String.format("STOCK-%06d", i);
	}

	private static void expect(RestClient.Response response, int... statuses) {
		for (int status : statuses) {
			if (response.status() == status) {
				return;
			}
		}
		throw new IllegalStateException(response.request() + " answered " + response.status() + ": "
				+ response.body().substring(0, Math.min(500, response.body().length())));
	}

}
