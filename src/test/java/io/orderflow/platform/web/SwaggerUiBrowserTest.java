package io.orderflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Product;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.HeadlessChromium;
import io.orderflow.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI in a real browser (headless Chromium), as a newcomer uses it: the API's title and version, the tags in
 * the order of an order's life, "Authorize" with HTTP Basic, and "Try it out" on POST /api/orders with the example
 * as it stands, which creates an order (201) that the API then has. Screenshots under target/screenshots/.
 */
@H2Test
class SwaggerUiBrowserTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	Inventory inventory;

	HeadlessChromium browser;

	WebDriver driver;

	@BeforeEach
	void openBrowser() throws Exception {
		// the demo's T-shirt, which the example order asks for
		inventory.saveProduct(new Product("SKU-TSHIRT-M", "Organic T-shirt, M", true));
		browser = new HeadlessChromium();
		driver = browser.driver;
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void anIntegratorAuthorizesWithHttpBasicAndCreatesAnOrderWithTheExample() throws Exception {
		// Given Swagger UI
		driver.get("http://localhost:" + port + "/swagger-ui.html");
		WebElement title = browser.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".information-container .title")));
		assertThat(title.getText()).startsWith("Orderflow API").contains("0.1.0");
		assertThat(tags()).startsWith("Orders", "Fulfillment orders", "Shipments", "Payments", "Cancellations",
				"Returns", "Adjustments", "Reshipments").endsWith("API keys");
		browser.screenshot("swagger-ui");

		// When the integrator authorizes with HTTP Basic
		driver.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
		WebElement username = browser.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-basic-username")));
		assertThat(driver.findElement(By.cssSelector(".modal-ux")).getText()).contains("basic", "apiKey", "Bearer");
		username.sendKeys("integrator");
		driver.findElement(By.id("auth-basic-password")).sendKeys(TestFixture.password("integrator"));
		username.findElement(By.xpath("ancestor::form")).findElement(By.cssSelector("button.authorize")).click();
		browser.wait
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".modal-ux"), "Authorized"));
		browser.screenshot("swagger-ui-authorized");
		driver.findElement(By.cssSelector(".modal-ux button.btn-done")).click();
		browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));

		// And tries POST /api/orders with the example as it stands
		WebElement operation = driver.findElement(By.id("operations-Orders-submit"));
		operation.findElement(By.cssSelector(".opblock-summary-control")).click();
		browser.wait
			.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".try-out__btn"))))
			.click();
		WebElement body = browser.wait.until(ExpectedConditions.visibilityOf(operation.findElement(
				By.cssSelector("textarea.body-param__text"))));
		String reference = JSON.readTree(body.getAttribute("value")).path("externalReference").asText();
		assertThat(reference).startsWith("TRY-IT-OUT-");
		operation.findElement(By.cssSelector("button.execute")).click();
		WebElement status = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#operations-Orders-submit .live-responses-table .response .response-col_status")));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", status);
		browser.screenshot("swagger-ui-try-it-out");

		// Then the answer is 201 with the new order, which the API has
		assertThat(status.getText()).startsWith("201");
		JsonNode found = ApiClient.on(port)
			.as("integrator")
			.get("/api/orders?externalReference=" + reference)
			.json()
			.path("content");
		assertThat(found).hasSize(1);
		String number = found.get(0).path("orderNumber").asText();
		assertThat(operation.findElement(By.cssSelector(".live-responses-table")).getText()).contains(number);
		JsonNode order = ApiClient.on(port).as("integrator").get("/api/orders/" + number).json();
		assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-TSHIRT-M");
		assertThat(order.path("timeline").toString()).contains("integrator");
	}

	private List<String> tags() {
		return driver.findElements(By.cssSelector(".opblock-tag-section .opblock-tag"))
			.stream()
			.map(tag -> tag.getAttribute("data-tag"))
			.toList();
	}

}
