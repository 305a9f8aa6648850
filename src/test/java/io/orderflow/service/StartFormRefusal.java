package io.orderflow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.platform.web.FieldViolation;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Submits a start form that must be refused, as a user of a group, and answers the refusal's violations
 * after checking that it was refused as a whole: the submission threw a {@link FormRefusedException}
 * and left no process instance behind, running or in the history.
 */
public final class StartFormRefusal {

	private StartFormRefusal() {
	}

	public static List<FieldViolation> refused(ProcessEngine engine, String processKey, String user, String group,
			Map<String, Object> form) {
		String definitionId = engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(processKey)
			.latestVersion()
			.singleResult()
			.getId();
		long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
		engine.getIdentityService().setAuthentication(user, List.of(group));
		Throwable thrown;
		try {
			thrown = catchThrowable(() -> engine.getFormService().submitStartForm(definitionId, form));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		assertThat(thrown).as("the start form must be refused").isNotNull();
		FormRefusedException refusal = cause(thrown);
		assertThat(refusal).as("refused as invalid, not " + thrown).isNotNull();
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count())
			.as("no instance is left of a refused start")
			.isEqualTo(before);
		return refusal.violations();
	}

	/** The invalid fields, each with its messages joined. */
	public static Map<String, String> byField(List<FieldViolation> violations) {
		Map<String, String> byField = new LinkedHashMap<>();
		for (FieldViolation violation : violations) {
			byField.merge(violation.field(), violation.message(), (x, y) -> x + "; " + y);
		}
		return byField;
	}

	private static FormRefusedException cause(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof FormRefusedException refusal) {
				return refusal;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
