package io.orderflow.platform.engine;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsedFeelEngineTest {

	private final ParsedFeelEngine feel = new ParsedFeelEngine(List.of());

	@Test
	void decidesTheRiskReviewAsCamundasOwnEngineForEveryCombinationOfInputs() throws Exception {
		DmnEngine ours = engine(true);
		DmnEngine camundas = engine(false);
		DmnDecision decision = decision(ours, "risk-review.dmn", "RiskReview");
		DmnDecision reference = decision(camundas, "risk-review.dmn", "RiskReview");
		for (double total : new double[] { 0, 99.99, 100, 249.99, 250, 999.99, 1000, 5000 }) {
			for (boolean newCustomer : new boolean[] { true, false }) {
				for (boolean countryMismatch : new boolean[] { true, false }) {
					Map<String, Object> inputs = Map.of("orderTotal", total, "newCustomer", newCustomer,
							"countryMismatch", countryMismatch);
					// twice: the second evaluation uses the expressions parsed by the first
					for (int round = 0; round < 2; round++) {
						DmnDecisionResult result = ours.evaluateDecision(decision, inputs);
						assertThat(result.getSingleResult().getEntryMap())
							.as("%s, round %d", inputs, round)
							.isEqualTo(camundas.evaluateDecision(reference, inputs).getSingleResult().getEntryMap());
					}
				}
			}
		}
	}

	@Test
	void evaluatesAnExpressionWithTheVariablesOfEachEvaluation() {
		assertThat((Object) feel.evaluateSimpleExpression("a + 1", variables("a", 1))).isEqualTo(2L);
		assertThat((Object) feel.evaluateSimpleExpression("a + 1", variables("a", 41))).isEqualTo(42L);
	}

	@Test
	void testsTheInputOfEachEvaluationAgainstOneParsedUnaryTest() {
		assertThat(feel.evaluateSimpleUnaryTests(">= 250", "total", variables("total", 300))).isTrue();
		assertThat(feel.evaluateSimpleUnaryTests(">= 250", "total", variables("total", 200))).isFalse();
		assertThat(feel.evaluateSimpleUnaryTests("\"DE\",\"AT\"", "country", variables("country", "AT"))).isTrue();
		assertThat(feel.evaluateSimpleUnaryTests("\"DE\",\"AT\"", "country", variables("country", "FR"))).isFalse();
	}

	@Test
	void refusesATextThatIsNoFeelEveryTimeItIsEvaluated() {
		for (int round = 0; round < 2; round++) {
			assertThatThrownBy(() -> feel.evaluateSimpleExpression("a +* 1", variables("a", 1)))
				.isInstanceOf(FeelException.class)
				.hasMessageContaining("failed to parse expression");
		}
	}

	@Test
	void answersAndFailsAsCamundasOwnEngine() {
		ScalaFeelEngine camundas = new ScalaFeelEngine(List.of());
		for (String expression : List.of("a * 2", "unknownFunction(a)", "if a > 1 then \"big\" else \"small\"",
				"string length(\"abc\") + a", "a +* 1", "date(\"2026-12-04\")", "\"x\" + a", "assert(a, a > 5)",
				"assert(a, a > 1)", "today() > date(\"2000-01-01\")", "count([a, a])", "x.y", "{b: a}.b")) {
			assertThat(outcome(() -> feel.evaluateSimpleExpression(expression, variables("a", 3))))
				.as(expression)
				.isEqualTo(outcome(() -> camundas.evaluateSimpleExpression(expression, variables("a", 3))));
		}
	}

	private static String outcome(java.util.function.Supplier<Object> evaluation) {
		try {
			return "value " + evaluation.get();
		}
		catch (FeelException e) {
			return "failure " + e.getMessage();
		}
	}

	private static VariableContext variables(String name, Object value) {
		return Variables.createVariables().putValue(name, value).asVariableContext();
	}

	private static DmnEngine engine(boolean parsedOnce) {
		DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration();
		if (parsedOnce) {
			configuration.setFeelEngineFactory(new ParsedFeelEngine.Factory(List.of()));
		}
		return configuration.buildEngine();
	}

	private static DmnDecision decision(DmnEngine engine, String file, String key) throws Exception {
		try (InputStream model = Files.newInputStream(Path.of("bpmn", file))) {
			return engine.parseDecision(key, model);
		}
	}

}
