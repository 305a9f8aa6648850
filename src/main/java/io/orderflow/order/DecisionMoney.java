package io.orderflow.order;

import java.util.function.Function;

/**
 * What the decision on a user task would do to the order's money, in words for the task's form (the task-local
 * variable {@value #VARIABLE}, beside the order's money): for each choice the form offers, what would be refunded,
 * released of the payment authorization or charged, and what not. The module that carries the decision out knows
 * that, so it answers, as a bean computed from the order as it is with the code that later moves the money; the
 * order module knows none of them ({@link OrderContextForTask} writes the words onto the task when it is made and
 * again whenever its form is read). Never asked for a task of the warehouse, which is shown no money.
 */
public interface DecisionMoney {

	/** The task-local variable that holds the words, shown by the field {@code Field_decisionMoney} of the form. */
	String VARIABLE = "decisionMoney";

	/** The user task (its id in the model: the task definition key) whose decision this describes. */
	String taskDefinitionKey();

	/**
	 * @param order the task's order as it is now
	 * @param variable the task's variables by name (the ids its process carries: {@code cancellationId}, …)
	 * @return one paragraph per choice, each starting with the choice ("Approve: …")
	 */
	String describe(Order order, Function<String, Object> variable);

}
