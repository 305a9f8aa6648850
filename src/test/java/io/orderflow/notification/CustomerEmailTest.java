package io.orderflow.notification;

import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.orderflow.order.Order;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestClock;
import io.orderflow.testsupport.TestOrders;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * E-mail to customers against a real SMTP server (GreenMail on a free port): Given e-mail switched on, When an order runs
 * through its lifecycle and the sender's rounds run, Then each message arrives once, in the order's language, plain
 * text and HTML, with its particulars; a mail server that is down delays the mail and loses none.
 */
@TestPropertySource(properties = { "orderflow.notifications.email.enabled=true",
		"orderflow.notifications.email.from=Orderflow Shop <shop@example.com>", "spring.mail.host=127.0.0.1",
		"orderflow.notifications.email.first-retry=PT1M" })
class CustomerEmailTest extends ServiceScenario {

	/**
	 * A port free when the class loads rather than GreenMail's fixed 3025, which another build on the same machine may
	 * hold; and more time to start than GreenMail's 2 s on a busy machine.
	 */
	static final ServerSetup SMTP = smtpOnAFreePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(SMTP).withPerMethodLifecycle(true);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", SMTP::getPort);
	}

	private static ServerSetup smtpOnAFreePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			ServerSetup setup = ServerSetupTest.SMTP.port(socket.getLocalPort());
			setup.setServerStartupTimeout(15_000);
			return setup;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Autowired
	EmailSender sender;

	@Autowired
	EmailOutbox outbox;

	@Autowired
	TestClock clock;

	CustomerEmailTest() {
		super("MAIL", "Mail", "mail");
	}

	@BeforeEach
	void senderFollowsTheFeedAndHasNothingLeft() {
		// the first round places the sender at the end of the feed; later rounds send what earlier tests left
		sender.round();
		sender.round();
	}

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	@Test
	void aDeliveredOrderGetsItsMessagesOnceEachWithTheTrackingLink() throws Exception {
		// Given an order of 2 units, shipped and delivered
		String a = sku("A");
		stock(location("BER"), a, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		// When the sender runs, twice
		sender.round();
		sender.round();

		// Then: confirmed, shipped, delivered, each once, to the customer, from the shop
		List<MimeMessage> mails = mailsOf(order);
		assertThat(mails).extracting(MimeMessage::getSubject)
			.containsExactly("Your order " + order.orderNumber() + " is confirmed",
					"Your order " + order.orderNumber() + " is on its way",
					"Your order " + order.orderNumber() + " has been delivered");
		MimeMessage shipped = mails.get(1);
		assertThat(shipped.getAllRecipients()[0].toString()).isEqualTo(order.customer().email());
		assertThat(shipped.getFrom()[0].toString()).contains("shop@example.com");
		assertThat(shipped.getMessageID()).matches("<[0-9a-f-]{36}@orderflow>");
		String text = part(shipped, "text/plain");
		String html = part(shipped, "text/html");
		assertThat(text).contains("2 item(s) are on their way with SANDBOX, tracking number SBX")
			.contains("/track/" + order.orderNumber() + "?t=");
		assertThat(html).contains("<a href=\"").contains("/track/" + order.orderNumber());
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED SENT", "SHIPPED_WHOLE SENT",
				"DELIVERED_WHOLE SENT");
		// and the timeline still tells it
		assertThat(orders.timeline(order.id())).filteredOn(entry -> "NOTIFICATION".equals(entry.type())).hasSize(3);
	}

	@Test
	void aGermanOrderGetsGermanMail() throws Exception {
		// Given an order placed in German
		String a = sku("DE");
		stock(location("MUC"), a, 5);
		Map<String, Object> submission = orderOf(orderLine(a, 1, "10.00"));
		TestOrders.part(submission, "customer").put("language", "de-AT");
		Order order = submitOrder(submission);
		Jobs.runDue(engine);

		// When
		sender.round();

		// Then
		assertThat(orders.find(order.id()).orElseThrow().customer().language()).isEqualTo("de");
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED SENT");
		assertThat(mailsOf(order)).singleElement()
			.satisfies(mail -> assertThat(mail.getSubject())
				.isEqualTo("Ihre Bestellung " + order.orderNumber() + " ist bestätigt"))
			.satisfies(mail -> assertThat(part(mail, "text/plain")).contains("Vielen Dank für Ihre Bestellung"));
	}

	@Test
	void aCauseReadTwiceFromTheFeedIsSentOnce() throws Exception {
		// Given an order whose confirmation was sent
		String a = sku("TWICE");
		stock(location("HAM"), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		sender.round();
		assertThat(mailsOf(order)).hasSize(1);

		// When the sender reads the same event again (its place in the feed set back, as after a crash before it
		// moved on, or a second node reading the same stretch)
		long first = jdbc.sql("select min(feed_position) from customer_email where order_id = :id")
			.param("id", order.id())
			.query(Long.class)
			.single();
		jdbc.sql("update email_relay set last_position = :position").param("position", first - 1).update();
		sender.round();
		sender.round();

		// Then it is not sent a second time
		assertThat(mailsOf(order)).hasSize(1);
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED SENT");
	}

	@Test
	void aMailServerThatIsDownDelaysTheMailAndLosesNone() throws Exception {
		// Given the mail server down when an order is confirmed, When the sender runs: nothing is sent, the mail waits
		Order order = confirmedWhileTheMailServerIsDown("DOWN");
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED PENDING");

		// And when the server is back, but the wait is not over: still waiting
		smtp.start();
		sender.round();
		assertThat(mailsOf(order)).isEmpty();

		// Then after the wait it goes, once
		clock.advance(Duration.ofMinutes(2));
		sender.round();
		sender.round();
		assertThat(mailsOf(order)).extracting(MimeMessage::getSubject)
			.containsExactly("Your order " + order.orderNumber() + " is confirmed");
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED SENT");
	}

	@Test
	void aMailTheServerCouldNotTakeForTwoDaysIsGivenUpAndTheTimelineSaysSo() throws Exception {
		// Given the mail server down for good
		Order order = confirmedWhileTheMailServerIsDown("GONE");

		// When it is tried again after more than max-age (two days)
		clock.advance(Duration.ofDays(2).plusMinutes(1));
		sender.round();

		// Then it is given up, and the order's timeline tells a service agent
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED FAILED");
		assertThat(orders.timeline(order.id())).extracting(entry -> entry.description())
			.anySatisfy(text -> assertThat(text).startsWith("E-mail ORDER_CONFIRMED to " + order.customer().email()
					+ " not sent: the mail server could not take it for PT48H"));
		smtp.start();
	}

	@Test
	void aNotificationThatRolledBackSendsNothing() throws Exception {
		// Given a notification whose transaction rolled back
		String a = sku("RB");
		stock(location("KOE"), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		sender.round();
		int before = smtp.getReceivedMessages().length;
		org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
				transactionManager);
		tx.executeWithoutResult(status -> {
			notifications.notifyCustomer(order.id(), io.orderflow.order.Notifications.CustomerMessage.APPEASED, "1.00 EUR");
			status.setRollbackOnly();
		});

		// When
		sender.round();

		// Then
		assertThat(smtp.getReceivedMessages()).hasSize(before);
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Autowired
	io.orderflow.order.Notifications notifications;

	/** An order confirmed with the mail server down, and a round of the sender that could not send its mail. */
	private Order confirmedWhileTheMailServerIsDown(String name) throws Exception {
		smtp.stop();
		String sku = sku(name);
		stock(location(name), sku, 5);
		Order order = releasedOrder(orderLine(sku, 1, "10.00"));
		sender.round();
		return order;
	}

	private List<MimeMessage> mailsOf(Order order) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getSubject().contains(order.orderNumber() + " ");
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	private static String part(MimeMessage mail, String type) throws Exception {
		return find((Multipart) mail.getContent(), type);
	}

	private static String find(Multipart multipart, String type) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.getContent() instanceof Multipart nested) {
				String found = find(nested, type);
				if (found != null) {
					return found;
				}
			}
			else if (part.isMimeType(type)) {
				return GreenMailUtil.getBody(part).isEmpty() ? null : part.getContent().toString();
			}
		}
		return null;
	}

}
