package io.orderflow.platform.apikey;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.orderflow.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** API keys for integrations; administrators only (SecurityConfig). */
@RestController
@RequestMapping("/api/api-keys")
@Tag(name = "API keys", description = "Keys your systems sign in with (Authorization: Bearer); administrators only")
class ApiKeyController {

	/** {@code POST /api/api-keys/{id}/rotation}: how long the old key goes on working (ISO-8601). */
	record RotationRequest(String overlap) {
	}

	private final ApiKeys apiKeys;

	ApiKeyController(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	@PostMapping
	@Operation(summary = "Issue an API key", description = "For a name, the groups it acts in and optionally when "
			+ "it expires. The answer holds the key itself; it is shown this once.")
	@ApiResponse(responseCode = "201", description = "Issued: the key and its secret")
	ResponseEntity<IssuedApiKey> issue(@RequestBody ApiKeyRequest request, Principal principal) {
		IssuedApiKey issued = apiKeys.issue(request, principal.getName());
		return ResponseEntity.created(URI.create("/api/api-keys/" + issued.apiKey().id())).body(issued);
	}

	@GetMapping
	@Operation(summary = "Every API key (without its secret)")
	List<ApiKey> list() {
		return apiKeys.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One API key (without its secret)")
	ApiKey find(@PathVariable UUID id) {
		return apiKeys.find(id).orElseThrow(() -> notFound(id));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke an API key", description = "It stops working at once; the answer is the revoked key.")
	ApiKey revoke(@PathVariable UUID id) {
		return apiKeys.revoke(id).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/{id}/rotation")
	@Operation(summary = "Rotate an API key", description = "Issues its successor with the same name and groups; the "
			+ "old key goes on working for overlap (ISO-8601, e.g. PT24H), then stops.")
	@ApiResponse(responseCode = "201", description = "The successor and its secret")
	ResponseEntity<IssuedApiKey> rotate(@PathVariable UUID id, @RequestBody RotationRequest request,
			Principal principal) {
		Duration overlap;
		try {
			overlap = request.overlap() == null ? null : Duration.parse(request.overlap());
		}
		catch (DateTimeParseException unreadable) {
			throw new InvalidRequestException("overlap", "is not an ISO-8601 duration such as PT24H");
		}
		IssuedApiKey issued = apiKeys.rotate(id, overlap, principal.getName()).orElseThrow(() -> notFound(id));
		return ResponseEntity.created(URI.create("/api/api-keys/" + issued.apiKey().id())).body(issued);
	}

	private static ResponseStatusException notFound(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No API key " + id);
	}

}
