package io.orderflow.platform.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import camundajar.impl.scala.collection.immutable.Map.Map1;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine with every expression parsed once. The engine it extends parses the text of an
 * input, input entry or output entry again on each evaluation, which was a tenth of the job executor's
 * time with one decision per order (docs/operations.md, "Performance"). Here the parsed expression is
 * kept by its text (a parsed expression holds no state of an evaluation, so evaluations share it), and
 * evaluation is the engine's own, with the same variables, value mappers and functions. The texts come
 * from deployed decisions only, so the cache is as large as the decisions' distinct expressions; past
 * {@link #MAX_CACHED} it stops growing and parses the rest each time.
 */
final class ParsedFeelEngine extends ScalaFeelEngine {

	static final int MAX_CACHED = 10_000;

	private final Map<String, Parsed> expressions = new ConcurrentHashMap<>();

	private final Map<String, Parsed> unaryTests = new ConcurrentHashMap<>();

	ParsedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
		super(functionProviders);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
		ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
		CustomContext context = new CustomContext() {
			@Override
			public VariableProvider variableProvider() {
				return new ContextVariableWrapper(variableContext);
			}
		};
		return (T) value(feelEngine.eval(parsed, context));
	}

	@Override
	public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
		ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
		StaticVariableProvider input = new StaticVariableProvider(new Map1<>(INPUT_VARIABLE_NAME, inputVariable));
		ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
		CustomContext context = new CustomContext() {
			@Override
			public VariableProvider variableProvider() {
				return new CompositeVariableProvider(toScalaList(input, variables));
			}
		};
		return BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, context)));
	}

	private static ParsedExpression parsed(Map<String, Parsed> cache, String text,
			Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parser) {
		Parsed parsed = cache.get(text);
		if (parsed == null) {
			parsed = Parsed.of(parser.apply(text));
			if (cache.size() < MAX_CACHED) {
				cache.put(text, parsed);
			}
		}
		return parsed.expression();
	}

	private static Object value(Either<org.camunda.feel.FeelEngine.Failure, Object> result) {
		if (result instanceof Right<?, ?> right) {
			return right.value();
		}
		throw LOGGER.evaluationException(((org.camunda.feel.FeelEngine.Failure) ((Left<?, ?>) result).value()).message());
	}

	/** A parse outcome: the expression, or the engine's message why the text is no FEEL. */
	private record Parsed(ParsedExpression parsed, String failure) {

		static Parsed of(Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> outcome) {
			if (outcome instanceof Right<?, ?> right) {
				return new Parsed((ParsedExpression) right.value(), null);
			}
			return new Parsed(null, ((org.camunda.feel.FeelEngine.Failure) ((Left<?, ?>) outcome).value()).message());
		}

		ParsedExpression expression() {
			if (parsed == null) {
				throw LOGGER.evaluationException(failure);
			}
			return parsed;
		}

	}

	/** Hands the DMN engine a {@link ParsedFeelEngine}. */
	static final class Factory implements FeelEngineFactory {

		private final List<FeelCustomFunctionProvider> functionProviders;

		Factory(List<FeelCustomFunctionProvider> functionProviders) {
			this.functionProviders = functionProviders;
		}

		@Override
		public FeelEngine createInstance() {
			return new ParsedFeelEngine(functionProviders);
		}

	}

}
