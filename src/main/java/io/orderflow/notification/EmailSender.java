package io.orderflow.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.OrderEvents;
import io.orderflow.notification.EmailComposer.Email;
import io.orderflow.notification.EmailOutbox.Mail;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the customers' e-mail: follows the {@code customer.notified} events in feed order (so only committed
 * notifications, each once: a mail is a row keyed by its event), and sends what is due. One node at a time takes and
 * sends (the sender's row in {@code email_relay} is locked while it does). A mail server that cannot be reached or
 * answers "try later" leaves the mail due again after a wait that doubles (up to a limit) and ends the round; a
 * recipient the server refuses for good, or a mail still not sent after {@code max-age}, is given up, and the order's
 * timeline says so. Each mail's Message-ID is made of its event id, so that a mail sent again after a node died
 * between sending and recording it is recognisable as the same one.
 */
@Component
@ConditionalOnProperty(name = "orderflow.notifications.email.enabled", havingValue = "true")
class EmailSender {

	private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

	/** What one round did. */
	record Round(int taken, int sent, int failed, boolean serverDown) {
	}

	private final EmailOutbox outbox;

	private final OrderEvents events;

	private final EmailComposer composer;

	private final JavaMailSender mail;

	private final EmailProperties properties;

	private final Orders orders;

	private final ObjectMapper json;

	private final Clock clock;

	private final TransactionTemplate transaction;

	EmailSender(EmailOutbox outbox, OrderEvents events, EmailComposer composer, ObjectProvider<JavaMailSender> mail,
			EmailProperties properties, Orders orders, ObjectMapper json, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.mail = mail.getIfAvailable();
		if (this.mail == null) {
			throw new IllegalStateException("E-mail to customers is switched on (orderflow.notifications.email.enabled)"
					+ " but no mail server is configured: set spring.mail.host (SPRING_MAIL_HOST) and its port,"
					+ " username and password");
		}
		if (properties.from() == null || properties.from().isBlank()) {
			throw new IllegalStateException("E-mail to customers is switched on but has no sender:"
					+ " set orderflow.notifications.email.from (ORDERFLOW_NOTIFICATIONS_EMAIL_FROM)");
		}
		this.outbox = outbox;
		this.events = events;
		this.composer = composer;
		this.properties = properties;
		this.orders = orders;
		this.json = json;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Takes the new notifications of the feed, then sends what is due: two transactions, so that reading the feed
	 * (which positions the events committed until then, the sequencer's row locked) never waits for a mail server.
	 */
	public Round round() {
		// to the database's precision, so that a mail taken now is due now
		OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
		Integer taken = transaction.execute(status -> {
			List<Long> position = outbox.lockPosition();
			if (position.isEmpty()) {
				// switched on just now: from the notifications after now (the row serializes two nodes' first start)
				outbox.startAt(events.lastPosition(), now);
				return 0;
			}
			return take(position.get(0), now);
		});
		return transaction.execute(status -> {
			if (outbox.lockPosition().isEmpty()) {
				return new Round(taken, 0, 0, false);
			}
			int sent = 0;
			int failed = 0;
			for (Mail due : outbox.due(now, properties.batch())) {
				Outcome outcome = send(due, now);
				if (outcome == Outcome.LATER) {
					return new Round(taken, sent, failed, true);
				}
				sent += outcome == Outcome.SENT ? 1 : 0;
				failed += outcome == Outcome.FAILED ? 1 : 0;
			}
			return new Round(taken, sent, failed, false);
		});
	}

	private int take(long after, OffsetDateTime now) {
		List<OrderEvent> notified = events.after(after, Set.of(EventType.CUSTOMER_NOTIFIED), null, properties.batch());
		for (OrderEvent event : notified) {
			JsonNode data = event.data();
			outbox.take(event, data.path("email").asText(), data.path("message").asText(), EmailComposer.language(data),
					now);
		}
		if (!notified.isEmpty()) {
			outbox.moveTo(Long.parseLong(notified.get(notified.size() - 1).position()), now);
		}
		return notified.size();
	}

	private enum Outcome {

		SENT, FAILED, LATER

	}

	private Outcome send(Mail due, OffsetDateTime now) {
		Email email;
		MimeMessage message;
		try {
			email = composer.compose(due.orderNumber(), json.readTree(due.payload()));
			message = message(due, email);
		}
		catch (JsonProcessingException | MessagingException | RuntimeException unwritable) {
			return giveUp(due, "it could not be written: " + unwritable.getMessage());
		}
		try {
			mail.send(message);
		}
		catch (MailException failure) {
			String reason = reason(failure);
			if (refusedForGood(failure)) {
				return giveUp(due, "the mail server refused it: " + reason);
			}
			if (!now.isBefore(due.createdAt().plus(properties.maxAge()))) {
				return giveUp(due, "the mail server could not take it for " + properties.maxAge() + ": " + reason);
			}
			OffsetDateTime next = now.plus(properties.retryAfter(due.attempts() + 1));
			outbox.retryAt(due.eventId(), next, reason);
			log.warn("E-mail {} of order {} not sent ({}); next attempt at {}", due.message(), due.orderNumber(),
					reason, next);
			return Outcome.LATER;
		}
		outbox.sent(due.eventId(), now);
		return Outcome.SENT;
	}

	private MimeMessage message(Mail due, Email email) throws MessagingException {
		String messageId = "<" + due.eventId() + "@orderflow>";
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {

			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}

		};
		MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
		helper.setFrom(properties.from());
		helper.setTo(due.recipient());
		helper.setSubject(email.subject());
		helper.setText(email.text(), email.html());
		message.setHeader("Content-Language", due.language());
		return message;
	}

	private Outcome giveUp(Mail due, String why) {
		outbox.failed(due.eventId(), why);
		orders.record(due.orderId(), TimelineType.NOTIFICATION, "system:email",
				"E-mail " + due.message() + " to " + due.recipient() + " not sent: " + why);
		log.warn("E-mail {} of order {} given up: {}", due.message(), due.orderNumber(), why);
		return Outcome.FAILED;
	}

	/** A recipient the server refused with a permanent answer (5xx), or a mail that cannot be made. */
	private static boolean refusedForGood(MailException failure) {
		if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
			return true;
		}
		if (failure instanceof MailSendException send) {
			for (Exception cause : send.getFailedMessages().values()) {
				for (Throwable t = cause; t != null; t = t.getCause()) {
					if (t instanceof SendFailedException refused && refused.getInvalidAddresses() != null
							&& refused.getInvalidAddresses().length > 0) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static String reason(MailException failure) {
		Throwable root = failure;
		if (failure instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
			root = send.getFailedMessages().values().iterator().next();
		}
		// down to the server's own answer (a refused recipient: SMTPAddressFailedException "550 5.1.1 …")
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).strip();
	}

	/** Background rounds, where scheduling is on and e-mail is switched on. */
	@Component
	@ConditionalOnProperty(name = "orderflow.scheduling.enabled", havingValue = "true", matchIfMissing = true)
	static class Rounds {

		private final ObjectProvider<EmailSender> sender;

		Rounds(ObjectProvider<EmailSender> sender) {
			this.sender = sender;
		}

		@Scheduled(fixedDelayString = "${orderflow.notifications.email.interval:PT2S}")
		void send() {
			EmailSender switchedOn = sender.getIfAvailable();
			while (switchedOn != null && fullRound(switchedOn.round(), switchedOn.properties.batch())) {
				// a backlog: on until it is cleared or the server is down
			}
		}

		private static boolean fullRound(Round round, int batch) {
			return !round.serverDown() && (round.taken() == batch || round.sent() + round.failed() == batch);
		}

	}

}
