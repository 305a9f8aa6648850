package io.orderflow.platform.apikey;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.orderflow.platform.web.InvalidRequestException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys for integrations; administrators only (SecurityConfig). */
@RestController
@RequestMapping("/api/api-keys")
class ApiKeyController {

	/** {@code POST /api/api-keys/{id}/rotation}: how long the old key goes on working (ISO-8601). */
	record RotationRequest(String overlap) {
	}

	private final ApiKeys apiKeys;

	ApiKeyController(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	@PostMapping
	ResponseEntity<IssuedApiKey> issue(@RequestBody ApiKeyRequest request, Principal principal) {
		IssuedApiKey issued = apiKeys.issue(request, principal.getName());
		return ResponseEntity.created(URI.create("/api/api-keys/" + issued.apiKey().id())).body(issued);
	}

	@GetMapping
	List<ApiKey> list() {
		return apiKeys.list();
	}

	@GetMapping("/{id}")
	ResponseEntity<ApiKey> find(@PathVariable UUID id) {
		return ResponseEntity.of(apiKeys.find(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<ApiKey> revoke(@PathVariable UUID id) {
		return ResponseEntity.of(apiKeys.revoke(id));
	}

	@PostMapping("/{id}/rotation")
	ResponseEntity<IssuedApiKey> rotate(@PathVariable UUID id, @RequestBody RotationRequest request,
			Principal principal) {
		Duration overlap;
		try {
			overlap = request.overlap() == null ? null : Duration.parse(request.overlap());
		}
		catch (DateTimeParseException unreadable) {
			throw new InvalidRequestException("overlap", "is not an ISO-8601 duration such as PT24H");
		}
		return apiKeys.rotate(id, overlap, principal.getName())
			.map(issued -> ResponseEntity.created(URI.create("/api/api-keys/" + issued.apiKey().id())).body(issued))
			.orElse(ResponseEntity.notFound().build());
	}

}
