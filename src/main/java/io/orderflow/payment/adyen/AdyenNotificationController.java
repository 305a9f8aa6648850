package io.orderflow.payment.adyen;

import java.io.IOException;

import com.adyen.model.notification.NotificationRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adyen's standard webhook. Authenticated by the HMAC signature of each item (a delivery with one bad signature is
 * refused whole and changes nothing); answered {@code [accepted]}, as Adyen expects, also for a second delivery.
 */
@RestController
@ConditionalOnProperty(name = "orderflow.payment.gateway", havingValue = "adyen")
@Tag(name = "Payments")
class AdyenNotificationController {

	private final AdyenNotifications notifications;

	AdyenNotificationController(AdyenNotifications notifications) {
		this.notifications = notifications;
	}

	@PostMapping("/api/payments/adyen/notifications")
	@Operation(summary = "Adyen's notifications (standard webhook, HMAC-signed)")
	ResponseEntity<String> receive(@RequestBody String body) {
		NotificationRequest request;
		try {
			request = NotificationRequest.fromJson(body);
		}
		catch (IOException | RuntimeException malformed) {
			throw new MalformedNotificationException();
		}
		if (request == null || request.getNotificationItems() == null) {
			throw new MalformedNotificationException();
		}
		notifications.receive(request.getNotificationItems());
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("[accepted]");
	}

	static class MalformedNotificationException extends RuntimeException {

	}

	@ExceptionHandler(AdyenNotifications.BadSignatureException.class)
	ResponseEntity<ProblemDetail> badSignature(AdyenNotifications.BadSignatureException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
		problem.setTitle("Bad signature");
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
	}

	@ExceptionHandler(MalformedNotificationException.class)
	ResponseEntity<ProblemDetail> malformed() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Not a notification of Adyen's standard webhook (notificationItems)");
		problem.setTitle("Malformed notification");
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
	}

}
