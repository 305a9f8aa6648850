package io.orderflow.console;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.BOUNDARY_EVENT_SHIPMENT_LATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.inventory.Product;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.HeadlessChromium;
import io.orderflow.testsupport.Jobs;
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

/**
 * Holds, changes of address, exchanges and late fulfillment orders in the order console, in a real browser
 * (headless Chromium): an agent holds an order and sees it ON HOLD, releases it; asks for another shipping address
 * and sees the location's answer; exchanges a unit for another size; bad input is named beside its field and changes
 * nothing; a late fulfillment order is marked on the order; the warehouse sees the exchange without its money.
 * Screenshots under target/screenshots/.
 */
@H2Test
class ConsoleExceptionsBrowserTest extends ServiceApiTest {

	HeadlessChromium browser;

	WebDriver driver;

	/** Another size of {@link #sku}, 5 on hand at {@link #location}. */
	String otherSize;

	ConsoleExceptionsBrowserTest() {
		super("CEX", "Console exceptions", "0.00");
	}

	@BeforeEach
	void openBrowser() throws Exception {
		browser = new HeadlessChromium();
		driver = browser.driver;
		otherSize = sku + "-L";
		inventory.saveProduct(new Product(otherSize, "Console exceptions product, size L", true));
		inventory.setOnHand(location, otherSize, 5);
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void anAgentHoldsAnOrderSeesItOnHoldAndReleasesIt() {
		// Given an order of two units, allocated and at its location
		String orderId = submit(2);
		Jobs.runDue(engine);
		signIn("agent");
		driver.get(url("/console/orders/" + orderId));
		assertThat(driver.findElements(By.id("on-hold"))).isEmpty();

		// When the agent chooses "Hold" and sends it without a reason, Then the reason is asked for, nothing held
		driver.findElement(By.id("hold")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit"))).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-reason"))).getText())
			.contains("required");
		assertThat(driver.findElement(By.id("errors")).getText()).startsWith("Reason:");
		browser.screenshot("console-hold-refused");
		assertThat(integrator.get("/api/orders/" + orderId + "/holds").json()).isEmpty();

		// When the agent opens the form again and gives a reason
		driver.get(url("/console/orders/" + orderId));
		browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("hold"))).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")))
			.sendKeys("customer wants to add an item");
		driver.findElement(By.id("submit")).click();

		// Then the order page says ON HOLD, with the hold, who and why
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		browser.screenshot("console-order-on-hold");
		assertThat(driver.findElement(By.id("on-hold")).getText()).isEqualTo("ON HOLD");
		assertThat(driver.findElement(By.id("holds")).getText()).contains("customer wants to add an item")
			.contains("agent");
		assertThat(driver.findElements(By.id("hold"))).isEmpty();
		// and the same form sent again (back, send) holds nothing more
		driver.navigate().back();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit"))).click();
		browser.wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("done")),
				ExpectedConditions.presenceOfElementLocated(By.id("errors"))));
		assertThat(integrator.get("/api/orders/" + orderId + "/holds").json()).hasSize(1);
		driver.get(url("/console/orders/" + orderId));

		// When the agent releases it, with a reason
		driver.findElement(By.id("release-hold")).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("active-hold"))).getText())
			.contains("customer wants to add an item");
		driver.findElement(By.id("reason")).sendKeys("item added");
		driver.findElement(By.id("submit")).click();

		// Then it is no longer on hold, and the hold shows as released
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		browser.screenshot("console-order-hold-released");
		assertThat(driver.findElements(By.id("on-hold"))).isEmpty();
		assertThat(driver.findElement(By.id("holds")).getText()).contains("released").contains("item added");
		Response holds = integrator.get("/api/orders/" + orderId + "/holds");
		assertThat(holds.json()).hasSize(1);
		assertThat(holds.json().get(0).path("status").asText()).isEqualTo("RELEASED");
	}

	@Test
	void anAgentChangesTheShippingAddressAndSeesTheLocationsAnswer() {
		// Given an order released to its location
		String orderId = submit(1);
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0);
		signIn("agent");
		driver.get(url("/console/orders/" + orderId));

		// When the agent asks for another address, leaving out the postal code and the reason
		driver.findElement(By.id("change-address")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("address-form")));
		replace("name", "Ada Lovelace");
		replace("line1", "Ringstraße 1");
		replace("postalCode", "");
		replace("city", "Wien");
		replace("country", "at");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		browser.screenshot("console-address-change-refused");

		// Then both are named beside their fields, and nothing is asked
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-postalCode"))).getText())
			.isNotBlank();
		assertThat(driver.findElement(By.id("error-reason")).getText()).contains("required");
		assertThat(driver.findElement(By.id("errors")).getText()).contains("Postal code:").contains("Reason:");
		assertThat(driver.findElement(By.id("city")).getAttribute("value")).isEqualTo("Wien");
		assertThat(integrator.get("/api/orders/" + orderId + "/address-changes").json()).isEmpty();

		// When the agent completes it
		replace("postalCode", "1010");
		replace("reason", "customer moved");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(driver.findElement(By.id("done")).getText()).startsWith("Change of shipping address requested");
		Jobs.runDue(engine);

		// Then the order page shows it, waiting for the location
		driver.navigate().refresh();
		String waiting = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("address-changes")))
			.getText();
		assertThat(waiting).contains("Wien").contains("AWAITING_LOCATIONS").contains(fo.number() + " at " + location)
			.contains("ASKED").contains("agent").contains("customer moved");
		browser.screenshot("console-address-change-waiting");

		// When the location accepts
		ApiClient warehouse = ApiClient.on(port).as("warehouse");
		Response answered = warehouse.post("/api/address-changes/"
				+ integrator.get("/api/orders/" + orderId + "/address-changes").json().get(0).path("id").asText()
				+ "/events", Map.of("eventId", "adr-" + run, "type", "ACCEPTED", "fulfillmentOrderId",
						fo.id().toString(), "reason", "not labelled yet"));
		assertThat(answered.status()).as(answered.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then the page has its answer
		driver.navigate().refresh();
		String applied = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("address-changes")))
			.getText();
		assertThat(applied).contains("APPLIED").contains("ACCEPTED (not labelled yet), by " + location);
		browser.screenshot("console-address-change-applied");
	}

	@Test
	void anAgentExchangesAUnitAndTheWarehouseSeesTheExchangeWithoutItsMoney() {
		// Given a delivered order of two units
		String orderId = deliveredOrder(2);
		String number = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();
		signIn("agent");
		driver.get(url("/console/orders/" + orderId));

		// When the agent exchanges one unit that does not fit for the other size
		driver.findElement(By.id("exchange")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exchange-form")));
		assertThat(driver.findElement(By.id("action-lines")).getText()).contains(sku).contains("Can be exchanged");
		new Select(driver.findElement(By.id("line"))).selectByValue("1");
		driver.findElement(By.id("quantity")).sendKeys("1");
		new Select(driver.findElement(By.id("returnReason"))).selectByValue("DOES_NOT_FIT");
		driver.findElement(By.id("sku")).sendKeys(otherSize);
		browser.screenshot("console-exchange-form");
		driver.findElement(By.id("submit")).click();

		// Then the order page shows it: what comes back, the replacement, the status, no money moved
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(driver.findElement(By.id("done")).getText()).startsWith("Exchange requested");
		Jobs.runDue(engine);
		driver.navigate().refresh();
		String exchanges = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exchanges"))).getText();
		browser.screenshot("console-exchange-agent");
		assertThat(exchanges).contains("line 1: 1 × " + sku + " (DOES_NOT_FIT)").contains("1 × " + otherSize)
			.contains("APPROVED").contains("14.88").contains("0.00 EUR (EVEN)");
		// and the same form sent again (back, send) asks nothing more
		driver.navigate().back();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit"))).click();
		browser.wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("done")),
				ExpectedConditions.presenceOfElementLocated(By.id("errors"))));
		assertThat(integrator.get("/api/orders/" + orderId + "/exchanges").json()).hasSize(1);

		// When a warehouse user opens the order
		signOut();
		signIn("warehouse");
		driver.get(url("/console/orders/" + number));

		// Then the exchange is there with its units, and not a single amount
		String seen = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exchanges"))).getText();
		browser.screenshot("console-exchange-warehouse");
		assertThat(seen).contains("1 × " + otherSize).contains("APPROVED").doesNotContain("14.88")
			.doesNotContain("EVEN").doesNotContain("EUR");
		assertThat(driver.findElement(By.id("exchanges")).getText()).doesNotContain("Difference");
		assertThat(driver.findElements(By.id("exchange"))).isEmpty();
		assertThat(driver.findElements(By.id("holds"))).isEmpty();
		assertThat(driver.findElements(By.id("address-changes"))).isEmpty();
		driver.get(url("/console/orders/" + orderId + "/exchange"));
		assertThat(driver.getPageSource()).contains("Not for your group");
	}

	@Test
	void badInputOnTheExchangeFormIsNamedBesideEachFieldAndChangesNothing() {
		// Given a delivered order of two units
		String orderId = deliveredOrder(2);
		signIn("agent");
		driver.get(url("/console/orders/" + orderId + "/exchange"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exchange-form")));

		// When the agent sends three units of a line of two, for a SKU the catalog does not have, without a reason
		driver.findElement(By.id("quantity")).sendKeys("3");
		driver.findElement(By.id("sku")).sendKeys("NO-SUCH-SKU-" + run);
		driver.findElement(By.id("submit")).click();

		// Then the reason and the SKU are named beside their fields
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		browser.screenshot("console-exchange-refused");
		assertThat(driver.findElement(By.id("error-returnReason")).getText()).contains("must be one of");
		assertThat(driver.findElement(By.id("error-sku")).getText()).contains("no active product NO-SUCH-SKU-" + run);
		assertThat(driver.findElement(By.id("quantity")).getAttribute("value")).isEqualTo("3");

		// When the reason and the SKU are right, Then the three units are too many for the line
		new Select(driver.findElement(By.id("returnReason"))).selectByValue("DOES_NOT_FIT");
		driver.findElement(By.id("sku")).clear();
		driver.findElement(By.id("sku")).sendKeys(otherSize);
		driver.findElement(By.id("submit")).click();
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-quantity"))).getText())
			.contains("has only 2 unit(s) available");
		assertThat(driver.findElements(By.id("error-sku"))).isEmpty();

		// And units that are no number are named before anything is asked (on the next page: the one before has an
		// error beside the quantity too)
		WebElement previousError = driver.findElement(By.id("error-quantity"));
		driver.findElement(By.id("quantity")).clear();
		driver.findElement(By.id("quantity")).sendKeys("one");
		driver.findElement(By.id("submit")).click();
		browser.wait.until(ExpectedConditions.stalenessOf(previousError));
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-quantity"))).getText())
			.contains("whole number");
		assertThat(driver.getPageSource()).doesNotContain("Something went wrong");

		// And nothing was asked of the service
		assertThat(integrator.get("/api/orders/" + orderId + "/exchanges").json()).isEmpty();
	}

	@Test
	void aLateFulfillmentOrderIsMarkedOnTheOrderAndItsRow() {
		// Given an order released to its location, whose limit to ship passes
		String orderId = submit(1);
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_SHIPMENT_LATE);

		// When the warehouse opens the order, Then the order and the fulfillment order are marked late
		signIn("warehouse");
		driver.get(url("/console/orders/" + orderId));
		assertThat(browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("late"))).getText())
			.isEqualTo("late");
		browser.screenshot("console-order-late");
		WebElement row = driver.findElement(By.id("fulfillment")).findElement(By.xpath(".//tr[td[text()='"
				+ fo.number() + "']]"));
		assertThat(row.findElements(By.cssSelector(".badge.late"))).hasSize(1);
		assertThat(driver.findElements(By.cssSelector("#fulfillment .undelivered"))).isEmpty();
	}

	/** Clears a field of the form and types a value into it (none: left empty). */
	private void replace(String field, String value) {
		WebElement input = driver.findElement(By.id(field));
		((JavascriptExecutor) driver).executeScript("arguments[0].value = '';", input);
		if (!value.isEmpty()) {
			input.sendKeys(value);
		}
	}

	private void signIn(String user) {
		driver.get(url("/console"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
		driver.findElement(By.name("username")).sendKeys(user);
		driver.findElement(By.name("password")).sendKeys(TestFixture.password(user));
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
	}

	/** Signs out with the header's button (a POST with the page's token). */
	private void signOut() {
		driver.get(url("/console/orders"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header form button"))).click();
		browser.wait.until(ExpectedConditions.urlContains("/console/login"));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
