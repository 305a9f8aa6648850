package io.orderflow.platform.engine;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;

/**
 * The fields of the Camunda Form a user task shows ({@code camunda:formRef}), read from the form as it was
 * deployed: every component with a {@code key}, at any depth (groups nest them). A form definition never
 * changes once deployed, so its fields are kept by its id.
 */
final class TaskFormFields {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<String, Set<String>> BY_FORM_DEFINITION = new ConcurrentHashMap<>();

	private TaskFormFields() {
	}

	/** The fields of the task's form, or empty when the task has no Camunda Form that can be found. */
	static Optional<Set<String>> of(CommandContext context, TaskEntity task) {
		TaskDefinition definition = task.getTaskDefinition();
		Expression formRef = definition == null ? null : definition.getCamundaFormDefinitionKey();
		if (formRef == null || task.getProcessDefinitionId() == null) {
			return Optional.empty();
		}
		String key = formRef.getExpressionText();
		CamundaFormDefinitionEntity form = "deployment".equals(definition.getCamundaFormDefinitionBinding())
				? context.getCamundaFormDefinitionManager()
					.findDefinitionByDeploymentAndKey(context.getProcessEngineConfiguration()
						.getDeploymentCache()
						.findDeployedProcessDefinitionById(task.getProcessDefinitionId())
						.getDeploymentId(), key)
				: context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
		if (form == null) {
			return Optional.empty();
		}
		return Optional.of(BY_FORM_DEFINITION.computeIfAbsent(form.getId(), id -> fields(context
			.getResourceManager()
			.findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName()))));
	}

	private static Set<String> fields(ResourceEntity resource) {
		try {
			Set<String> keys = new TreeSet<>();
			collect(JSON.readTree(resource.getBytes()), keys);
			return Set.copyOf(keys);
		}
		catch (IOException unreadable) {
			throw new IllegalStateException("Form " + resource.getName() + " is not JSON", unreadable);
		}
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
