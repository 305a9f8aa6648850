package io.orderflow.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.HeadlessChromium;
import io.orderflow.testsupport.TestFixture;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Camunda webapps in a real browser, as a service agent meets them: the welcome page offers the apps of
 * the agent's group, and an app the group may not use is a page that says so and what they may open.
 */
@H2Test
class WebappsBrowserTest {

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	HeadlessChromium browser;

	WebDriver driver;

	@BeforeEach
	void startBrowser() throws Exception {
		// the webapps find their engine by name in a registry shared by the whole JVM (see WebappLoginTest)
		ProcessEngines.registerProcessEngine(engine);
		browser = new HeadlessChromium();
		driver = browser.driver;
	}

	@AfterEach
	void stopBrowser() {
		browser.close();
	}

	@Test
	void theWelcomePageOffersAnAgentTasklistAndTheConsoleAndNotCockpitOrAdmin() {
		// When a service agent signs in to the webapps
		logIn("agent");
		browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Order console")));
		browser.screenshot("webapps-welcome-agent");

		// Then the welcome page offers Tasklist and the console, not the apps of other groups
		String page = driver.findElement(By.tagName("body")).getText();
		assertThat(page).contains("Tasklist").contains("Order console").doesNotContain("Cockpit");
		assertThat(driver.findElement(By.linkText("Order console")).getDomProperty("href")).isEqualTo(url("/console"));
	}

	@Test
	void cockpitOpenedByAnAgentIsAPageSayingWhatTheyMayOpen() {
		// Given a service agent signed in to the webapps
		logIn("agent");

		// When they open Cockpit by its address
		driver.get(url("/camunda/app/cockpit/default/"));
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("apps")));
		browser.screenshot("webapps-cockpit-refused");

		// Then a page says so, and offers what their group may open instead
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not for your group");
		assertThat(driver.findElement(By.id("apps")).getText()).contains("agent").contains("Tasklist")
			.contains("Order console").doesNotContain("Cockpit");
		driver.findElement(By.linkText("Tasklist")).click();
		browser.wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
	}

	private void logIn(String user) {
		driver.get(url("/camunda/app/welcome/default/"));
		browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
			.sendKeys(user);
		driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(TestFixture.password(user));
		driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
		browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
