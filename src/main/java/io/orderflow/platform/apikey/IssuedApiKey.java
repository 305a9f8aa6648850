package io.orderflow.platform.apikey;

/** A key just issued: the only time its secret ({@code key}) is shown. */
public record IssuedApiKey(ApiKey apiKey, String key) {
}
