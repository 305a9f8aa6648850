package io.orderflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.orderflow.PaymentRefusalProcess;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.capture.CaptureService;
import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.delivery.CarrierEvents;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.fulfillment.LocationEvents;
import io.orderflow.inventory.Inventory;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.PaymentRefusals;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.HeadlessChromium;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestFixture;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasklist in a real browser (headless Chromium with the system's chromedriver, see {@code .ci/run}): a
 * service agent logs in, opens "Cancellations to review" (or "Returns to review"), opens the review task,
 * sees the order's lines on the form, approves, and the cancellation (or return) moves on.
 */
@H2Test
class TasklistBrowserTest {

	/** The filters a service agent sees: those of {@code service-agents}, no other group's. */
	static final List<String> SERVICE_AGENT_FILTERS = List.of("Cancellations to review", "Backorders to resolve",
			"Failed deliveries", "Late fulfillment", "Late delivery", "Parcels not returned", "Returns to review",
			"Exchanges not returned", "Order exceptions");

	@Autowired
	ProcessEngine engine;

	@Autowired
	CaptureService capture;

	@Autowired
	Cancellations cancellations;

	@Autowired
	ApplicationContext context;

	@Autowired
	Orders orders;

	@Autowired
	Inventory inventory;

	@Autowired
	FulfillmentOrders fulfillmentOrders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LocationEvents locationEvents;

	@LocalServerPort
	int port;

	final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	HeadlessChromium browser;

	WebDriver driver;

	WebDriverWait wait;

	@BeforeEach
	void startBrowser() throws Exception {
		// the webapps find their engine by name in a registry shared by the whole JVM (see WebappLoginTest)
		ProcessEngines.registerProcessEngine(engine);
		Jobs.discardLeftovers(engine);
		browser = new HeadlessChromium();
		driver = browser.driver;
		wait = browser.wait;
	}

	@AfterEach
	void stopBrowser(TestInfo test) throws Exception {
		try {
			if (browser != null) {
				screenshot(test.getDisplayName());
				browser.close();
			}
		}
		finally {
			engine.getIdentityService().clearAuthentication();
			Invariants.assertHold(jdbc, engine);
		}
	}

	@Test
	void aServiceAgentReviewsACancellationInTasklist() throws Exception {
		// Given: a cancellation waiting for a service agent
		Review review = Review.given(engine, capture, cancellations, inventory, fulfillmentOrders, run);
		String sku = "RVW-" + run;

		// When: the agent logs in to Tasklist and sees the filters of service agents, not those of other groups
		logInAsServiceAgent();

		// and opens the "Cancellations to review" filter and the review task in it
		openTask("Cancellations to review", review.task().getId());

		// Then: the form shows the order's lines
		wait.until(d -> String.valueOf(visible(By.cssSelector("[id$='Field_orderLines']")).getDomProperty("value"))
			.contains(sku));
		assertThat(visible(By.cssSelector("[id$='Field_orderNumber']")).getDomProperty("value"))
			.isEqualTo(review.order().orderNumber());
		// and what approving would do to the money: half of the 119.00 authorized released, nothing refunded
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_decisionMoney']")).getDomProperty("value")))
			.contains("59.50 EUR of the payment authorization is released")
			.contains("Nothing is refunded: these units were not charged.");
		// and links to the order's page in the console, where it is as it is now
		assertThat(visible(By.partialLinkText("in the console")).getDomProperty("href"))
			.isEqualTo("http://localhost:" + port + "/console/orders/" + review.order().orderNumber());

		// When: the agent claims the task, approves it with a note and completes it
		decide(review.task().getId(), "Approve: cancel what has not shipped", "Field_cancellationDecision-0",
				"customer called");

		// Then: the task is gone from the engine, and the cancellation moves on
		Jobs.runDue(engine);
		ApiClient.Response cancellation = ApiClient.on(port).as("agent").get("/api/cancellations/" + review.cancellation().id());
		assertThat(cancellation.status()).as(cancellation.toString()).isEqualTo(200);
		assertThat(cancellation.json().path("status").asText()).isEqualTo("CANCELED");
		assertThat(orders.timeline(review.order().id()))
			.anyMatch(e -> TimelineType.DECISION.equals(e.type()) && "agent".equals(e.actor())
					&& e.description().contains("APPROVE") && e.description().contains("customer called"));
	}

	@Test
	void aReviewOpenedAfterTheOrderShippedShowsItAsItIsNowAndTheOutcomeIsOnTheOrdersPage() throws Exception {
		// Given: a cancellation waiting for review, and the location ships the order after the task was made
		Review review = Review.given(engine, capture, cancellations, inventory, fulfillmentOrders, run);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(review.order().id())) {
			locationEvents.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null,
					null, null));
		}
		Jobs.runDue(engine);

		// When: the agent opens the review in Tasklist
		logInAsServiceAgent();
		openTask("Cancellations to review", review.task().getId());

		// Then: the form shows the order as it is now, says what changed, and has the whole history with who
		wait.until(d -> String.valueOf(visible(By.cssSelector("[id$='Field_orderChanges']")).getDomProperty("value"))
			.contains("already shipped"));
		screenshot("tasklist-review-after-shipping");
		assertThat(visible(By.cssSelector("[id$='Field_orderStatus']")).getDomProperty("value")).isEqualTo("SHIPPED");
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_orderLines']")).getDomProperty("value")))
			.contains("shipped 2");
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_orderMoney']")).getDomProperty("value")))
			.contains("captured").doesNotContain("captured 0.00");
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_orderHistory']")).getDomProperty("value")))
			.contains("integrator: ");
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_decisionMoney']")).getDomProperty("value")))
			.startsWith("Approve: nothing is canceled, every unit asked for has shipped");
		String orderPage = visible(By.partialLinkText("in the console")).getDomProperty("href");

		// When: the agent approves anyway
		decide(review.task().getId(), "Approve: cancel what has not shipped", "Field_cancellationDecision-0",
				"customer insisted");
		Jobs.runDue(engine);

		// Then: the order's page, linked from the form, shows the cancellation's outcome
		driver.get(orderPage);
		visible(By.name("username")).sendKeys("agent");
		visible(By.name("password")).sendKeys(TestFixture.password("agent"));
		click(By.cssSelector("button[type=submit]"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		screenshot("console-after-tasklist-decision");
		assertThat(driver.findElement(By.id("requests")).getText()).contains("NOT_CANCELED");
	}

	@Test
	void aServiceAgentApprovesAReturnInTasklist() throws Exception {
		// Given: a delivered order and a return of 1 of its 2 units, eligible and waiting for a service agent
		ReturnReview review = ReturnReview.given(context, run);

		// When: the agent logs in to Tasklist and opens the "Returns to review" filter and the task in it
		logInAsServiceAgent();
		openTask("Returns to review", review.task().getId());

		// Then: the form shows the order's lines and what is to be returned
		wait.until(d -> String.valueOf(visible(By.cssSelector("[id$='Field_orderLines']")).getDomProperty("value"))
			.contains(review.sku()));
		assertThat(visible(By.cssSelector("[id$='Field_orderNumber']")).getDomProperty("value"))
			.isEqualTo(review.order().orderNumber());
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_returnRequest']")).getDomProperty("value")))
			.contains(review.returnOrder().rmaNumber())
			.contains("DOES_NOT_FIT");
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_decisionMoney']")).getDomProperty("value")))
			.startsWith("Approve: the goods may come back; once they arrive, up to ")
			.endsWith("Reject: nothing is refunded.");

		// When: the agent claims the task, approves the return with a note and completes it
		decide(review.task().getId(), "Approve: the customer may send the goods", "Field_returnDecision-0",
				"label sent by mail");

		// Then: the task is gone, and the API shows the return approved and waiting for the goods
		Jobs.runDue(engine);
		ApiClient.Response ret = ApiClient.on(port).as("agent").get("/api/returns/" + review.returnOrder().id());
		assertThat(ret.status()).as(ret.toString()).isEqualTo(200);
		assertThat(ret.json().path("status").asText()).isEqualTo("APPROVED");
		ApiClient.Response order = ApiClient.on(port).as("agent").get("/api/orders/" + review.order().id());
		assertThat(order.json().path("lines").get(0).path("quantities").path("returnInitiated").asInt())
			.as(order.toString())
			.isEqualTo(1);
		assertThat(orders.timeline(review.order().id()))
			.anyMatch(e -> TimelineType.DECISION.equals(e.type()) && "agent".equals(e.actor())
					&& e.description().contains("APPROVE") && e.description().contains("label sent by mail"));
	}

	@Test
	void aServiceAgentResolvesAFailedDeliveryInTasklist() throws Exception {
		// Given: a shipped order of 2 units whose delivery failed, the carrier's reason on it
		FailedDeliveryReview failed = FailedDeliveryReview.given(context, run);

		// When: the agent logs in to Tasklist and opens the "Failed deliveries" filter and the task in it
		logInAsServiceAgent();
		openTask("Failed deliveries", failed.task().getId());

		// Then: the form shows the failed parcel with the carrier's reason, the order's lines, and links to the console
		wait.until(d -> String.valueOf(visible(By.cssSelector("[id$='Field_deliveryFailure']")).getDomProperty("value"))
			.contains(FailedDeliveryReview.REASON));
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_deliveryFailure']")).getDomProperty("value")))
			.contains(failed.shipment().trackingNumber());
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_orderLines']")).getDomProperty("value")))
			.contains(failed.sku());
		assertThat(visible(By.partialLinkText("in the console")).getDomProperty("href"))
			.isEqualTo("http://localhost:" + port + "/console/orders/" + failed.order().orderNumber());
		screenshot("tasklist-resolve-failed-delivery");

		// When: the agent claims the task, decides to refund once the parcel is back, with a note, and completes it
		decide(failed.task().getId(), "Refund the items once the parcel is back", "Field_failedDeliveryDecision-2",
				"customer asked for the money back");

		// Then: the units are held for the refund, and the decision is on the timeline with the agent's id
		Jobs.runDue(engine);
		ApiClient.Response order = ApiClient.on(port).as("agent").get("/api/orders/" + failed.order().id());
		assertThat(order.json().path("lines").get(0).path("quantities").path("returnInitiated").asInt())
			.as(order.toString())
			.isEqualTo(2);
		assertThat(orders.timeline(failed.order().id()))
			.anyMatch(e -> TimelineType.DECISION.equals(e.type()) && "agent".equals(e.actor())
					&& e.description().contains("REFUND") && e.description().contains("customer asked for the money back"));

		// When: the parcel is back at the sender, Then: the refund is on the order's money
		context.getBean(CarrierEvents.class)
			.receive(failed.shipment().id(),
					new CarrierEventRequest("BACK-" + failed.shipment().id(), "RETURNED_TO_SENDER", null, null));
		Jobs.runDue(engine);
		ApiClient.Response payments = ApiClient.on(port).as("agent").get("/api/orders/" + failed.order().id() + "/payments");
		assertThat(new java.math.BigDecimal(payments.json().path("ledger").path("refunded").asText()))
			.as(payments.toString())
			.isEqualByComparingTo("35.70");
	}

	@Test
	void aSupervisorSettlesARefusedPaymentInTasklist() throws Exception {
		// Given: an order, and a capture of it that the payment provider refused afterwards
		Review review = Review.given(engine, capture, cancellations, inventory, fulfillmentOrders, run);
		String refusal = "Adyen refused the capture CAP" + run + " of 59.50 EUR: Insufficient balance on payment.";
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
			.executeWithoutResult(status -> context.getBean(PaymentRefusals.class)
				.refused(review.order().id(), "CAPTURE_FAILED:CAP" + run + ":true", refusal));
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(review.order().orderNumber())
			.taskDefinitionKey(PaymentRefusalProcess.Elements.USER_TASK_SETTLE_REFUSED_PAYMENT)
			.singleResult();

		// When: a supervisor logs in to Tasklist and opens the "Refused payments" filter and the task in it
		logIn("supervisor", "Refused payments");
		openTask("Refused payments", task.getId());

		// Then: the form says what was refused and why, with the order's money and a link to the console
		wait.until(d -> String.valueOf(visible(By.cssSelector("[id$='Field_refusedPayment']")).getDomProperty("value"))
			.contains("Insufficient balance on payment"));
		assertThat(String.valueOf(visible(By.cssSelector("[id$='Field_orderMoney']")).getDomProperty("value")))
			.isNotBlank();
		assertThat(visible(By.partialLinkText("in the console")).getDomProperty("href"))
			.isEqualTo("http://localhost:" + port + "/console/orders/" + review.order().orderNumber());
		screenshot("tasklist-settle-refused-payment");

		// When: the supervisor writes it off with a note
		decide(task.getId(), "Written off", "Field_refusalDecision-1", "card closed, goods kept as a gift");

		// Then: the decision is on the order's timeline with the supervisor's id, after the refusal itself
		assertThat(orders.timeline(review.order().id()))
			.anyMatch(e -> TimelineType.PAYMENT.equals(e.type()) && e.description().startsWith(refusal))
			.anyMatch(e -> TimelineType.DECISION.equals(e.type()) && "supervisor".equals(e.actor())
					&& e.description().contains("WRITTEN_OFF") && e.description().contains("goods kept as a gift"));
	}

	@Test
	void anAgentStartingAnInvalidCancellationInTasklistIsToldWhyAndNothingStarts() throws Exception {
		// Given: an order of 2 units, released (and one cancellation of it waiting for review)
		Review review = Review.given(engine, capture, cancellations, inventory, fulfillmentOrders, run);
		long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

		// When: the agent starts "Order cancellation" for a line the order does not have
		logInAsServiceAgent();
		click(By.xpath("//a[contains(normalize-space(.),'Start process')]"));
		click(By.xpath("//a[contains(normalize-space(.),'Order cancellation')]"));
		scrolledTo(visible(By.cssSelector("[id$='Field_cancellationOrderNumber']"))).sendKeys(review.order().orderNumber());
		scrolledTo(visible(By.cssSelector("[id$='Field_cancellationLines']"))).sendKeys("9:1");
		click(By.cssSelector("[id$='Field_cancellationReason-display']"));
		click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='Customer changed their mind']"));
		click(By.xpath("//button[normalize-space(.)='Start']"));

		// Then: Tasklist says why, by the form's labels, and keeps the form open to correct it
		WebElement error = visible(By.xpath("//*[contains(normalize-space(.),'The cancellation was not started')"
				+ " and not(*[contains(normalize-space(.),'The cancellation was not started')])]"));
		assertThat(error.getText()).contains("Lines to cancel").contains("\"9:1\"").contains("has no line 9");
		assertThat(visible(By.cssSelector("[id$='Field_cancellationLines']")).getDomProperty("value")).isEqualTo("9:1");

		// And nothing started or was stored
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
		assertThat(cancellations.ofOrder(review.order().id())).hasSize(1);
	}

	/** Logs in as a demo user and waits until Tasklist shows the filter. */
	void logIn(String user, String filter) {
		logIn(user, filters -> filters.contains(filter));
	}

	/** Logs in as the demo service agent and waits for the filters of service agents, and only those. */
	void logInAsServiceAgent() {
		logIn("agent", filters -> Set.copyOf(filters).equals(Set.copyOf(SERVICE_AGENT_FILTERS)));
	}

	void logIn(String user, java.util.function.Predicate<List<String>> filtersShown) {
		driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
		visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
		visible(By.cssSelector("input[ng-model='password']")).sendKeys(TestFixture.password(user));
		clickable(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
		new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "filters shown: " + filterNames())
			.until(d -> filtersShown.test(filterNames()));
	}

	/**
	 * Claims the open task (Tasklist keeps the form disabled until then), picks the decision by its label,
	 * writes the note, completes the task and waits until the engine no longer has it.
	 */
	void decide(String taskId, String decisionLabel, String decisionRadioId, String note) {
		click(By.cssSelector("button.claim[ng-click='claim()']"));
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));
		click(By.xpath("//label[contains(normalize-space(.),'" + decisionLabel + "')]"));
		wait.until(d -> visible(By.cssSelector("input[type='radio'][id$='" + decisionRadioId + "']")).isSelected());
		scrolledTo(visible(By.cssSelector("[id$='Field_decisionNote']"))).sendKeys(note);
		click(By.cssSelector("button[ng-click='complete()']"));
		new WebDriverWait(driver, Duration.ofSeconds(60))
			.until(d -> engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0);
	}

	/** Opens a filter by name, then the task with this id in its list. */
	void openTask(String filter, String taskId) {
		clickable(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'"
				+ filter + "')]"))
			.click();
		clickable(By.cssSelector(".tasks-list li.task h4.task a[href*='" + taskId + "']")).click();
	}

	/** The names of the filters Tasklist shows: each link's own text (its task counter is a child that comes and goes). */
	List<String> filterNames() {
		return driver.findElements(By.cssSelector(".task-filter h4.name a"))
			.stream()
			.map(link -> String.valueOf(((JavascriptExecutor) driver)
				.executeScript("return arguments[0].firstChild.textContent.trim();", link)))
			.toList();
	}

	WebElement visible(By by) {
		return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	WebElement clickable(By by) {
		return wait.until(ExpectedConditions.elementToBeClickable(by));
	}

	/** Clicks an element in the middle of the viewport, where Tasklist's fixed footer cannot cover it. */
	void click(By by) {
		wait.until(d -> {
			try {
				scrolledTo(clickable(by)).click();
				return true;
			}
			catch (ElementClickInterceptedException covered) {
				return false;
			}
		});
	}

	WebElement scrolledTo(WebElement element) {
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		return element;
	}

	void screenshot(String name) throws Exception {
		Path file = Path.of("target", "screenshots", name.replaceAll("[^A-Za-z0-9]", "") + ".png");
		Files.createDirectories(file.getParent());
		Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
				StandardCopyOption.REPLACE_EXISTING);
	}

}
