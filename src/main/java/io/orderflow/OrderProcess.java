package io.orderflow;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The names that Java code, the BPMN models in {@code bpmn/} and the tests share: process keys,
 * variables, messages and errors. A model and the code that serves it meet here and nowhere else.
 */
public final class OrderProcess {

	/** Process definition key of the order lifecycle ({@code bpmn/order-lifecycle.bpmn}). */
	public static final String PROCESS_KEY = "OrderLifecycle";

	/** Process definition key of one fulfillment order ({@code bpmn/fulfillment-order.bpmn}). */
	public static final String FULFILLMENT_PROCESS_KEY = "FulfillmentOrder";

	/** Decision key of the risk policy ({@code bpmn/risk-review.dmn}). */
	public static final String RISK_REVIEW_DECISION = "RiskReview";

	/** Process definition key of one cancellation request ({@code bpmn/order-cancellation.bpmn}). */
	public static final String CANCELLATION_PROCESS_KEY = "OrderCancellation";

	/** Decision key of the cancellation auto-approval policy ({@code bpmn/cancellation-approval.dmn}). */
	public static final String CANCELLATION_APPROVAL_DECISION = "CancellationApproval";

	// --- Returns ---------------------------------------------------------------------------------

	/** Process definition key of one return order ({@code bpmn/order-return.bpmn}). */
	public static final String RETURN_PROCESS_KEY = "OrderReturn";

	/** Decision key of the return eligibility policy ({@code bpmn/return-eligibility.dmn}). */
	public static final String RETURN_ELIGIBILITY_DECISION = "ReturnEligibility";

	/** Decision key of the refund fee policy ({@code bpmn/refund-fee.dmn}). */
	public static final String REFUND_FEE_DECISION = "RefundFee";

	// --- end of returns ----------------------------------------------------------------------------
	// --- Reshipments ---------------------------------------------------------------------------

	/** Process definition key of one reshipment ({@code bpmn/order-reshipment.bpmn}). */
	public static final String RESHIPMENT_PROCESS_KEY = "OrderReshipment";

	// --- end of Reshipments --------------------------------------------------------------------
	// --- Adjustments ---

	/** Process definition key of one adjustment (discount, appeasement) ({@code bpmn/order-adjustment.bpmn}). */
	public static final String ADJUSTMENT_PROCESS_KEY = "OrderAdjustment";

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

		/** The fulfillment orders of the current allocation round (a list of ids). */
		public static final String FULFILLMENT_ORDER_IDS = "fulfillmentOrderIds";

		/** The fulfillment orders a backorder retry created. */
		public static final String NEW_FULFILLMENT_ORDER_IDS = "newFulfillmentOrderIds";

		/** The fulfillment orders that took over a rejected one's lines. */
		public static final String REROUTED_FULFILLMENT_ORDER_IDS = "reroutedFulfillmentOrderIds";

		/** The fulfillment order a FulfillmentOrder instance (or a multi-instance element) is about. */
		public static final String FULFILLMENT_ORDER_ID = "fulfillmentOrderId";

		/** Whether some lines found no location. */
		public static final String BACKORDERED = "backordered";

		public static final String RISK_REVIEW_REQUIRED = "riskReviewRequired";

		public static final String RISK_REASON = "riskReason";

		/** The fraud analyst's decision: APPROVE or REJECT. */
		public static final String RISK_DECISION = "riskDecision";

		/** The service agent's decision on a backorder: KEEP_WAITING or CANCEL. */
		public static final String BACKORDER_DECISION = "backorderDecision";

		/** The note a person adds to a decision; recorded on the timeline. */
		public static final String DECISION_NOTE = "decisionNote";

		/** What a location reported before the process waited for it: SHIPPED, REJECTED or PENDING. */
		public static final String LOCATION_REPORT = "locationReport";

		/** Whether the carrier reported delivery before the process waited for it. */
		public static final String DELIVERED = "delivered";

		/** The cancellation an OrderCancellation instance is about. */
		public static final String CANCELLATION_ID = "cancellationId";

		/** Whether the cancellation policy lets a cancellation through without a service agent. */
		public static final String CANCELLATION_AUTO_APPROVED = "cancellationAutoApproved";

		/** Why the cancellation policy decided as it did. */
		public static final String CANCELLATION_APPROVAL_REASON = "cancellationApprovalReason";

		/** What the cancellation asks for, in words, for the review form. */
		public static final String CANCELLATION_REQUEST = "cancellationRequest";

		/** The service agent's decision on a cancellation: APPROVE or REJECT. */
		public static final String CANCELLATION_DECISION = "cancellationDecision";

		/** Start form of OrderCancellation in Tasklist: the order number. */
		public static final String CANCELLATION_FORM_ORDER_NUMBER = "cancellationOrderNumber";

		/** Cancellation start form: the lines, "lineNumber:quantity, ...". */
		public static final String CANCELLATION_FORM_LINES = "cancellationLines";

		/** Cancellation start form: the whole order (whatever has not shipped) instead of lines. */
		public static final String CANCELLATION_FORM_WHOLE_ORDER = "cancellationWholeOrder";

		/** Cancellation start form: why. */
		public static final String CANCELLATION_FORM_REASON = "cancellationReason";

		/** Cancellation start form: the agent's note, recorded on the order's timeline. */
		public static final String CANCELLATION_FORM_NOTE = "cancellationNote";

		/** Why a location rejected a fulfillment order. */
		public static final String REJECTION_REASON = "rejectionReason";

		// --- Returns -----------------------------------------------------------------------------

		/** The return order an OrderReturn instance is about. */
		public static final String RETURN_ORDER_ID = "returnOrderId";

		/** The RMA number of the return order, e.g. RMA-OF-100001-1. */
		public static final String RMA_NUMBER = "rmaNumber";

		/** Whether the eligibility policy lets the return go to a service agent. */
		public static final String RETURN_ELIGIBLE = "returnEligible";

		/** Why the eligibility policy decided as it did. */
		public static final String RETURN_ELIGIBILITY_REASON = "returnEligibilityReason";

		/** What the return asks for, in words, for the review and inspection forms. */
		public static final String RETURN_REQUEST = "returnRequest";

		/** The service agent's decision on a return: APPROVE or REJECT. */
		public static final String RETURN_DECISION = "returnDecision";

		/** Whether the receipt of the goods said per line how many units are resellable and damaged. */
		public static final String RETURN_CONDITION_REPORTED = "returnConditionReported";

		/** The warehouse's finding: damaged units per line, "lineNumber:count, ..." (empty: all resellable). */
		public static final String DAMAGED_UNITS = "damagedUnits";

		/** Start form of OrderReturn in Tasklist: the order number. */
		public static final String RETURN_FORM_ORDER_NUMBER = "returnOrderNumber";

		/** Start form: the lines, "lineNumber:quantity, ...". */
		public static final String RETURN_FORM_LINES = "returnLines";

		/** Start form: the reason for every line. */
		public static final String RETURN_FORM_REASON = "returnReason";

		// --- end of returns ------------------------------------------------------------------------
		// --- Reshipments -----------------------------------------------------------------------

		/** The reshipment an OrderReshipment instance is about. */
		public static final String RESHIPMENT_ID = "reshipmentId";

		/** Whether some location took units of the reshipment (its fulfillment orders are in fulfillmentOrderIds). */
		public static final String RESHIPMENT_ALLOCATED = "reshipmentAllocated";

		/** Start form of OrderReshipment in Tasklist: the order number. */
		public static final String RESHIPMENT_FORM_ORDER_NUMBER = "reshipmentOrderNumber";

		/** Reshipment start form: the lines, "lineNumber:quantity, ...". */
		public static final String RESHIPMENT_FORM_LINES = "reshipmentLines";

		/** Reshipment start form: why. */
		public static final String RESHIPMENT_FORM_REASON = "reshipmentReason";

		/** Reshipment start form: the agent's note, recorded on the order's timeline. */
		public static final String RESHIPMENT_FORM_NOTE = "reshipmentNote";

		// --- end of Reshipments ----------------------------------------------------------------
		// --- Adjustments ---

		/** The adjustment an OrderAdjustment instance is about. */
		public static final String ADJUSTMENT_ID = "adjustmentId";

		/** Whether the adjustment is above the approval threshold and needs a supervisor. */
		public static final String ADJUSTMENT_APPROVAL_REQUIRED = "adjustmentApprovalRequired";

		/** Why the threshold decided as it did. */
		public static final String ADJUSTMENT_APPROVAL_REASON = "adjustmentApprovalReason";

		/** What the adjustment asks for, in words, for the approval form. */
		public static final String ADJUSTMENT_REQUEST = "adjustmentRequest";

		/** Who requested the adjustment; they cannot approve it themselves. */
		public static final String ADJUSTMENT_REQUESTED_BY = "adjustmentRequestedBy";

		/** The supervisor's decision on an appeasement: APPROVE or REJECT. */
		public static final String APPEASEMENT_DECISION = "appeasementDecision";

		/** Who decided on the appeasement (the user who completed "Approve appeasement"). */
		public static final String APPEASEMENT_DECIDED_BY = "appeasementDecidedBy";

		/** Who started an OrderAdjustment instance from Tasklist (camunda:initiator of the start event). */
		public static final String ADJUSTMENT_INITIATOR = "adjustmentInitiator";

		/** Start form: LINE or SHIPPING. */
		public static final String ADJUSTMENT_TARGET = "adjustmentTarget";

		/** Start form: the line number, for a line. */
		public static final String ADJUSTMENT_LINE_NUMBER = "adjustmentLineNumber";

		/** Start form: AMOUNT or PERCENTAGE. */
		public static final String ADJUSTMENT_KIND = "adjustmentKind";

		/** Start form: the amount or the percentage, as text. */
		public static final String ADJUSTMENT_VALUE = "adjustmentValue";

		/** Start form: why. */
		public static final String ADJUSTMENT_REASON = "adjustmentReason";

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

	/** Messages correlated by the event endpoints; their names equal their BPMN ids. */
	public static final class Messages {

		public static final String FULFILLMENT_ORDER_SHIPPED = "Message_FulfillmentOrderShipped";

		public static final String FULFILLMENT_ORDER_REJECTED = "Message_FulfillmentOrderRejected";

		public static final String SHIPMENT_DELIVERED = "Message_ShipmentDelivered";

		/** A cancellation called a whole fulfillment order off before it shipped. */
		public static final String FULFILLMENT_ORDER_CANCELED = "Message_FulfillmentOrderCanceled";

		/** Returns: the goods of a return order arrived at a location (RETURN_RECEIVED). */
		public static final String RETURN_RECEIVED = "Message_ReturnReceived";

		private Messages() {
		}

	}

	public static final class Errors {

		/** The order submitted to the process breaks a validation rule; nothing was stored. */
		public static final String INVALID_ORDER = "Error_InvalidOrder";

		/** The order submitted to the process was already registered, by another process instance. */
		public static final String DUPLICATE_ORDER = "Error_DuplicateOrder";

		/** The payment gateway declined the authorization (declined, insufficient funds). */
		public static final String PAYMENT_DECLINED = "Error_PaymentDeclined";

		/** Capture ends without an approved order: payment declined or rejected in risk review. */
		public static final String ORDER_REJECTED = "Error_OrderRejected";

		// --- Adjustments ---

		private Errors() {
		}

	}

	public static final class Elements {

		public static final String START_EVENT_ORDER_RECEIVED = "StartEvent_OrderReceived";

		public static final String TASK_REGISTER_ORDER = "Task_RegisterOrder";

		public static final String END_EVENT_ORDER_INVALID = "EndEvent_OrderInvalid";

		public static final String END_EVENT_DUPLICATE_ORDER = "EndEvent_DuplicateOrder";

		public static final String SUB_PROCESS_CAPTURE = "SubProcess_Capture";

		public static final String TASK_AUTHORIZE_PAYMENT = "Task_AuthorizePayment";

		public static final String USER_TASK_REVIEW_RISK = "UserTask_ReviewRisk";

		public static final String END_EVENT_ORDER_REJECTED = "EndEvent_OrderRejected";

		public static final String TASK_ALLOCATE_INVENTORY = "Task_AllocateInventory";

		public static final String USER_TASK_RESOLVE_BACKORDER = "UserTask_ResolveBackorder";

		public static final String BOUNDARY_EVENT_AUTHORIZATION_EXPIRING = "BoundaryEvent_AuthorizationExpiring";

		public static final String END_EVENT_ORDER_COMPLETED = "EndEvent_OrderCompleted";

		public static final String TASK_AWAIT_SHIPMENT = "Task_AwaitShipment";

		public static final String TASK_AWAIT_DELIVERY = "Task_AwaitDelivery";

		public static final String TASK_CAPTURE_PAYMENT = "Task_CapturePayment";

		public static final String TASK_SHIP_FULFILLMENT_ORDER = "Task_ShipFulfillmentOrder";

		public static final String END_EVENT_FULFILLMENT_ORDER_CANCELED = "EndEvent_FulfillmentOrderCanceled";

		public static final String USER_TASK_REVIEW_CANCELLATION = "UserTask_ReviewCancellation";

		public static final String END_EVENT_CANCELLATION_COMPLETED = "EndEvent_CancellationCompleted";

		public static final String END_EVENT_CANCELLATION_REJECTED = "EndEvent_CancellationRejected";

		public static final String TASK_REGISTER_CANCELLATION = "Task_RegisterCancellation";

		// --- Returns -----------------------------------------------------------------------------

		public static final String USER_TASK_REVIEW_RETURN = "UserTask_ReviewReturn";

		public static final String USER_TASK_INSPECT_RETURN = "UserTask_InspectReturn";

		public static final String TASK_AWAIT_RETURNED_GOODS = "Task_AwaitReturnedGoods";

		public static final String BOUNDARY_EVENT_RETURN_EXPIRED = "BoundaryEvent_ReturnExpired";

		public static final String TASK_REFUND_RETURN = "Task_RefundReturn";

		public static final String END_EVENT_RETURN_REFUNDED = "EndEvent_ReturnRefunded";

		public static final String END_EVENT_RETURN_REJECTED = "EndEvent_ReturnRejected";

		public static final String END_EVENT_RETURN_EXPIRED = "EndEvent_ReturnExpired";

		// --- end of returns ------------------------------------------------------------------------
		// --- Reshipments -----------------------------------------------------------------------

		public static final String START_EVENT_RESHIPMENT_REQUESTED = "StartEvent_ReshipmentRequested";

		public static final String TASK_REGISTER_RESHIPMENT = "Task_RegisterReshipment";

		public static final String TASK_ALLOCATE_RESHIPMENT = "Task_AllocateReshipment";

		public static final String CALL_ACTIVITY_FULFILL_RESHIPMENT = "CallActivity_FulfillReshipment";

		public static final String TASK_COMPLETE_RESHIPMENT = "Task_CompleteReshipment";

		public static final String END_EVENT_RESHIPMENT_COMPLETED = "EndEvent_ReshipmentCompleted";

		public static final String TASK_CAPTURE_PAYMENT_SKIPPED_FLOW = "Flow_FreeOfCharge";

		// --- end of Reshipments ----------------------------------------------------------------
		// --- Adjustments ---

		public static final String USER_TASK_APPROVE_APPEASEMENT = "UserTask_ApproveAppeasement";

		public static final String TASK_REFUND_ADJUSTMENT = "Task_RefundAdjustment";

		public static final String END_EVENT_ADJUSTMENT_REFUNDED = "EndEvent_AdjustmentRefunded";

		public static final String END_EVENT_ADJUSTMENT_REJECTED = "EndEvent_AdjustmentRejected";

		private Elements() {
		}

	}

	/** The order a process instance (or a task of it) is about. */
	public static UUID orderId(VariableScope scope) {
		return UUID.fromString((String) scope.getVariable(Variables.ORDER_ID));
	}

	/** The fulfillment order a FulfillmentOrder instance is about. */
	public static UUID fulfillmentOrderId(VariableScope scope) {
		return UUID.fromString((String) scope.getVariable(Variables.FULFILLMENT_ORDER_ID));
	}

	private OrderProcess() {
	}

}
