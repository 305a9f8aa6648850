package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A Flyway migration that an installation has applied must never change: Flyway compares each applied
 * migration's checksum on every start and refuses to start when one differs, even by a comment. The
 * migrations on main are recorded in {@code src/test/resources/applied-migrations.sha256}; a change to the
 * schema is a new migration, recorded there once it is final.
 */
class MigrationsTest {

	static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

	static final Path RECORDED = Path.of("src", "test", "resources", "applied-migrations.sha256");

	@Test
	void noRecordedMigrationChangesAndEveryMigrationIsRecorded() throws IOException {
		Map<String, String> recorded = new TreeMap<>();
		for (String line : Files.readAllLines(RECORDED)) {
			if (!line.isBlank()) {
				String[] hashAndFile = line.strip().split("\\s+", 2);
				recorded.put(hashAndFile[1], hashAndFile[0]);
			}
		}
		Map<String, String> present;
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			present = files.filter(file -> file.getFileName().toString().endsWith(".sql"))
				.collect(Collectors.toMap(file -> file.getFileName().toString(), MigrationsTest::sha256, (a, b) -> a,
						TreeMap::new));
		}
		recorded.forEach((file, hash) -> {
			assertThat(present).as("%s was applied by installations and must stay: write a new migration instead",
					file).containsKey(file);
			assertThat(present.get(file)).as("%s was applied by installations and changed (Flyway refuses to start "
					+ "on a checksum mismatch): undo the change and write a new migration", file).isEqualTo(hash);
		});
		assertThat(present.keySet()).as("migrations not recorded in %s: once final, add their sha256sum line",
				RECORDED).isSubsetOf(recorded.keySet());
	}

	private static String sha256(Path file) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (IOException | NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
