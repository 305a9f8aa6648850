package io.orderflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.platform.apikey.ApiKeyProperties;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

	@Autowired
	ApiKeyProperties signInLimits;


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
		assertThat(driver.findElement(By.cssSelector("#lifecycle .current")).getText()).isEqualTo("Delivered");
		assertThat(driver.findElement(By.id("billing-address")).getText()).contains("Bills to");
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
		assertThat(driver.findElement(By.cssSelector("#lifecycle .current")).getText()).isEqualTo("Allocated");
		assertThat(driver.findElement(By.id("waiting-at")).getText()).contains("Await shipment");
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
	void badInputOnEveryActionFormIsNamedAndChangesNothing() {
		// Given an order of two units, allocated and not shipped
		String orderId = submit(2);
		Jobs.runDue(engine);
		signIn("agent");

		// cancel: not a number, below zero, nothing at all, more than the line has
		assertThat(actionErrors(orderId, "cancel", "qty_1", "two")).contains("Line 1").contains("whole number");
		assertThat(actionErrors(orderId, "cancel", "qty_1", "-1")).contains("Line 1").contains("whole number");
		assertThat(actionErrors(orderId, "cancel", "qty_1", "")).contains("Enter how many units");
		assertThat(actionErrors(orderId, "cancel", "qty_1", "3", "reason", "too many")).startsWith("Line 1:");
		assertThat(actionErrors(orderId, "cancel", "qty_1", "1")).startsWith("Reason:");
		browser.screenshot("console-cancel-refused");
		// reship and return: nothing has shipped (the fields are disabled; sent anyway)
		assertThat(actionErrors(orderId, "reship", "qty_1", "1", "reason", "lost")).startsWith("Line 1:");
		assertThat(actionErrors(orderId, "return", "qty_1", "1")).startsWith("Line 1:");
		// appeasement: a line the order does not have, below zero, amount and percentage at once
		assertThat(actionErrors(orderId, "appease", "on", "99", "amount", "1.00")).containsIgnoringCase("line");
		assertThat(actionErrors(orderId, "appease", "amount", "-5")).containsIgnoringCase("amount");
		assertThat(actionErrors(orderId, "appease", "amount", "1.00", "percentage", "10")).isNotBlank();
		assertThat(actionErrors(orderId, "appease", "percentage", "ten")).contains("Percentage");
		browser.screenshot("console-appeasement-refused");

		// Then nothing was asked of any service
		assertThat(integrator.get("/api/orders/" + orderId + "/cancellations").json()).isEmpty();
		assertThat(integrator.get("/api/orders/" + orderId + "/reshipments").json()).isEmpty();
		assertThat(integrator.get("/api/orders/" + orderId + "/returns").json()).isEmpty();
		assertThat(integrator.get("/api/orders/" + orderId + "/adjustments").json()).isEmpty();
		// and an action on an order that does not exist is the console's 404
		driver.get(url("/console/orders/" + UUID.randomUUID() + "/cancel"));
		assertThat(driver.getPageSource()).contains("Not found");
	}

	@Test
	void aFormSentAgainWithOtherValuesOrWithoutItsTokenAsksNothingMore() {
		String orderId = submit(2);
		Jobs.runDue(engine);
		signIn("agent");

		// one unit canceled; back, two units typed in the same form, sent again
		assertThat(actionErrors(orderId, "cancel", "qty_1", "1", "reason", "customer asked")).isEmpty();
		driver.navigate().back();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("qty_1"))).clear();
		driver.findElement(By.name("qty_1")).sendKeys("2");
		driver.findElement(By.id("submit")).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors"))).getText())
			.contains("already sent with other values");
		browser.screenshot("console-cancel-sent-before");
		Response cancellations = integrator.get("/api/orders/" + orderId + "/cancellations");
		assertThat(cancellations.json()).hasSize(1);
		assertThat(cancellations.json().get(0).path("lines").get(0).path("requested").asInt()).isEqualTo(1);

		// a form without its page's token (a session that ended, or a page that was not the console's)
		driver.get(url("/console/orders/" + orderId + "/appease"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("amount"))).sendKeys("1.00");
		((JavascriptExecutor) driver).executeScript("document.querySelector('#action input[name=_csrf]').remove()");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.titleContains("403"));
		browser.screenshot("console-form-expired");
		assertThat(driver.getPageSource()).contains("Form expired").doesNotContain("Something went wrong");
		assertThat(integrator.get("/api/orders/" + orderId + "/adjustments").json()).isEmpty();
	}

	/**
	 * Opens an action's form, fills the named fields (enabled first, as a hand-made request would send them) and
	 * sends it: the errors on the form sent back, or "" when the order's page says it was done.
	 */
	private String actionErrors(String orderId, String action, String... fieldsAndValues) {
		driver.get(url("/console/orders/" + orderId + "/" + action));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit")));
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			((JavascriptExecutor) driver).executeScript(
					"var f = document.querySelector('[name=\"' + arguments[0] + '\"]'); f.disabled = false;"
							+ " if (f.type == 'number') { f.type = 'text'; }"
							+ " if (f.tagName == 'SELECT') { var o = document.createElement('option'); o.value = arguments[1];"
							+ " f.appendChild(o); } f.value = arguments[1];",
					fieldsAndValues[i], fieldsAndValues[i + 1]);
		}
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("errors")),
				ExpectedConditions.presenceOfElementLocated(By.id("done"))));
		assertThat(driver.getPageSource()).doesNotContain("Something went wrong");
		List<WebElement> errors = driver.findElements(By.id("errors"));
		return errors.isEmpty() ? "" : errors.get(0).getText();
	}

	@Test
	void aWrongPasswordSignsNobodyIn() {
		// only ever for locked-integrator: Camunda delays a user's next sign-in after a wrong password of theirs,
		// and the other tests sign in as agent (see ApiSecurityTest)
		driver.get(url("/console"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys("locked-integrator");
		driver.findElement(By.name("password")).sendKeys("not-the-password");
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		browser.wait.until(ExpectedConditions.urlContains("error"));
		browser.screenshot("console-login-refused");
		assertThat(driver.getPageSource()).contains("Unknown user or wrong password");
		driver.get(url("/console/orders"));
		assertThat(driver.getCurrentUrl()).endsWith("/console/login");
	}

	@Test
	void repeatedWrongPasswordsFromOneAddressPauseSignInFromThereAndNowhereElse() throws Exception {
		// Given as many failed sign-ins from one address as it may make (from a loopback address of its own, for
		// users that do not exist: the other tests sign in from 127.0.0.1, and Camunda locks out a user after
		// failed attempts of their own)
		String address = "127.0.0.35";
		for (int attempt = 1; attempt <= signInLimits.maxFailures(); attempt++) {
			assertThat(signInFrom(address, "guess-" + attempt, "guess")).as("attempt " + attempt)
				.contains("/console/login?error");
		}

		// When the right password comes from there
		String slowed = signInFrom(address, "agent", TestFixture.password("agent"));

		// Then it is not even checked, while other addresses sign in as before
		assertThat(slowed).startsWith("HTTP/1.1 302").contains("/console/login?slowed").contains("Retry-After:");
		driver.get(url("/console/login?slowed"));
		browser.screenshot("console-login-slowed");
		assertThat(driver.getPageSource()).contains("Too many failed sign-ins");
		signIn("agent");
	}

	/** Signs in with the console's form from a local address of its own; the head of the answer. */
	private String signInFrom(String address, String user, String password) throws IOException {
		String form = send(address, "GET /console/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		Matcher session = Pattern.compile("JSESSIONID=([^;\\s]+)").matcher(form);
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
		assertThat(session.find() && csrf.find()).as("the form sets a session and a CSRF token").isTrue();
		String body = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		String answer = send(address,
				"POST /console/login HTTP/1.1\r\nHost: localhost\r\nCookie: JSESSIONID=" + session.group(1)
						+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
						+ "\r\nConnection: close\r\n\r\n" + body);
		return answer.substring(0, answer.indexOf("\r\n\r\n"));
	}

	private String send(String fromAddress, String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(fromAddress),
				0)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
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
