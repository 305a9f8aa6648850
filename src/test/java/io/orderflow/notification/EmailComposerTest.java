package io.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.notification.EmailComposer.Email;
import io.orderflow.order.Notifications.CustomerMessage;
import org.junit.jupiter.api.Test;

/** The e-mail written from a {@code customer.notified} event: the customer's language, the particulars, both parts. */
class EmailComposerTest {

	private final EmailComposer composer = new EmailComposer();

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void anApprovedReturnInGermanCarriesTheReturnNumberAndWhereToSendIt() {
		// Given
		JsonNode data = data("RETURN_APPROVED", "de", null, Map.of("RMA_NUMBER", "RMA-OF-1-1", "LOCATION", "BER-1"));

		// When
		Email email = composer.compose("OF-1", data);

		// Then
		assertThat(email.subject()).isEqualTo("Ihre Rücksendung zu Bestellung OF-1 ist genehmigt");
		assertThat(email.text()).startsWith("Hallo Erika Muster,")
			.contains("Ihre Retourennummer ist RMA-OF-1-1", "senden Sie es an BER-1", "Bestellnummer: OF-1");
		assertThat(email.html()).contains("<html lang=\"de\">", "Ihre Retourennummer ist RMA-OF-1-1");
	}

	@Test
	void aRefundInEnglishShowsTheAmountInItsCurrencyAndInGermanAsGermansWriteIt() {
		JsonNode english = data("REFUNDED", "en", "12.50 EUR for return RMA-1", Map.of("AMOUNT", "12.50", "CURRENCY", "EUR"));
		JsonNode german = data("REFUNDED", "de", "12.50 EUR for return RMA-1", Map.of("AMOUNT", "1234.50", "CURRENCY", "EUR"));

		assertThat(composer.compose("OF-2", english).text()).contains("Refunded: €12.50.")
			.doesNotContain("for return RMA-1");
		assertThat(composer.compose("OF-2", german).text()).contains("Erstattet: 1.234,50\u00a0€.");
	}

	@Test
	void aMessageWithoutItsFactsShowsTheEnglishParticularsInstead() {
		// Given: a cancellation carries its particulars only in English
		JsonNode data = data("ITEMS_CANCELED", "de", "2 × SKU-1 canceled", Map.of());

		// When
		Email email = composer.compose("OF-3", data);

		// Then
		assertThat(email.text()).contains("sind Artikel Ihrer Bestellung OF-3 storniert", "Einzelheiten: 2 × SKU-1 canceled");
	}

	@Test
	void theHtmlPartEscapesWhatTheCustomerTypedAndLinksToTracking() throws Exception {
		ObjectMapper mapper = new ObjectMapper();
		var data = (com.fasterxml.jackson.databind.node.ObjectNode) data("ORDER_CONFIRMED", "en", null, Map.of());
		data.put("name", "<script>alert(1)</script>");
		data.put("trackingLink", "https://shop.example.com/track/OF-4?t=abc&x=1");

		Email email = composer.compose("OF-4", mapper.readTree(data.toString()));

		assertThat(email.html()).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("href=\"https://shop.example.com/track/OF-4?t=abc&amp;x=1\"");
		assertThat(email.text()).contains("<script>alert(1)</script>")
			.contains("Follow your order: https://shop.example.com/track/OF-4?t=abc&x=1");
	}

	@Test
	void anUnknownLanguageIsWrittenInEnglish() {
		assertThat(composer.compose("OF-5", data("ORDER_CONFIRMED", "fr", null, Map.of())).subject())
			.isEqualTo("Your order OF-5 is confirmed");
	}

	@Test
	void everyMessageHasASubjectAndAFirstParagraphInEveryLanguage() {
		for (String language : EmailComposer.LANGUAGES) {
			for (CustomerMessage message : CustomerMessage.values()) {
				Email email = composer.compose("OF-6", data(message.name(), language, null, Map.of()));
				assertThat(email.subject()).as("%s in %s", message, language).contains("OF-6");
				assertThat(email.text()).as("%s in %s", message, language).contains("OF-6").doesNotContain("{");
			}
		}
	}

	private JsonNode data(String message, String language, String detail, Map<String, String> facts) {
		var data = json.createObjectNode()
			.put("message", message)
			.put("email", "erika@example.com")
			.put("name", "Erika Muster")
			.put("language", language)
			.put("text", "ignored");
		if (detail != null) {
			data.put("detail", detail);
		}
		data.set("facts", json.valueToTree(facts));
		return data;
	}

}
