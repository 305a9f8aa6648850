package io.orderflow.platform.engine;

import java.util.Map;

import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.JuelExpression;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ValueExpression;

import org.springframework.context.ApplicationContext;

/**
 * The engine's expression manager (Spring's, so BPMN expressions reach the beans as before), with one
 * difference: an expression evaluated without a variable scope — which in the engine is only ever a
 * query's ({@code AbstractQuery.evaluateExpressions}) — must be one of the few a Tasklist filter needs.
 * Whatever path a query took to get here, nothing else is evaluated for it.
 */
class GuardedExpressionManager extends SpringExpressionManager {

	GuardedExpressionManager(ApplicationContext applicationContext, Map<Object, Object> beans) {
		super(applicationContext, beans);
	}

	@Override
	public Expression createExpression(String expression) {
		return new ScopeCheckedExpression(createValueExpression(expression), this, expression);
	}

	private static final class ScopeCheckedExpression extends JuelExpression {

		ScopeCheckedExpression(ValueExpression valueExpression, JuelExpressionManager manager, String text) {
			super(valueExpression, manager, text);
		}

		@Override
		public Object getValue(VariableScope variableScope) {
			return getValue(variableScope, null);
		}

		@Override
		public Object getValue(VariableScope variableScope, BaseDelegateExecution contextExecution) {
			if (variableScope == null) {
				QueryExpressions.requireAllowedInQuery(expressionText);
			}
			return super.getValue(variableScope, contextExecution);
		}

	}

}
