package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;

/** The totals of a page of a search: exact up to a limit, a lower bound beyond it, counted only when needed. */
class OrderPageTest {

	private final AtomicLong countsAsked = new AtomicLong(-1);

	@Test
	void aPageThatIsNotFullTellsTheTotalWithoutACount() {
		OrderPage page = OrderPage.of(orders(3), 1, 20, 100, matches(999));
		assertThat(page.totalElements()).isEqualTo(23);
		assertThat(page.totalExact()).isTrue();
		assertThat(countsAsked.get()).as("no count").isEqualTo(-1);
	}

	@Test
	void aFullPageCountsTheMatchesExactlyUpToTheLimit() {
		OrderPage page = OrderPage.of(orders(20), 0, 20, 100, matches(57));
		assertThat(page.totalElements()).isEqualTo(57);
		assertThat(page.totalPages()).isEqualTo(3);
		assertThat(page.totalExact()).isTrue();
		assertThat(countsAsked.get()).as("counted one past the limit at most").isEqualTo(101);
	}

	@Test
	void exactlyTheLimitIsStillExact() {
		OrderPage page = OrderPage.of(orders(20), 0, 20, 100, matches(100));
		assertThat(page.totalElements()).isEqualTo(100);
		assertThat(page.totalExact()).isTrue();
	}

	@Test
	void moreMatchesThanTheLimitGiveTheLimitAsALowerBound() {
		OrderPage page = OrderPage.of(orders(20), 0, 20, 100, matches(55_000));
		assertThat(page.totalElements()).isEqualTo(100);
		assertThat(page.totalPages()).isEqualTo(5);
		assertThat(page.totalExact()).isFalse();
	}

	@Test
	void aFullPageBeyondTheLimitGivesWhatThePagesHoldAsALowerBound() {
		OrderPage page = OrderPage.of(orders(20), 9, 20, 100, matches(55_000));
		assertThat(page.totalElements()).isEqualTo(200);
		assertThat(page.totalExact()).isFalse();
	}

	@Test
	void anEmptyPageAfterTheLastCountsAgain() {
		OrderPage page = OrderPage.of(orders(0), 5, 20, 100, matches(41));
		assertThat(page.totalElements()).isEqualTo(41);
		assertThat(page.totalExact()).isTrue();
	}

	/** A count of {@code total} matches that stops at the number it is asked for, as the SQL's limit does. */
	private LongUnaryOperator matches(long total) {
		return upTo -> {
			countsAsked.set(upTo);
			return Math.min(total, upTo);
		};
	}

	private static List<Order> orders(int n) {
		return new ArrayList<>(Collections.nCopies(n, (Order) null));
	}

}
