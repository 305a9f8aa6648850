package io.orderflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineEntry;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.HeadlessChromium;
import io.orderflow.testsupport.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The customers' tracking page in a real browser: Given a shipped order, a customer who gives its number and
 * their e-mail (or follows the signed link of a notification) sees its status, items and the parcel's tracking
 * number and nothing else of theirs; a wrong e-mail or a forged link shows nothing, and repeated failures from
 * one address have to wait.
 */
@H2Test
class TrackingBrowserTest extends ServiceApiTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Orders orders;

	HeadlessChromium browser;

	WebDriver driver;

	String email;

	TrackingBrowserTest() {
		super("TRK", "Tracking", "0.00");
	}

	@BeforeEach
	void openBrowser() throws Exception {
		browser = new HeadlessChromium();
		driver = browser.driver;
		email = "grace-" + run.toLowerCase() + "@example.com";
	}

	@AfterEach
	void closeBrowserAndForgetFailures() {
		browser.close();
		Object failures = ReflectionTestUtils.getField(context.getBean(TrackingController.class), "failures");
		((Cache<?, ?>) ReflectionTestUtils.getField(failures, "failures")).invalidateAll();
	}

	@Test
	void aCustomerTracksAShippedOrderByNumberAndEmailAndSeesTheTrackingNumberAndNothingElseOfTheirs() {
		String orderId = shippedOrderOf(email);
		String number = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();
		String tracking = shipments.ofOrder(UUID.fromString(orderId)).get(0).trackingNumber();

		lookUp(number.toLowerCase(), email.toUpperCase());

		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("parcels")));
		browser.screenshot("tracking-order");
		assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("SHIPPED");
		assertThat(driver.findElement(By.id("parcels")).getText()).contains(tracking);
		assertThat(driver.findElement(By.id("items")).getText()).contains("Tracked product");
		assertThat(driver.getPageSource()).doesNotContain(email).doesNotContain("Unter den Linden")
			.doesNotContain("Grace Tracking");
	}

	@Test
	void theSignedLinkOfANotificationOpensThePageAndAForgedOneDoesNot() {
		String orderId = shippedOrderOf(email);
		String link = orders.timeline(UUID.fromString(orderId))
			.stream()
			.map(TimelineEntry::description)
			.filter(text -> text.contains("Track it: "))
			.map(text -> text.substring(text.indexOf("Track it: ") + "Track it: ".length()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No notification of the order carries a tracking link"));
		String path = link.substring(link.indexOf("/track/"));

		driver.get("http://localhost:" + port + path);
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("parcels")));
		assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("SHIPPED");

		driver.get("http://localhost:" + port + path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A"));
		assertThat(driver.findElement(By.id("not-found")).getText()).contains("no order");
	}

	@Test
	void aWrongEmailShowsNothingAndRepeatedFailuresHaveToWait() {
		String orderId = shippedOrderOf(email);
		String number = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();

		// a field left empty (the browser's own check switched off, as a hand-made request) is named, not counted
		driver.get("http://localhost:" + port + "/track");
		((JavascriptExecutor) driver).executeScript("document.getElementById('track').noValidate = true");
		driver.findElement(By.name("orderNumber")).sendKeys(number);
		driver.findElement(By.id("look-up")).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("missing"))).getText())
			.contains("e-mail address");
		assertThat(driver.findElement(By.name("orderNumber")).getDomProperty("value")).isEqualTo(number);

		lookUp(number, "someone-else@example.com");
		browser.screenshot("tracking-not-found");
		assertThat(driver.findElement(By.id("not-found")).getText()).contains("no order");
		assertThat(driver.findElements(By.id("parcels"))).isEmpty();
		for (int i = 1; i < 5; i++) {
			lookUp("OF-" + i, email);
		}

		// the sixth look-up, even a right one, waits
		lookUp(number, email);
		browser.screenshot("tracking-blocked");
		assertThat(driver.findElement(By.id("blocked")).getText()).contains("Too many");
		assertThat(driver.findElements(By.id("parcels"))).isEmpty();
	}

	private void lookUp(String number, String mail) {
		driver.get("http://localhost:" + port + "/track");
		driver.findElement(By.name("orderNumber")).sendKeys(number);
		driver.findElement(By.name("email")).sendKeys(mail);
		driver.findElement(By.id("look-up")).click();
		browser.wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("parcels")),
				ExpectedConditions.presenceOfElementLocated(By.id("not-found")),
				ExpectedConditions.presenceOfElementLocated(By.id("blocked"))));
	}

	/** An order of one unit by a customer with this e-mail, shipped (the carrier booked), not yet delivered. */
	private String shippedOrderOf(String customerEmail) {
		String orderId = submitFor(customerEmail, "Grace Tracking", "Tracked product");
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(UUID.fromString(orderId))) {
			locationEvents.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null,
					null, null));
			Jobs.runDue(engine);
		}
		return orderId;
	}

}
