package io.orderflow.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which locations ship an order. This class is pure logic: it gets the stock, it reads and
 * changes nothing. The objectives, most important first:
 * <ol>
 * <li>Ship whatever any active location can ship. Only what no location has is backordered (partial
 * allocation).</li>
 * <li>Use the fewest locations, which means the fewest fulfillment orders. With up to
 * {@code exactSearchMaxLocations} candidate locations (those holding a demanded SKU) the search is exact:
 * combinations by increasing size, so the first size that covers everything is the minimum. With more
 * candidates the search is greedy: it takes the location that covers the most remaining units, then
 * drops any location the others make redundant.</li>
 * <li>Among equally small sets, lower priority numbers win. A set's priorities are sorted ascending and
 * compared <em>lexicographically</em>, not summed: {1, 5} beats {2, 3}, so the best location counts
 * most.</li>
 * <li>Then more locations in the destination's country.</li>
 * <li>Then the shorter total haversine distance to the destination point. This applies only when the
 * point is known. Locations without coordinates count as farther away than any location with them.</li>
 * <li>Finally the location ids decide, so that the answer is deterministic.</li>
 * </ol>
 * Within the chosen set, each line ships whole from the best-ranked location that can still take it.
 * Locations are ranked by the same criteria, applied to one location. A line is split only when no
 * location in the set can take it whole, taking the largest remaining stock first. Lines of the same SKU
 * are placed largest first (first-fit decreasing). When one order has several lines of the same SKU, that
 * heuristic can split a line that another arrangement would not have to split.
 */
public final class Routing {

	public static final int DEFAULT_EXACT_SEARCH_MAX_LOCATIONS = 15;

	/** Hard ceiling for the exact search: 2^20 combinations is the most it ever tries. */
	static final int EXACT_SEARCH_CEILING = 20;

	private static final Comparator<Site> RANK = Comparator.comparingInt(Site::priority)
		.thenComparing(Site::sameCountry, Comparator.reverseOrder())
		.thenComparing(Site::distanceKm, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Site::id);

	private final int exactSearchMaxLocations;

	public Routing() {
		this(DEFAULT_EXACT_SEARCH_MAX_LOCATIONS);
	}

	/**
	 * @param exactSearchMaxLocations up to this many candidate locations the minimum is found exactly;
	 * beyond, greedily (at most {@value #EXACT_SEARCH_CEILING})
	 */
	public Routing(int exactSearchMaxLocations) {
		if (exactSearchMaxLocations < 0 || exactSearchMaxLocations > EXACT_SEARCH_CEILING) {
			throw new IllegalArgumentException(
					"exactSearchMaxLocations must be between 0 and " + EXACT_SEARCH_CEILING + ": " + exactSearchMaxLocations);
		}
		this.exactSearchMaxLocations = exactSearchMaxLocations;
	}

	/**
	 * Plans where {@code demand} ships from.
	 * @param demand what is still to be placed, per order line (quantities of 0 are ignored)
	 * @param candidates locations with their available stock; inactive ones are ignored
	 * @param destination where the order goes; used only to break ties
	 */
	public RoutingPlan plan(List<LineQuantity> demand, List<StockCandidate> candidates, Destination destination) {
		Destination to = destination == null ? Destination.unknown() : destination;
		List<LineQuantity> lines = normalize(demand);
		Map<String, Integer> demandBySku = new TreeMap<>();
		lines.forEach(line -> demandBySku.merge(line.sku(), line.quantity(), Integer::sum));
		List<String> skus = List.copyOf(demandBySku.keySet());

		Set<String> seen = new HashSet<>();
		List<Site> sites = new ArrayList<>();
		for (StockCandidate candidate : candidates) {
			if (!seen.add(candidate.location().id())) {
				throw new IllegalArgumentException("Location " + candidate.location().id() + " is a candidate twice");
			}
			if (candidate.location().active()) {
				Site site = Site.of(candidate, skus, to);
				if (site.holdsAny()) {
					sites.add(site);
				}
			}
		}
		sites.sort(RANK);
		if (sites.isEmpty()) {
			return RoutingPlan.nothing(lines);
		}

		int[] target = new int[skus.size()];
		int[][] available = new int[sites.size()][skus.size()];
		for (int s = 0; s < skus.size(); s++) {
			int total = 0;
			for (int i = 0; i < sites.size(); i++) {
				available[i][s] = sites.get(i).available(skus.get(s));
				total += available[i][s];
			}
			target[s] = Math.min(demandBySku.get(skus.get(s)), total);
		}
		List<Site> chosen = sites.size() <= exactSearchMaxLocations ? exactCover(sites, available, target)
				: greedyCover(sites, available, target);
		return assign(lines, chosen);
	}

	/** Merges quantities of the same line, drops zeros, orders by line number. */
	private static List<LineQuantity> normalize(List<LineQuantity> demand) {
		Map<Integer, LineQuantity> byLine = new TreeMap<>();
		for (LineQuantity line : demand) {
			if (line.quantity() == 0) {
				continue;
			}
			byLine.merge(line.lineNumber(), line, (a, b) -> {
				if (!a.sku().equals(b.sku())) {
					throw new IllegalArgumentException("Line " + a.lineNumber() + " has two SKUs: " + a.sku() + ", " + b.sku());
				}
				return new LineQuantity(a.lineNumber(), a.sku(), a.quantity() + b.quantity());
			});
		}
		return List.copyOf(byLine.values());
	}

	/** The smallest covering set, found by trying all combinations of size 1, 2, ... in turn. */
	private static List<Site> exactCover(List<Site> sites, int[][] available, int[] target) {
		int n = sites.size();
		for (int k = 1; k <= n; k++) {
			SetScore best = null;
			int[] combination = new int[k];
			for (int i = 0; i < k; i++) {
				combination[i] = i;
			}
			while (true) {
				if (covers(combination, available, target)) {
					SetScore score = SetScore.of(combination, sites);
					if (best == null || score.compareTo(best) < 0) {
						best = score;
					}
				}
				int i = k - 1;
				while (i >= 0 && combination[i] == n - k + i) {
					i--;
				}
				if (i < 0) {
					break;
				}
				combination[i]++;
				for (int j = i + 1; j < k; j++) {
					combination[j] = combination[j - 1] + 1;
				}
			}
			if (best != null) {
				return best.sites();
			}
		}
		return sites;
	}

	/**
	 * Greedy set cover: repeatedly the location covering the most remaining units (ties: the better
	 * ranked), then redundant locations removed, worst-ranked first.
	 */
	private static List<Site> greedyCover(List<Site> sites, int[][] available, int[] target) {
		int[] remaining = target.clone();
		boolean[] used = new boolean[sites.size()];
		List<Integer> chosen = new ArrayList<>();
		while (Arrays.stream(remaining).sum() > 0) {
			int best = -1;
			long bestCovered = 0;
			for (int i = 0; i < sites.size(); i++) {
				if (used[i]) {
					continue;
				}
				long covered = 0;
				for (int s = 0; s < remaining.length; s++) {
					covered += Math.min(available[i][s], remaining[s]);
				}
				if (covered > bestCovered) {
					best = i;
					bestCovered = covered;
				}
			}
			if (best < 0) {
				break;
			}
			used[best] = true;
			chosen.add(best);
			for (int s = 0; s < remaining.length; s++) {
				remaining[s] -= Math.min(available[best][s], remaining[s]);
			}
		}
		chosen.sort(Comparator.reverseOrder());
		for (Integer candidate : List.copyOf(chosen)) {
			List<Integer> without = new ArrayList<>(chosen);
			without.remove(candidate);
			if (covers(without.stream().mapToInt(Integer::intValue).toArray(), available, target)) {
				chosen = without;
			}
		}
		return chosen.stream().sorted().map(sites::get).toList();
	}

	private static boolean covers(int[] combination, int[][] available, int[] target) {
		for (int s = 0; s < target.length; s++) {
			int sum = 0;
			for (int i : combination) {
				sum += available[i][s];
			}
			if (sum < target[s]) {
				return false;
			}
		}
		return true;
	}

	/** Places every line within the chosen locations: whole where possible, split only where not. */
	private static RoutingPlan assign(List<LineQuantity> lines, List<Site> chosen) {
		List<Site> ranked = chosen.stream().sorted(RANK).toList();
		Map<String, Map<Integer, LineQuantity>> placed = new LinkedHashMap<>();
		ranked.forEach(site -> placed.put(site.id(), new TreeMap<>()));
		Map<Integer, Integer> backordered = new TreeMap<>();
		Map<String, List<LineQuantity>> bySku = new LinkedHashMap<>();
		lines.forEach(line -> bySku.computeIfAbsent(line.sku(), k -> new ArrayList<>()).add(line));

		bySku.forEach((sku, skuLines) -> {
			int[] left = ranked.stream().mapToInt(site -> site.available(sku)).toArray();
			List<LineQuantity> largestFirst = skuLines.stream()
				.sorted(Comparator.comparingInt(LineQuantity::quantity).reversed()
					.thenComparingInt(LineQuantity::lineNumber))
				.toList();
			for (LineQuantity line : largestFirst) {
				int whole = -1;
				for (int i = 0; i < left.length && whole < 0; i++) {
					if (left[i] >= line.quantity()) {
						whole = i;
					}
				}
				if (whole >= 0) {
					left[whole] -= line.quantity();
					place(placed, ranked.get(whole), line, line.quantity());
					continue;
				}
				int need = line.quantity();
				List<Integer> mostFirst = new ArrayList<>();
				for (int i = 0; i < left.length; i++) {
					mostFirst.add(i);
				}
				mostFirst.sort(Comparator.comparingInt((Integer i) -> left[i]).reversed().thenComparingInt(i -> i));
				for (int i : mostFirst) {
					int take = Math.min(left[i], need);
					if (take > 0) {
						left[i] -= take;
						need -= take;
						place(placed, ranked.get(i), line, take);
					}
				}
				if (need > 0) {
					backordered.merge(line.lineNumber(), need, Integer::sum);
				}
			}
		});

		List<PlannedShipment> shipments = new ArrayList<>();
		placed.forEach((locationId, byLine) -> {
			if (!byLine.isEmpty()) {
				shipments.add(new PlannedShipment(locationId, List.copyOf(byLine.values())));
			}
		});
		return new RoutingPlan(shipments, backordered);
	}

	private static void place(Map<String, Map<Integer, LineQuantity>> placed, Site site, LineQuantity line,
			int quantity) {
		placed.get(site.id())
			.merge(line.lineNumber(), new LineQuantity(line.lineNumber(), line.sku(), quantity),
					(a, b) -> new LineQuantity(a.lineNumber(), a.sku(), a.quantity() + b.quantity()));
	}

	/** A candidate location as routing sees it: its available stock of the demanded SKUs, its rank keys. */
	private record Site(Location location, Map<String, Integer> stock, boolean sameCountry, Double distanceKm) {

		static Site of(StockCandidate candidate, List<String> skus, Destination destination) {
			Map<String, Integer> stock = new TreeMap<>();
			for (String sku : skus) {
				int available = candidate.available(sku);
				if (available > 0) {
					stock.put(sku, available);
				}
			}
			Location location = candidate.location();
			boolean sameCountry = destination.country() != null && location.country() != null
					&& destination.country().equalsIgnoreCase(location.country());
			GeoPoint point = GeoPoint.of(location.latitude(), location.longitude());
			Double distance = destination.point() == null || point == null ? null
					: destination.point().distanceKm(point);
			return new Site(location, stock, sameCountry, distance);
		}

		String id() {
			return location.id();
		}

		int priority() {
			return location.priority();
		}

		boolean holdsAny() {
			return !stock.isEmpty();
		}

		int available(String sku) {
			return stock.getOrDefault(sku, 0);
		}

	}

	/** How good a covering set is; smaller is better (see the class comment for the order). */
	private record SetScore(List<Site> sites, int[] priorities, int sameCountry, int withoutDistance,
			double distanceKm, String[] ids) implements Comparable<SetScore> {

		static SetScore of(int[] combination, List<Site> sites) {
			List<Site> set = Arrays.stream(combination).mapToObj(sites::get).toList();
			int[] priorities = set.stream().mapToInt(Site::priority).sorted().toArray();
			int sameCountry = (int) set.stream().filter(Site::sameCountry).count();
			int withoutDistance = (int) set.stream().filter(site -> site.distanceKm() == null).count();
			double distance = set.stream().filter(site -> site.distanceKm() != null).mapToDouble(Site::distanceKm).sum();
			String[] ids = set.stream().map(Site::id).sorted().toArray(String[]::new);
			return new SetScore(set, priorities, sameCountry, withoutDistance, distance, ids);
		}

		@Override
		public int compareTo(SetScore other) {
			int result = Arrays.compare(priorities, other.priorities);
			if (result == 0) {
				result = Integer.compare(other.sameCountry, sameCountry);
			}
			if (result == 0) {
				result = Integer.compare(withoutDistance, other.withoutDistance);
			}
			if (result == 0) {
				result = Double.compare(distanceKm, other.distanceKm);
			}
			if (result == 0) {
				result = Arrays.compare(ids, other.ids);
			}
			return result;
		}

	}

}
