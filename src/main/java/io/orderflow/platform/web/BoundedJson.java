package io.orderflow.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The limits every JSON body is read with, on {@code /api} and {@code /engine-rest} alike: a field named
 * twice is an error (not "the last one wins"), numbers have at most 100 characters, strings 1 MB, nesting
 * 50 levels. What a few bytes could otherwise make cost (a number of a million digits, a deep array) is
 * refused while parsing.
 */
public final class BoundedJson {

	private BoundedJson() {
	}

	/** Applies the limits to {@code mapper} and returns it. */
	public static ObjectMapper bound(ObjectMapper mapper) {
		mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
		mapper.getFactory()
			.setStreamReadConstraints(StreamReadConstraints.builder()
				.maxNumberLength(100)
				.maxStringLength(1_000_000)
				.maxNestingDepth(50)
				.build());
		return mapper;
	}

}
