package io.orderflow.platform.web;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's complaints about unreadable JSON into a field path and a sentence a client can act on. */
public final class JsonProblems {

	/** Jackson's words for a field named twice in one object. */
	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

	private JsonProblems() {
	}

	/** The JSON path of the offending field (e.g. {@code lines[0].quantity}), or empty for the document. */
	public static String field(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof JsonMappingException)) {
			cause = cause.getCause();
		}
		if (!(cause instanceof JsonMappingException mapping)) {
			return duplicateField(failure);
		}
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference ref : mapping.getPath()) {
			if (ref.getFieldName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(ref.getFieldName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** The field a JSON object names twice (refused by strict duplicate detection), or empty. */
	private static String duplicateField(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null) {
				Matcher duplicate = DUPLICATE.matcher(parse.getOriginalMessage());
				if (duplicate.find()) {
					return duplicate.group(1);
				}
			}
		}
		return "";
	}

	/** A short description of what is wrong, without Java class names. */
	public static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof JsonProcessingException)) {
			cause = cause.getCause();
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "unknown field '" + unknown.getPropertyName() + "'";
		}
		if (cause instanceof InvalidFormatException format && format.getTargetType() == BigDecimal.class
				&& BoundedDecimals.MESSAGE.equals(format.getOriginalMessage())) {
			return BoundedDecimals.MESSAGE;
		}
		if (!duplicateField(failure).isEmpty()) {
			return "appears more than once";
		}
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			return "value has the wrong type or format";
		}
		if (cause instanceof JsonProcessingException processing) {
			return "malformed JSON: " + processing.getOriginalMessage();
		}
		return "the request body is missing or unreadable";
	}

}
