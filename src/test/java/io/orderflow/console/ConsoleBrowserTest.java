package io.orderflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.HeadlessChromium;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestClock;
import io.orderflow.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order console in a real browser (headless Chromium): a service agent signs in, finds an order by the
 * customer's e-mail, opens it and sees its lines, shipments with tracking number, money and history; a
 * warehouse user sees the goods but no money and no customer; bad input gets a message, never a 500 page.
 * Screenshots of each page under target/screenshots/.
 */
@H2Test
class ConsoleBrowserTest extends ServiceApiTest {

	@Autowired
	TestClock clock;


	HeadlessChromium browser;

	WebDriver driver;

	String email;

	ConsoleBrowserTest() {
		super("CON", "Console", "0.00");
	}

	@BeforeEach
	void openBrowser() throws Exception {
		browser = new HeadlessChromium();
		driver = browser.driver;
		email = "ada-" + run.toLowerCase() + "@example.com";
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
		clock.reset();
	}

	@Test
	void anAgentFindsAnOrderByEmailAndSeesItsLinesShipmentsMoneyAndHistory() {
		// Given a delivered order of a customer
		String orderId = deliveredOrderOf(email);
		String number = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();

		// When an agent signs in and searches by the customer's e-mail
		signIn("agent");
		driver.findElement(By.name("customerEmail")).sendKeys(email.toUpperCase());
		driver.findElement(By.id("search")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
		browser.screenshot("console-search");

		// Then the order is found, and its page shows lines, the parcel's tracking number, money and history
		browser.wait.until(ExpectedConditions.elementToBeClickable(By.linkText(number))).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lines")));
		browser.screenshot("console-order-agent");
		assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("DELIVERED");
		assertThat(driver.findElement(By.id("lines")).getText()).contains(sku);
		String tracking = shipments.ofOrder(UUID.fromString(orderId)).get(0).trackingNumber();
		assertThat(driver.findElement(By.id("shipments")).getText()).contains(tracking);
		assertThat(driver.findElement(By.id("customer")).getText()).contains(email);
		assertThat(driver.findElement(By.id("money")).getText()).contains("reconciles").contains("CAPTURE");
		assertThat(driver.findElement(By.id("timeline")).getText()).contains("received from channel WEB");

		// And part of the customer's name, in any case, finds it too
		driver.get(url("/console/orders?customerName=DA%20CONS"));
		assertThat(driver.findElement(By.id("results")).getText()).contains(number);
	}

	@Test
	void aWarehouseUserSeesTheGoodsButNoMoneyAndNoCustomer() {
		String orderId = deliveredOrderOf(email);
		String number = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();

		signIn("warehouse");
		// the warehouse finds orders by number only
		driver.findElement(By.id("search")).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors"))).getText())
			.contains("order number");
		driver.findElement(By.name("orderNumber")).sendKeys(number);
		driver.findElement(By.id("search")).click();
		browser.wait.until(ExpectedConditions.urlContains("orderNumber=" + number));
		browser.wait.until(ExpectedConditions.elementToBeClickable(By.linkText(number))).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lines")));
		browser.screenshot("console-order-warehouse");

		assertThat(driver.findElement(By.id("fulfillment")).getText()).contains(location);
		assertThat(driver.findElements(By.id("money"))).isEmpty();
		assertThat(driver.findElements(By.id("customer"))).isEmpty();
		assertThat(driver.findElements(By.id("timeline"))).isEmpty();
		assertThat(driver.getPageSource()).doesNotContain(email);
	}

	@Test
	void anAgentCancelsAUnitBesideItsLineAndASecondSendOfTheFormAsksNothingMore() {
		// Given an order of two units, allocated and not shipped
		String orderId = submit(2);
		Jobs.runDue(engine);

		// When an agent opens it, chooses "Cancel items", sees the line with two units to cancel, and cancels one
		signIn("agent");
		driver.get(url("/console/orders/" + orderId));
		driver.findElement(By.id("cancel-items")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-lines")));
		assertThat(driver.findElement(By.id("action-lines")).getText()).contains(sku).contains("Can be canceled");
		driver.findElement(By.name("qty_1")).sendKeys("1");
		driver.findElement(By.name("reason")).sendKeys("customer asked on the phone");
		browser.screenshot("console-cancel-form");
		driver.findElement(By.id("submit")).click();

		// Then the order page says so, and the API has the cancellation of one unit
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		browser.screenshot("console-cancel-done");
		assertThat(driver.findElement(By.id("done")).getText()).startsWith("Cancellation requested");
		assertThat(driver.findElement(By.id("requests")).getText()).contains("Cancellation");
		// and the same form sent again (back, send) asks for nothing more
		driver.navigate().back();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit"))).click();
		Response cancellations = integrator.get("/api/orders/" + orderId + "/cancellations");
		assertThat(cancellations.json()).hasSize(1);
		assertThat(cancellations.json().get(0).path("lines").get(0).path("requested").asInt()).isEqualTo(1);
	}

	@Test
	void anAgentStartsAReturnWithTheLinesInFrontOfThemAndTooManyUnitsAreRefusedByLine() {
		String orderId = deliveredOrderOf(email);
		signIn("agent");
		driver.get(url("/console/orders/" + orderId + "/return"));

		// too many: refused, naming the line, nothing stored
		driver.findElement(By.name("qty_1")).sendKeys("5");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		browser.screenshot("console-return-refused");
		assertThat(driver.findElement(By.id("errors")).getText()).startsWith("Line 1:");
		assertThat(integrator.get("/api/orders/" + orderId + "/returns").json()).isEmpty();

		// one unit, damaged: requested
		driver.findElement(By.name("qty_1")).clear();
		driver.findElement(By.name("qty_1")).sendKeys("1");
		new Select(driver.findElement(By.name("reason_1"))).selectByValue("DEFECTIVE");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		browser.screenshot("console-return-done");
		assertThat(driver.findElement(By.id("done")).getText()).contains("Return RMA-");
		assertThat(integrator.get("/api/orders/" + orderId + "/returns").json()).hasSize(1);
	}

	@Test
	void anAgentReshipsAUnitAndAsksForAnAppeasementFromTheOrderPage() {
		String orderId = deliveredOrderOf(email);
		signIn("agent");

		// a reshipment of the delivered unit
		driver.get(url("/console/orders/" + orderId));
		driver.findElement(By.id("reship-items")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-lines")));
		assertThat(driver.findElement(By.id("action-lines")).getText()).contains("Can be reshipped");
		driver.findElement(By.name("qty_1")).sendKeys("1");
		driver.findElement(By.name("reason")).sendKeys("lost in transit");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(driver.findElement(By.id("done")).getText()).startsWith("Reshipment requested");
		assertThat(integrator.get("/api/orders/" + orderId + "/reshipments").json()).hasSize(1);

		// an appeasement: a bad amount is named, a good one requested
		browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("appease"))).click();
		driver.findElement(By.name("amount")).sendKeys("lots");
		driver.findElement(By.id("submit")).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors"))).getText())
			.contains("Amount");
		driver.findElement(By.name("amount")).clear();
		driver.findElement(By.name("amount")).sendKeys("2.00");
		driver.findElement(By.name("reason")).sendKeys("late delivery");
		browser.screenshot("console-appeasement-form");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(driver.findElement(By.id("done")).getText()).startsWith("Appeasement requested");
		assertThat(integrator.get("/api/orders/" + orderId + "/adjustments").json()).hasSize(1);
	}

	@Test
	void theWarehouseCannotCancelOrReturnItems() {
		String orderId = submit(1);
		signIn("warehouse");
		driver.get(url("/console/orders/" + orderId));
		assertThat(driver.findElements(By.id("cancel-items"))).isEmpty();
		driver.get(url("/console/orders/" + orderId + "/cancel"));
		assertThat(driver.getPageSource()).contains("Not for your group");
	}

	@Test
	void theDashboardShowsOrdersPerStatusPerHourAndTheStuckOnesWithLinks() {
		// Given an order delivered and one left RECEIVED for two hours
		deliveredOrderOf(email);
		String waiting = submit(1);
		String number = integrator.get("/api/orders/" + waiting).json().path("orderNumber").asText();
		clock.advance(Duration.ofHours(2));

		// When a supervisor opens the dashboard
		signIn("supervisor");
		driver.findElement(By.linkText("Dashboard")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("per-hour")));
		browser.screenshot("console-dashboard");

		// Then it shows the statuses, 24 hours, and the waiting order among the stuck ones, with a link to it
		assertThat(driver.findElement(By.id("by-status")).getText()).contains("DELIVERED").contains("RECEIVED");
		assertThat(driver.findElements(By.cssSelector("#per-hour .hour"))).hasSize(24);
		driver.findElement(By.id("stuck")).findElement(By.linkText(number)).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lines")));
		assertThat(driver.findElement(By.id("orderNumber")).getText()).isEqualTo(number);
	}

	@Test
	void badInputGetsAMessageNeverAServerError() {
		signIn("agent");
		driver.get(url("/console/orders?status=LOST&channel=PIGEON&createdFrom=yesterday&page=-1"));
		browser.screenshot("console-bad-search");
		assertThat(driver.findElement(By.id("errors")).getText()).contains("Status").contains("Channel")
			.contains("Created from").contains("Page");
		driver.get(url("/console/orders/not-an-order"));
		assertThat(driver.getPageSource()).contains("Not found");
		driver.get(url("/console/orders/" + UUID.randomUUID()));
		assertThat(driver.getPageSource()).contains("Not found");
	}

	@Test
	void aWrongPasswordSignsNobodyIn() {
		driver.get(url("/console"));
		driver.findElement(By.name("username")).sendKeys("agent");
		driver.findElement(By.name("password")).sendKeys("not-the-password");
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		browser.wait.until(ExpectedConditions.urlContains("error"));
		browser.screenshot("console-login-refused");
		assertThat(driver.getPageSource()).contains("Unknown user or wrong password");
		driver.get(url("/console/orders"));
		assertThat(driver.getCurrentUrl()).endsWith("/console/login");
	}

	private void signIn(String user) {
		driver.get(url("/console"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
		browser.screenshot("console-login");
		driver.findElement(By.name("username")).sendKeys(user);
		driver.findElement(By.name("password")).sendKeys(TestFixture.password(user));
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	/** An order of one unit of this run's SKU by a customer with this e-mail, shipped and delivered. */
	private String deliveredOrderOf(String customerEmail) {
		String orderId = submitFor(customerEmail, "Ada Console", "Console product");
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(UUID.fromString(orderId))) {
			shipAndDeliver(fo);
		}
		return orderId;
	}

}
