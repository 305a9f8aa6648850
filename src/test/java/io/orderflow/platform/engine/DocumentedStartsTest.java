package io.orderflow.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.junit.jupiter.api.Test;

/**
 * A start over {@code /engine-rest} takes exactly the fields of its process's start form: whoever adds a field
 * to a start form in {@code forms/} (or a start form to a process) sees this fail until {@link DocumentedStarts}
 * takes the field too, and the code that reads it.
 */
class DocumentedStartsTest {

	@Test
	void everyStartFormsFieldsAreTheDocumentedStartVariablesOfItsProcess() throws IOException {
		File[] models = new File("bpmn").listFiles((dir, name) -> name.endsWith(".bpmn"));
		assertThat(models).isNotEmpty();
		for (File model : models) {
			BpmnModelInstance instance = Bpmn.readModelFromFile(model);
			for (Process process : instance.getModelElementsByType(Process.class)) {
				for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
					String formRef = start.getCamundaFormRef();
					if (formRef == null) {
						continue;
					}
					assertThat(DocumentedStarts.VARIABLES.get(process.getId()))
						.as("start variables of %s (form %s)", process.getId(), formRef)
						.isEqualTo(fieldsOf(formRef));
				}
			}
		}
	}

	@Test
	void theLifecycleTakesOnlyTheOrder() {
		assertThat(DocumentedStarts.VARIABLES.get(OrderProcess.LifecycleProcess.KEY)).containsExactly(OrderProcess.LifecycleProcess.Variables.ORDER);
		assertThat(DocumentedStarts.VARIABLES).doesNotContainKey(OrderProcess.FulfillmentOrderProcess.KEY);
	}

	private static Set<String> fieldsOf(String formId) throws IOException {
		ObjectMapper json = new ObjectMapper();
		for (File form : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
			JsonNode root = json.readTree(form);
			if (formId.equals(root.path("id").asText())) {
				Set<String> keys = new TreeSet<>();
				collect(root, keys);
				return keys;
			}
		}
		throw new AssertionError("no form with id " + formId + " in forms/");
	}

	private static void collect(JsonNode node, Set<String> keys) {
		for (JsonNode component : node.path("components")) {
			if (component.hasNonNull("key")) {
				keys.add(component.get("key").asText());
			}
			collect(component, keys);
		}
	}

}
