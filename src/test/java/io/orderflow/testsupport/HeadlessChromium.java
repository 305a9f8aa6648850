package io.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver (both installed by {@code .ci/run}; nothing is downloaded at
 * run time), with a profile of its own, and screenshots under {@code target/screenshots/}.
 */
public final class HeadlessChromium implements AutoCloseable {

	static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	static final String CHROMIUM = "/usr/bin/chromium";

	public final WebDriver driver;

	public final WebDriverWait wait;

	private final Path profile;

	public HeadlessChromium() throws IOException {
		assertThat(CHROMEDRIVER.canExecute()).as("chromedriver: apt-get install chromium chromium-driver (see .ci/run)")
			.isTrue();
		profile = Files.createTempDirectory("orderflow-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1400,1000", "--user-data-dir=" + profile);
		// a navigation returns once the document is parsed, not when every stylesheet and image has come: every
		// test waits for the element it needs, and a subresource Chromium holds back cannot stall a navigation
		options.setPageLoadStrategy(PageLoadStrategy.EAGER);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		wait = new WebDriverWait(driver, Duration.ofSeconds(60));
		// pages that re-render as data arrives: look again rather than fail on a replaced element
		wait.ignoring(StaleElementReferenceException.class);
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	public void screenshot(String name) {
		try {
			Path folder = Files.createDirectories(Path.of("target", "screenshots"));
			File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException e) {
			// a temporary profile left behind
		}
	}

}
