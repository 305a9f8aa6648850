package io.orderflow.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's complaints about unreadable JSON into a field path and a sentence a client can act on. */
public final class JsonProblems {

	private JsonProblems() {
	}

	/** The JSON path of the offending field (e.g. {@code lines[0].quantity}), or empty for the document. */
	public static String field(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof JsonMappingException)) {
			cause = cause.getCause();
		}
		if (!(cause instanceof JsonMappingException mapping)) {
			return "";
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

	/** A short description of what is wrong, without Java class names. */
	public static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof JsonProcessingException)) {
			cause = cause.getCause();
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "unknown field '" + unknown.getPropertyName() + "'";
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
