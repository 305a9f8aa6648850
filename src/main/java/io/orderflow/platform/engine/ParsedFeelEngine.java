package io.orderflow.platform.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import camundajar.impl.scala.Option;
import camundajar.impl.scala.collection.immutable.Map.Map1;
import camundajar.impl.scala.jdk.javaapi.CollectionConverters;
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
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.FunctionProvider.CompositeFunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvaluationFailureCollector;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.impl.parser.ExpressionValidator;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;

/**
 * Camunda's FEEL engine, doing per evaluation only what depends on the evaluation. The engine it extends
 * parses the text of an input, input entry or output entry on each evaluation, and builds FEEL's built-in
 * functions (every one of them, with its parameters) anew each time: together most of the time an order's decisions took
 * (docs/performance.md). Here the parsed and validated expression is kept by its text, and the built-in
 * functions once per engine; both hold no state of an evaluation (the functions read the clock when they
 * are called). What remains per evaluation is FEEL's own: a context with the evaluation's variables and its
 * own collector of failures, the interpreter, and the same answers and failure messages as Camunda's engine
 * ({@code ParsedFeelEngineTest} compares them). The texts come from deployed decisions only, so the cache is
 * as large as their distinct expressions; past {@link #MAX_CACHED} it stops growing and parses the rest each
 * time.
 */
final class ParsedFeelEngine extends ScalaFeelEngine {

	static final int MAX_CACHED = 10_000;

	private final Map<String, Parsed> expressions = new ConcurrentHashMap<>();

	private final Map<String, Parsed> unaryTests = new ConcurrentHashMap<>();

	private final FeelInterpreter interpreter;

	private final ExpressionValidator validator = new ExpressionValidator(false);

	/** FEEL's built-in functions, then the engine's own (none unless configured): built once. */
	private final FunctionProvider functions;

	ParsedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
		super(functionProviders);
		this.interpreter = new FeelInterpreter(feelEngine.valueMapper());
		this.functions = new CompositeFunctionProvider(
				toScalaList(new BuiltinFunctions(feelEngine.clock(), feelEngine.valueMapper()), feelEngine.functionProvider()));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
		ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
		return (T) evaluate(parsed, new ContextVariableWrapper(variableContext));
	}

	@Override
	public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
		ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
		StaticVariableProvider input = new StaticVariableProvider(new Map1<>(INPUT_VARIABLE_NAME, inputVariable));
		VariableProvider variables = new CompositeVariableProvider(
				toScalaList(input, new ContextVariableWrapper(variableContext)));
		return BoxesRunTime.unboxToBoolean(evaluate(parsed, variables));
	}

	/** What FEEL's engine does in {@code evaluate}, with the functions built once. */
	private Object evaluate(ParsedExpression parsed, VariableProvider variables) {
		EvalContext context = new EvalContext(feelEngine.valueMapper(), variables, functions,
				new EvaluationFailureCollector());
		Val value;
		try {
			value = interpreter.eval(parsed.expression(), context);
		}
		catch (RuntimeException e) {
			throw LOGGER.evaluationException("failed to evaluate expression '" + parsed.text() + "' : " + e);
		}
		List<EvaluationFailure> failures = CollectionConverters.asJava(context.failureCollector().failures());
		for (EvaluationFailure failure : failures) {
			if (failure.failureType() == EvaluationFailureType.ASSERT_FAILURE$.MODULE$) {
				throw LOGGER.evaluationException("Assertion failure on evaluate the expression '" + parsed.text() + "': "
						+ failure.failureMessage());
			}
		}
		if (value instanceof ValError error) {
			throw LOGGER.evaluationException("failed to evaluate expression '" + parsed.text() + "': " + error.error());
		}
		if (value instanceof ValFatalError error) {
			throw LOGGER.evaluationException("failed to evaluate expression '" + parsed.text() + "': " + error.error());
		}
		return feelEngine.valueMapper().unpackVal(value);
	}

	private ParsedExpression parsed(Map<String, Parsed> cache, String text,
			Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parser) {
		Parsed parsed = cache.get(text);
		if (parsed == null) {
			parsed = Parsed.of(parser.apply(text), validator);
			if (cache.size() < MAX_CACHED) {
				cache.put(text, parsed);
			}
		}
		return parsed.expression();
	}

	/** A parse outcome: the expression, or the engine's message why the text is no FEEL. */
	private record Parsed(ParsedExpression parsed, String failure) {

		static Parsed of(Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> outcome,
				ExpressionValidator validator) {
			if (outcome instanceof Right<?, ?> right) {
				ParsedExpression parsed = (ParsedExpression) right.value();
				Option<org.camunda.feel.FeelEngine.Failure> invalid = validator.validateExpression(parsed.expression());
				if (invalid.isDefined()) {
					return new Parsed(null, "validation of expression '" + parsed.text() + "' failed: "
							+ invalid.get().message());
				}
				return new Parsed(parsed, null);
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
