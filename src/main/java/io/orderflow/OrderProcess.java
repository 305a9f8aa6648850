package io.orderflow;

/**
 * The names that Java code, the BPMN models in {@code bpmn/} and the tests share: process keys,
 * variables, messages and errors. A model and the code that serves it meet here and nowhere else.
 */
public final class OrderProcess {

	/** Process definition key of the order lifecycle ({@code bpmn/order-lifecycle.bpmn}). */
	public static final String PROCESS_KEY = "OrderLifecycle";

	public static final class Variables {

		/** The id of the order record; the only thing about the order that travels in the process. */
		public static final String ORDER_ID = "orderId";

		/** The order number, also the process business key. */
		public static final String ORDER_NUMBER = "orderNumber";

		/**
		 * An order submitted as JSON when an integrator starts the process through {@code /engine-rest};
		 * removed once the order is registered.
		 */
		public static final String ORDER = "order";

		/** Why an order could not be registered: the list of invalid fields, as JSON. */
		public static final String VALIDATION_ERRORS = "validationErrors";

		private Variables() {
		}

	}

	/** Candidate groups (BPMN) and the groups that guard the REST APIs. */
	public static final class Groups {

		public static final String INTEGRATORS = "integrators";

		public static final String SERVICE_AGENTS = "service-agents";

		public static final String SUPERVISORS = "supervisors";

		public static final String FRAUD_ANALYSTS = "fraud-analysts";

		public static final String WAREHOUSE = "warehouse";

		/** Camunda's own administrators' group: full access to the engine and the webapps. */
		public static final String ADMINS = "camunda-admin";

		private Groups() {
		}

	}

	public static final class Errors {

		/** The order submitted to the process breaks a validation rule; nothing was stored. */
		public static final String INVALID_ORDER = "Error_InvalidOrder";

		/** The order submitted to the process was already registered, by another process instance. */
		public static final String DUPLICATE_ORDER = "Error_DuplicateOrder";

		private Errors() {
		}

	}

	public static final class Elements {

		public static final String START_EVENT_ORDER_RECEIVED = "StartEvent_OrderReceived";

		public static final String TASK_REGISTER_ORDER = "Task_RegisterOrder";

		public static final String END_EVENT_ORDER_INVALID = "EndEvent_OrderInvalid";

		public static final String END_EVENT_DUPLICATE_ORDER = "EndEvent_DuplicateOrder";

		public static final String TASK_AWAIT_FULFILLMENT = "Task_AwaitFulfillment";

		private Elements() {
		}

	}

	private OrderProcess() {
	}

}
