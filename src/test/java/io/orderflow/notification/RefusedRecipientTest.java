package io.orderflow.notification;

import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderflow.order.Order;
import io.orderflow.service.ServiceScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A recipient the mail server refuses for good (550 to RCPT TO, "no such mailbox"): the mail is given up at once with
 * a timeline entry, and never tried again. GreenMail takes every recipient, so the server here is a small SMTP server
 * of the test's own that speaks the protocol over a real socket and refuses every recipient.
 */
@TestPropertySource(properties = { "orderflow.notifications.email.enabled=true",
		"orderflow.notifications.email.from=Orderflow Shop <shop@example.com>", "spring.mail.host=127.0.0.1" })
class RefusedRecipientTest extends ServiceScenario {

	static final RefusingSmtpServer smtp = RefusingSmtpServer.start();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", smtp::port);
	}

	@AfterAll
	static void stopServer() throws IOException {
		smtp.close();
	}

	@Autowired
	EmailSender sender;

	@Autowired
	EmailOutbox outbox;

	RefusedRecipientTest() {
		super("RCPT", "Refused", "nobody");
	}

	@BeforeEach
	void senderFollowsTheFeed() {
		sender.round();
		sender.round();
	}

	@Test
	void aRecipientTheServerRefusesIsGivenUpAtOnceWithATimelineEntryAndNotTriedAgain() throws Exception {
		// Given an order whose customer's mailbox the server does not have
		String a = sku("A");
		stock(location("BER"), a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		int refusedBefore = smtp.refused.get();

		// When the sender runs, three times
		sender.round();
		sender.round();
		sender.round();

		// Then the server was asked once, the mail is given up, and the timeline says why
		assertThat(smtp.refused.get() - refusedBefore).isEqualTo(1);
		assertThat(outbox.statuses(order.id())).containsExactly("ORDER_CONFIRMED FAILED");
		assertThat(orders.timeline(order.id())).extracting(entry -> entry.description())
			.anySatisfy(text -> assertThat(text).startsWith("E-mail ORDER_CONFIRMED to " + order.customer().email()
					+ " not sent: the mail server refused it").contains("550 5.1.1 No such mailbox here"));
	}

	/** Answers SMTP over a socket: greets, takes the sender, refuses every recipient with 550. */
	static final class RefusingSmtpServer implements AutoCloseable {

		final ServerSocket socket;

		final AtomicInteger refused = new AtomicInteger();

		private RefusingSmtpServer(ServerSocket socket) {
			this.socket = socket;
		}

		static RefusingSmtpServer start() {
			try {
				RefusingSmtpServer server = new RefusingSmtpServer(new ServerSocket(0));
				Thread acceptor = new Thread(server::accept, "refusing-smtp");
				acceptor.setDaemon(true);
				acceptor.start();
				return server;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		int port() {
			return socket.getLocalPort();
		}

		private void accept() {
			while (!socket.isClosed()) {
				try (Socket client = socket.accept()) {
					converse(client);
				}
				catch (IOException closedOrDropped) {
					// the next connection, or the end
				}
			}
		}

		private void converse(Socket client) throws IOException {
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
			reply(out, "220 refusing.test ESMTP");
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
				switch (command) {
					case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
					case "RCPT" -> {
						refused.incrementAndGet();
						reply(out, "550 5.1.1 No such mailbox here");
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "502 5.5.2 Not implemented");
				}
			}
		}

		private static void reply(PrintWriter out, String line) {
			out.print(line + "\r\n");
			out.flush();
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

}
