package io.orderflow.inventory;

import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An upsert written as read-or-update, then insert: when a concurrent request inserted the same row first,
 * the transaction rolls back on the primary key and runs once more, now finding the row.
 */
final class OnceMore {

	private OnceMore() {
	}

	static <T> T afterDuplicateKey(TransactionTemplate transaction, Supplier<T> work) {
		try {
			return transaction.execute(tx -> work.get());
		}
		catch (DuplicateKeyException insertedMeanwhile) {
			return transaction.execute(tx -> work.get());
		}
	}

}
