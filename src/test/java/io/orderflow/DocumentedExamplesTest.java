package io.orderflow;

import static io.orderflow.testsupport.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.EventSchemas;
import io.orderflow.testsupport.OnADatabaseOfItsOwn;
import io.orderflow.testsupport.OwnApplication;
import io.orderflow.testsupport.TestOrders;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every example in the README and in {@code docs/} runs as written: Given Orderflow started as the README's first
 * command starts it (the {@code demo} profile, its users and catalog, the job executor on; without the demo orders
 * and the simulated locations and carrier, so that only the examples move orders), When each {@code bash} block
 * that calls {@code curl} runs in {@code bash}, as a reader would paste it, with the shell variables the pages
 * name ({@code ORDER}, {@code FULFILLMENT_ORDER}, {@code SHIPMENT}, {@code KEY}, the administrator's) set to
 * records in the state their section needs, Then every request is answered 2xx, and nothing ends in an incident.
 * Between requests the script waits until the engine has nothing left to do, as a reader would wait a moment.
 * A JSON example of an event is valid by its type's schema, a YAML example parses; the only bash blocks not run
 * are those that build or start Orderflow ({@code ./mvnw}, {@code createdb}), which CI and every test do.
 * Runs in a JVM of its own (see the pom), on a database of its own.
 */
class DocumentedExamplesTest extends OnADatabaseOfItsOwn {

	private static final Pattern FENCE = Pattern.compile("^( *)```(\\w*)\\s*$");

	private static final Pattern HEADING = Pattern.compile("^#+ (.*)$");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z_]*)");

	private static final Pattern CURL = Pattern.compile("(?m)(^|\\$\\()curl ");

	private static final Pattern ASSIGNED = Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Z][A-Z_]*)=");

	/** A curl that answers the body, fails on a status that is not 2xx, and then waits for the engine. */
	private static final String PRELUDE = """
			set -euo pipefail
			settle() {
			  for _ in $(seq 1 240); do
			    [[ $(command curl -sS -u demo:demo "$ORDERFLOW_URL/engine-rest/job/count?executable=true") == '{"count":0}' ]] && return 0
			    sleep 0.25
			  done
			  echo "the engine still had jobs to run after 60 s" >&2
			  return 1
			}
			curl() {
			  local body status
			  body=$(mktemp)
			  status=$(command curl -sS -o "$body" -w '%{http_code}' "$@")
			  local call="$status curl $*"
			  echo "${call//$'\n'/ }" >> "$CURL_LOG"
			  if [[ $status != 2* ]]; then
			    echo "HTTP $status from: curl $*" >&2
			    cat "$body" >&2
			    return 1
			  fi
			  cat "$body"
			  echo
			  settle
			}
			""";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<String> failures = new ArrayList<>();

	private ApiClient integrator;

	private ApiClient warehouse;

	private int port;

	private int requests;

	private int written;

	@Test
	void everyExampleOfTheReadmeAndTheDocsRunsAsWritten() throws Exception {
		Map<String, Object> environment = OwnApplication.productionEnvironment(database);
		environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/" + database);
		environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		environment.put("ORDERFLOW_DEMO_ORDERS", "false");
		environment.put("ORDERFLOW_FULFILLMENT_SIMULATION", "false");
		environment.put("ORDERFLOW_DELIVERY_SIMULATION", "false");
		try (ConfigurableApplicationContext orderflow = OwnApplication.start(environment, "demo")) {
			port = Integer.parseInt(orderflow.getEnvironment().getProperty("local.server.port"));
			integrator = ApiClient.on(port).withCredentials("integrator", "integrator");
			warehouse = ApiClient.on(port).withCredentials("warehouse", "warehouse");
			List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
			try (Stream<Path> docs = Files.list(Path.of("docs"))) {
				docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
			}
			for (Path page : pages) {
				for (Block block : blocks(page)) {
					check(block);
				}
			}
			ApiClient demo = ApiClient.on(port).withCredentials("demo", "demo");
			assertThat(demo.get("/engine-rest/incident/count").json().path("count").asLong())
				.as("incidents after the examples").isZero();
		}
		assertThat(failures).as("examples that do not run as written").isEmpty();
		assertThat(requests).as("requests the examples made, one per curl written").isEqualTo(written).isGreaterThanOrEqualTo(30);
	}

	/** A fenced block of a page: where it is, the section it is in, its language and its text. */
	record Block(Path page, int line, String section, String language, String text) {

		@Override
		public String toString() {
			return page + ":" + line + " (" + section + ")";
		}

	}

	static List<Block> blocks(Path page) throws IOException {
		List<Block> blocks = new ArrayList<>();
		List<String> lines = Files.readAllLines(page);
		String section = "";
		for (int i = 0; i < lines.size(); i++) {
			Matcher heading = HEADING.matcher(lines.get(i));
			if (heading.matches()) {
				section = heading.group(1);
			}
			Matcher fence = FENCE.matcher(lines.get(i));
			if (!fence.matches()) {
				continue;
			}
			int indent = fence.group(1).length();
			StringBuilder text = new StringBuilder();
			int start = i + 1;
			for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
				String line = lines.get(i);
				text.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
			}
			blocks.add(new Block(page, start, section, fence.group(2), text.toString()));
		}
		return blocks;
	}

	private void check(Block block) throws Exception {
		switch (block.language()) {
			case "bash" -> {
				if (block.text().contains("curl ")) {
					run(block);
				}
				else if (!block.text().contains("./mvnw") && !block.text().contains("createdb")) {
					failures.add(block + ": a bash example that neither calls curl nor builds or starts Orderflow");
				}
			}
			case "json" -> {
				JsonNode example = JSON.readTree(block.text());
				if (example.has("type") && EventSchemas.FOLDER.resolve(example.path("type").asText() + ".schema.json")
					.toFile()
					.exists()) {
					var problems = EventSchemas.check(example.path("type").asText(), example);
					if (!problems.isEmpty()) {
						failures.add(block + ": not valid by its event schema: " + problems);
					}
				}
			}
			case "yaml" -> new Yaml().load(block.text());
			default -> {
				// a listing (the source tree), not an example
			}
		}
	}

	private void run(Block block) throws Exception {
		Map<String, String> variables = new LinkedHashMap<>();
		Set<String> assigned = new TreeSet<>();
		ASSIGNED.matcher(block.text()).results().forEach(match -> assigned.add(match.group(1)));
		Matcher used = VARIABLE.matcher(block.text());
		while (used.find()) {
			String name = used.group(1);
			if (!assigned.contains(name) && !variables.containsKey(name)) {
				variables.put(name, fixture(name, block));
			}
		}
		written += (int) CURL.matcher(block.text()).results().count();
		File log = File.createTempFile("curl", ".log");
		ProcessBuilder bash = new ProcessBuilder("bash", "-c",
				PRELUDE + block.text().replace("localhost:8080", "localhost:" + port)).redirectErrorStream(true);
		bash.environment().putAll(variables);
		bash.environment().put("ORDERFLOW_URL", "http://localhost:" + port);
		bash.environment().put("CURL_LOG", log.getPath());
		Process process = bash.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			failures.add(block + ": still running after 5 minutes");
		}
		else if (process.exitValue() != 0) {
			failures.add(block + " with " + variables + " failed:\n" + output);
		}
		List<String> calls = Files.readAllLines(log.toPath());
		calls.forEach(call -> System.out.println(block + ": " + call));
		requests += calls.size();
		if (calls.isEmpty()) {
			failures.add(block + ": no request was made");
		}
		log.delete();
	}

	/** A record for a shell variable a block uses, in the state the block's section needs. */
	private String fixture(String name, Block block) {
		return switch (name) {
			case "ORDER" -> block.section().contains("Cancellations") || block.section().contains("Holds")
					|| block.section().contains("Address changes")
					? releasedOrder() : deliveredOrder();
			case "FULFILLMENT_ORDER" -> block.section().contains("Parcels back at the location")
					? fulfillmentOrderAwaitedBack() : fulfillmentOrders(releasedOrder()).get(0).path("id").asText();
			case "SHIPMENT" -> shipments(shippedOrder()).get(0).path("id").asText();
			case "KEY" -> ApiClient.on(port)
				.withCredentials("demo", "demo")
				.post("/api/api-keys", Map.of("name", "docs-" + UUID.randomUUID(), "groups", List.of("integrators")))
				.json()
				.path("key")
				.asText();
			case "ORDERFLOW_ADMIN_USER", "ORDERFLOW_ADMIN_PASSWORD" -> "demo";
			default -> throw new AssertionError(block + " uses $" + name + ", which the pages do not explain");
		};
	}

	/** An order of two T-shirts and a mug, allocated and released to its locations. */
	private String releasedOrder() {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(
				TestOrders.map("sku", "SKU-TSHIRT-M", "name", "Organic T-shirt, M", "quantity", 2, "unitPrice", "19.99",
						"taxRate", "0.19"),
				TestOrders.map("sku", "SKU-MUG", "name", "Mug", "quantity", 1, "unitPrice", "9.99", "taxRate", "0.19")));
		Response submitted = integrator.post("/api/orders", order);
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		String number = submitted.json().path("orderNumber").asText();
		waitFor(number + " released", () -> {
			List<JsonNode> released = fulfillmentOrders(number);
			return !released.isEmpty() && released.stream().allMatch(fo -> "RELEASED".equals(fo.path("status").asText()))
					? released : null;
		});
		return number;
	}

	/** A released order whose locations reported every fulfillment order shipped. */
	private String shippedOrder() {
		String number = releasedOrder();
		for (JsonNode fulfillmentOrder : fulfillmentOrders(number)) {
			Response shipped = warehouse.post("/api/fulfillment-orders/" + fulfillmentOrder.path("id").asText()
					+ "/events", Map.of("eventId", "docs-" + UUID.randomUUID(), "type", "SHIPPED"));
			assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
		}
		int parcels = fulfillmentOrders(number).size();
		waitFor(number + "'s parcels booked", () -> shipments(number).size() == parcels ? parcels : null);
		return number;
	}

	/** A shipped order whose carrier reported every parcel delivered. */
	private String deliveredOrder() {
		String number = shippedOrder();
		for (JsonNode shipment : shipments(number)) {
			Response delivered = integrator.post("/api/shipments/" + shipment.path("id").asText() + "/events",
					Map.of("eventId", "docs-" + UUID.randomUUID(), "type", "DELIVERED"));
			assertThat(delivered.status()).as(delivered.toString()).isEqualTo(202);
		}
		waitFor(number + " delivered", () -> {
			String status = integrator.get("/api/orders/" + number).json().path("status").asText();
			return "DELIVERED".equals(status) || "COMPLETED".equals(status) ? status : null;
		});
		return number;
	}

	/**
	 * A fulfillment order of a shipped order whose parcel the carrier could not deliver, and whose units a service
	 * agent decided to refund once the parcel is back: its process awaits the parcel back.
	 */
	private String fulfillmentOrderAwaitedBack() {
		String number = shippedOrder();
		JsonNode shipment = shipments(number).get(0);
		String fulfillmentOrderId = shipment.path("fulfillmentOrderId").asText();
		String fulfillmentOrderNumber = fulfillmentOrders(number).stream()
			.filter(fo -> fo.path("id").asText().equals(fulfillmentOrderId))
			.findFirst()
			.orElseThrow()
			.path("number")
			.asText();
		Response failed = integrator.post("/api/shipments/" + shipment.path("id").asText() + "/events",
				Map.of("eventId", "docs-" + UUID.randomUUID(), "type", "DELIVERY_FAILED", "detail", "Recipient moved"));
		assertThat(failed.status()).as(failed.toString()).isEqualTo(202);
		ApiClient demo = ApiClient.on(port).withCredentials("demo", "demo");
		String taskId = waitFor(fulfillmentOrderNumber + "'s failed delivery task", () -> {
			JsonNode tasks = demo.get("/engine-rest/task?taskDefinitionKey=UserTask_ResolveFailedDelivery"
					+ "&processInstanceBusinessKey=" + fulfillmentOrderNumber).json();
			return tasks.size() == 1 ? tasks.get(0).path("id").asText() : null;
		});
		Response decided = demo.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables",
				Map.of("failedDeliveryDecision", Map.of("value", "REFUND"))));
		assertThat(decided.status()).as(decided.toString()).isEqualTo(204);
		waitFor(fulfillmentOrderNumber + "'s parcel awaited back", () -> "AWAITING_RETURN".equals(shipments(number)
			.get(0)
			.path("failure")
			.path("status")
			.asText()) ? number : null);
		return fulfillmentOrderId;
	}

	private List<JsonNode> fulfillmentOrders(String orderNumber) {
		List<JsonNode> found = new ArrayList<>();
		integrator.get("/api/orders/" + orderNumber + "/fulfillment-orders").json().forEach(found::add);
		return found;
	}

	private List<JsonNode> shipments(String orderNumber) {
		List<JsonNode> found = new ArrayList<>();
		integrator.get("/api/orders/" + orderNumber + "/shipments").json().forEach(found::add);
		return found;
	}

}
