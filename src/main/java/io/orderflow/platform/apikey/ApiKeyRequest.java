package io.orderflow.platform.apikey;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code POST /api/api-keys}: the integration's name, the groups its requests act as, and when the key
 * expires (default: orderflow.security.key-default-lifetime from now).
 */
public record ApiKeyRequest(String name, List<String> groups, OffsetDateTime expiresAt) {
}
