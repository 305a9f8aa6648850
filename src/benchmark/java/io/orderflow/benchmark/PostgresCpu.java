package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time of the PostgreSQL server processes on this machine (Linux {@code /proc}), so that the report
 * can say how the cores were shared between Orderflow and its database. Processes that end during a run
 * (a backend whose connection closed) are not counted; Hikari keeps its connections, so that is little.
 * Empty where {@code /proc} is not there or the database runs elsewhere.
 */
final class PostgresCpu {

	/** Clock ticks per second of /proc/[pid]/stat (USER_HZ; 100 on every Linux we run on). */
	private static final long TICKS_PER_SECOND = 100;

	private PostgresCpu() {
	}

	/** Milliseconds of CPU the postgres processes have used so far. */
	static OptionalLong millis() {
		Path proc = Path.of("/proc");
		if (!Files.isDirectory(proc)) {
			return OptionalLong.empty();
		}
		long ticks = 0;
		boolean found = false;
		try (Stream<Path> processes = Files.list(proc)) {
			for (Path process : (Iterable<Path>) processes::iterator) {
				if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					String stat = Files.readString(process.resolve("stat"));
					int open = stat.indexOf('(');
					int close = stat.lastIndexOf(')');
					if (open < 0 || close < 0 || !stat.substring(open + 1, close).startsWith("postgres")) {
						continue;
					}
					String[] fields = stat.substring(close + 2).split(" ");
					// after "pid (comm) ": state is field 3, utime field 14, stime field 15
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					found = true;
				}
				catch (IOException | RuntimeException gone) {
					// the process ended meanwhile
				}
			}
		}
		catch (IOException e) {
			return OptionalLong.empty();
		}
		return found ? OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND) : OptionalLong.empty();
	}

}
