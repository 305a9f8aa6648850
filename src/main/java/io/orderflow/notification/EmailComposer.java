package io.orderflow.notification;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes the e-mail of a {@code customer.notified} event in the customer's language: the texts from
 * {@code mail/messages*.properties} (a subject and paragraphs per message), laid out by the templates
 * {@code mail/notification.txt} (plain text) and {@code mail/notification.html} (HTML, every value escaped).
 */
@Component
class EmailComposer {

	/** The languages with a message file; others are written in English. */
	static final Set<String> LANGUAGES = Set.of("en", "de");

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");

	private static final String[] FACTS = { "UNITS", "CARRIER", "TRACKING_NUMBER", "AMOUNT", "RMA_NUMBER", "LOCATION" };

	/** The mail as it is sent. */
	record Email(String subject, String text, String html) {
	}

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private final MessageSource messages;

	EmailComposer() {
		templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
		templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
		ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
		bundle.setBasename("mail/messages");
		bundle.setDefaultEncoding("UTF-8");
		bundle.setFallbackToSystemLocale(false);
		this.messages = bundle;
	}

	/** The mail of the event's data ({@code customer.notified}) for the order {@code orderNumber}. */
	Email compose(String orderNumber, JsonNode data) {
		String language = language(data);
		Locale locale = Locale.forLanguageTag(language);
		String message = data.path("message").asText();
		JsonNode facts = data.path("facts");
		Object[] arguments = arguments(orderNumber, facts, locale);
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add(messages.getMessage(message + ".intro", arguments, locale));
		String particulars = particulars(message, facts, arguments, locale);
		if (particulars != null) {
			paragraphs.add(particulars);
		}
		String subject = messages.getMessage(message + ".subject", arguments, locale);
		Context context = new Context(locale);
		context.setVariable("language", language);
		context.setVariable("subject", subject);
		String name = data.path("name").asText("");
		context.setVariable("greeting", messages.getMessage("greeting", new Object[] { name }, locale).replace(" ,", ","));
		context.setVariable("paragraphs", paragraphs);
		// the English particulars, where the message has none of its own in the customer's language
		context.setVariable("detail", particulars == null && data.hasNonNull("detail") ? data.get("detail").asText() : null);
		context.setVariable("detailLabel", messages.getMessage("detail", null, locale));
		context.setVariable("trackingLink", data.hasNonNull("trackingLink") ? data.get("trackingLink").asText() : null);
		context.setVariable("trackLabel", messages.getMessage("track", null, locale));
		context.setVariable("orderLabel", messages.getMessage("orderNumber", null, locale));
		context.setVariable("orderNumber", orderNumber);
		context.setVariable("closing", messages.getMessage("closing", null, locale));
		context.setVariable("signature", messages.getMessage("signature", null, locale));
		return new Email(subject, templates.process("notification.txt", context),
				templates.process("notification.html", context));
	}

	/** The language the event's mail is written in: the order's where there is a message file for it, else English. */
	static String language(JsonNode data) {
		String language = data.path("language").asText();
		return LANGUAGES.contains(language) ? language : "en";
	}

	/** The paragraph of particulars, where the message has one and the event carries every fact it names. */
	private String particulars(String message, JsonNode facts, Object[] arguments, Locale locale) {
		String key = message + ".facts";
		if ("RETURN_APPROVED".equals(message) && !facts.hasNonNull("LOCATION")) {
			key = key + ".noLocation";
		}
		String pattern;
		try {
			pattern = messages.getMessage(key, null, locale);
		}
		catch (NoSuchMessageException none) {
			return null;
		}
		Matcher argument = ARGUMENT.matcher(pattern);
		while (argument.find()) {
			if (arguments[Integer.parseInt(argument.group(1))] == null) {
				return null;
			}
		}
		return messages.getMessage(key, arguments, locale);
	}

	private static Object[] arguments(String orderNumber, JsonNode facts, Locale locale) {
		Object[] arguments = new Object[FACTS.length + 1];
		arguments[0] = orderNumber;
		for (int i = 0; i < FACTS.length; i++) {
			arguments[i + 1] = facts.hasNonNull(FACTS[i]) ? facts.get(FACTS[i]).asText() : null;
		}
		if (arguments[4] != null) {
			arguments[4] = money(arguments[4].toString(), facts.path("CURRENCY").asText(null), locale);
		}
		return arguments;
	}

	/** {@code 12.50} in EUR as the customer writes it: {@code €12.50}, {@code 12,50 €}. */
	private static String money(String amount, String currency, Locale locale) {
		if (currency == null) {
			return amount;
		}
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		Currency unit = Currency.getInstance(currency);
		format.setCurrency(unit);
		format.setMinimumFractionDigits(unit.getDefaultFractionDigits());
		format.setMaximumFractionDigits(unit.getDefaultFractionDigits());
		return format.format(new BigDecimal(amount));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("mail/");
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

}
