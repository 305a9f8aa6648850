package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** What a task's form says changed since the task was made, and a history that fits the engine's strings. */
class OrderContextForTaskTest {

	@Test
	void nothingChangedSaysNothing() {
		assertThat(OrderContextForTask.changes("ALLOCATED|1:0:0|2:0:0", "ALLOCATED|1:0:0|2:0:0")).isEmpty();
	}

	@Test
	void unitsShippedSinceAreAWarningThatCancellingWillNotStopTheParcel() {
		String said = OrderContextForTask.changes("ALLOCATED|1:0:0|2:0:0", "PARTIALLY_SHIPPED|1:2:0|2:0:1");

		assertThat(said.lines()).containsExactly("The order was ALLOCATED when this task was made; it is PARTIALLY_SHIPPED now.",
				"Line 1: 2 unit(s) shipped since: already shipped, cancelling will not stop this parcel.",
				"Line 2: 1 unit(s) canceled since.");
	}

	@Test
	void aTaskMadeBeforeTheFactsWereKeptSaysNothing() {
		assertThat(OrderContextForTask.changes(null, "SHIPPED|1:2:0")).isEmpty();
	}

	@Test
	void aShortHistoryIsWhole() {
		assertThat(OrderContextForTask.newestThatFit(List.of("a", "b"))).isEqualTo("a\nb");
	}

	@Test
	void aLongHistoryKeepsItsNewestEntriesAndSaysHowManyEarlierOnesAreInTheConsole() {
		List<String> entries = IntStream.range(0, 100).mapToObj(i -> "entry " + i + " " + "x".repeat(80)).toList();

		String fitted = OrderContextForTask.newestThatFit(entries);

		assertThat(fitted.length()).isLessThanOrEqualTo(OrderContextForTask.MOST);
		assertThat(fitted).endsWith(entries.get(99)).startsWith("… ").contains("earlier entries");
		int kept = (int) fitted.lines().count() - 1;
		assertThat(fitted.lines().findFirst().orElseThrow()).startsWith("… " + (100 - kept) + " earlier entries");
	}

}
