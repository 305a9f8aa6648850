package io.orderflow;

import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.addresschange.AddressChange;
import io.orderflow.addresschange.AddressChangeEventRequest;
import io.orderflow.addresschange.AddressChangeEvents;
import io.orderflow.addresschange.AddressChangeRequest;
import io.orderflow.addresschange.AddressChanges;
import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the process instances carry: only what the models need, as strings, booleans and JSON that Cockpit
 * shows, exactly as the README's "Process variables" lists it, and never a Java-serialized object, which the
 * engine refuses.
 */
class ProcessVariablesTest extends ServiceScenario {

	/** The engine's name for the serializer of Java-serialized objects (act_ru_variable.type_, act_hi_varinst.var_type_). */
	static final String JAVA_SERIALIZED = "serializable";

	@Autowired
	AddressChanges addressChanges;

	@Autowired
	AddressChangeEvents addressChangeEvents;

	ProcessVariablesTest() {
		super("VAR", "Variables", "variables");
	}

	@Test
	void aDeliveredOrderLeavesOnlyTheDocumentedVariablesAndNothingJavaSerialized() throws Exception {
		// Given stock at one location
		String sku = sku("A");
		stock(location("BER"), sku, 5);

		// When an order is submitted, shipped and delivered
		Order order = deliveredOrder(orderLine(sku, 1, "10.00"));

		// Then no variable of any of its process instances was ever Java-serialized
		HistoricProcessInstance lifecycle = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.processDefinitionKey(LifecycleProcess.KEY)
			.singleResult();
		List<HistoricProcessInstance> instances = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.rootProcessInstanceId(lifecycle.getId())
			.list();
		assertThat(instances).extracting(HistoricProcessInstance::getProcessDefinitionKey)
			.containsExactlyInAnyOrder(LifecycleProcess.KEY, FulfillmentOrderProcess.KEY);
		for (HistoricProcessInstance instance : instances) {
			assertThat(jdbc.sql("select name_ from act_hi_varinst where proc_inst_id_ = :id and var_type_ = :java")
				.param("id", instance.getId())
				.param("java", JAVA_SERIALIZED)
				.query(String.class)
				.list()).as("Java-serialized variables of %s", instance.getProcessDefinitionKey()).isEmpty();
		}

		// and the lifecycle instance holds only what its model needs, each documented in the README
		assertThat(instanceVariables(lifecycle.getId())).containsExactlyInAnyOrder(OrderProcess.Variables.ORDER_ID,
				OrderProcess.Variables.ORDER_NUMBER, LifecycleProcess.Variables.RISK_REVIEW_REQUIRED,
				LifecycleProcess.Variables.BACKORDERED, LifecycleProcess.Variables.FULFILLMENT_ORDER_IDS,
				LifecycleProcess.Variables.ORDER_HELD);
		assertThat(documentedVariables(LifecycleProcess.KEY)).containsAll(instanceVariables(lifecycle.getId()));
		HistoricProcessInstance fulfillment = instances.stream()
			.filter(instance -> instance.getProcessDefinitionKey().equals(FulfillmentOrderProcess.KEY))
			.findFirst()
			.orElseThrow();
		assertThat(documentedVariables(FulfillmentOrderProcess.KEY)).containsAll(instanceVariables(fulfillment.getId()));

		// and the multi-instance's collection is the fulfillment order's id as JSON, which Cockpit shows
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		HistoricVariableInstance ids = engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(lifecycle.getId())
			.variableName(LifecycleProcess.Variables.FULFILLMENT_ORDER_IDS)
			.disableCustomObjectDeserialization()
			.singleResult();
		assertThat(ids.getTypedValue()).isInstanceOfSatisfying(ObjectValue.class, json -> {
			assertThat(json.getSerializationDataFormat()).isEqualTo(SerializationDataFormats.JSON.getName());
			assertThat(json.getValueSerialized()).isEqualTo("[\"" + fo.id() + "\"]");
		});
	}

	@Test
	void theEngineRefusesAJavaSerializedVariable() throws Exception {
		// Given an order whose lifecycle waits before the payment authorization
		String sku = sku("B");
		stock(location("HAM"), sku, 5);
		Order order = submit(orderLine(sku, 1, "10.00"));
		String instance = lifecycle(order).getId();
		var runtime = engine.getRuntimeService();

		// When someone sets a Java-serialized value, as /engine-rest would send it, or asks for Java serialization
		String serialized = Base64.getEncoder().encodeToString(javaSerialized(new ArrayList<>(List.of("a"))));
		ObjectValue sentSerialized = Variables.serializedObjectValue(serialized)
			.serializationDataFormat(SerializationDataFormats.JAVA)
			.objectTypeName(ArrayList.class.getName())
			.create();
		ObjectValue askedForJava = Variables.objectValue(new ArrayList<>(List.of("a")))
			.serializationDataFormat(SerializationDataFormats.JAVA)
			.create();

		// Then the engine refuses both and stores nothing
		assertThatThrownBy(() -> runtime.setVariable(instance, "sentSerialized", sentSerialized))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("Java serialization format is prohibited");
		assertThatThrownBy(() -> runtime.setVariable(instance, "askedForJava", askedForJava))
			.isInstanceOf(ProcessEngineException.class);
		assertThat(runtime.getVariables(instance)).doesNotContainKeys("sentSerialized", "askedForJava");

		// When code sets a Java object without saying how
		runtime.setVariable(instance, "plainList", new ArrayList<>(List.of("a", "b")));

		// Then it is stored as JSON, and reads back as the list it was
		assertThat(jdbc.sql("select type_ from act_ru_variable where proc_inst_id_ = :id and name_ = 'plainList'")
			.param("id", instance)
			.query(String.class)
			.single()).isNotEqualTo(JAVA_SERIALIZED);
		ObjectValue stored = runtime.getVariableTyped(instance, "plainList", false);
		assertThat(stored.getSerializationDataFormat()).isEqualTo(SerializationDataFormats.JSON.getName());
		assertThat(runtime.getVariable(instance, "plainList")).isEqualTo(List.of("a", "b"));
		runtime.removeVariable(instance, "plainList");
	}

	@Test
	void anAddressChangeLeavesOnlyTheDocumentedVariables() throws Exception {
		// Given an order released to its location
		String sku = sku("C");
		stock(location("MUC"), sku, 5);
		Order order = releasedOrder(orderLine(sku, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);

		// When its address changes and the location accepts
		AddressChange change = addressChanges.request(order.id(), new AddressChangeRequest(new AddressInput("Ada",
				"Ringstrasse 5", null, "1010", "Wien", null, "AT", null), null, "moved"), null, "integrator").resource();
		Jobs.runDue(engine);
		addressChangeEvents.receive(change.id(),
				new AddressChangeEventRequest("var-" + change.id(), "ACCEPTED", fo.id(), null, null));
		Jobs.runDue(engine);

		// Then its instance held only what the README lists for it
		assertThat(instanceVariables(change.processInstanceId())).contains(AddressChangeProcess.Variables.ADDRESS_CHANGE_ID,
				AddressChangeProcess.Variables.ADDRESS_CHANGE_DEADLINE);
		assertThat(documentedVariables(AddressChangeProcess.KEY))
			.containsAll(instanceVariables(change.processInstanceId()));
	}

	/** The names of the variables an instance held at its own scope (not a task's, not a multi-instance's). */
	Set<String> instanceVariables(String processInstanceId) {
		return new LinkedHashSet<>(jdbc.sql("""
				select distinct name_ from act_hi_varinst
				where proc_inst_id_ = :id and act_inst_id_ = :id and task_id_ is null""")
			.param("id", processInstanceId)
			.query(String.class)
			.list());
	}

	/** The variables the README's "Process variables" names for a process: the `names` in its row of the table. */
	static Set<String> documentedVariables(String processKey) throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int section = readme.indexOf("\n## Process variables");
		assertThat(section).as("README.md has a section \"Process variables\"").isPositive();
		int end = readme.indexOf("\n## ", section + 1);
		String table = readme.substring(section, end < 0 ? readme.length() : end);
		String row = table.lines()
			.filter(line -> line.startsWith("| `" + processKey + "` |"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("README.md's \"Process variables\" has no row for " + processKey));
		Set<String> names = new LinkedHashSet<>();
		Matcher name = Pattern.compile("`([a-zA-Z]+)`").matcher(row.substring(row.indexOf('|', 2)));
		while (name.find()) {
			names.add(name.group(1));
		}
		return names;
	}

	static byte[] javaSerialized(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
