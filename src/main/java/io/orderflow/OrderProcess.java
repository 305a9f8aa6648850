package io.orderflow;

/**
 * The names that Java code, the BPMN and DMN models in {@code bpmn/} and the tests share: per model its process
 * or decision keys, variables, messages, errors and element ids; the variables every model carries, and the
 * candidate groups, at the top. A model and the code that serves it meet here and nowhere else. How a delegate reads
 * them ({@code OrderProcess.orderId(execution)}, …) is inherited from {@link ProcessValues}.
 */
public final class OrderProcess extends ProcessValues {

	/** The variables every model carries. */
	public interface Variables {

		/** The id of the order record; the only thing about the order that travels in the process. */
		String ORDER_ID = "orderId";

		/** The order number, also the process business key. */
		String ORDER_NUMBER = "orderNumber";

		/** The fulfillment order a FulfillmentOrder instance (or a multi-instance element) is about. */
		String FULFILLMENT_ORDER_ID = "fulfillmentOrderId";

		/** The note a person adds to a decision; recorded on the timeline. */
		String DECISION_NOTE = "decisionNote";

	}

	/** The candidate groups of the user tasks, and Camunda's administrators. */
	public interface Groups {

		String INTEGRATORS = "integrators";

		String SERVICE_AGENTS = "service-agents";

		String SUPERVISORS = "supervisors";

		String FRAUD_ANALYSTS = "fraud-analysts";

		String WAREHOUSE = "warehouse";

		/** Camunda's own administrators' group: full access to the engine and the webapps. */
		String ADMINS = "camunda-admin";

	}

	/** The order lifecycle, {@code bpmn/order-lifecycle.bpmn}, and its risk policy. */
	public interface LifecycleProcess {

		/** Its process definition key. */
		String KEY = "OrderLifecycle";

		/** Decision key of the risk policy ({@code bpmn/risk-review.dmn}). */
		String RISK_REVIEW_DECISION = "RiskReview";

		interface Variables {

			/**
			 * An order submitted as JSON when an integrator starts the process through {@code /engine-rest};
			 * removed once the order is registered.
			 */
			String ORDER = "order";

			/** Why an order could not be registered: the list of invalid fields, as JSON. */
			String VALIDATION_ERRORS = "validationErrors";

			/**
			 * The fulfillment orders of the current allocation round ({@link OrderProcess#idList}), the collection of
			 * the multi-instance "Fulfill order at location" (and of a reshipment's).
			 */
			String FULFILLMENT_ORDER_IDS = "fulfillmentOrderIds";

			/** The fulfillment orders a backorder retry created ({@link OrderProcess#idList}). */
			String NEW_FULFILLMENT_ORDER_IDS = "newFulfillmentOrderIds";

			/** The fulfillment orders that took over a rejected one's lines ({@link OrderProcess#idList}). */
			String REROUTED_FULFILLMENT_ORDER_IDS = "reroutedFulfillmentOrderIds";

			/** Whether some lines found no location. */
			String BACKORDERED = "backordered";

			/** Whether the risk policy wants a fraud analyst to look at the order first. */
			String RISK_REVIEW_REQUIRED = "riskReviewRequired";

			/** Why the risk policy wants a review; set only then, for the analyst's form and the hold. */
			String RISK_REASON = "riskReason";

			/** Why the payment was declined (or the order refused at registration), set by the error's boundary event. */
			String ERROR_MESSAGE = "errorMessage";

			/** The fraud analyst's decision: APPROVE or REJECT. */
			String RISK_DECISION = "riskDecision";

			/** The service agent's decision on a backorder: KEEP_WAITING or CANCEL. */
			String BACKORDER_DECISION = "backorderDecision";

			/** Whether an agent holds the order (a manual hold), as "Check for a hold" found it before allocating. */
			String ORDER_HELD = "orderHeld";

		}

		interface Messages {

			/** Sent by an OrderCancellation that left nothing of an order in Capture: its Capture stops. */
			String ORDER_CANCELED_IN_CAPTURE = "Message_OrderCanceledInCapture";

			/** An agent released the order from a manual hold: the lifecycle goes on where it waited. */
			String ORDER_RELEASED_FROM_HOLD = "Message_OrderReleasedFromHold";

		}

		interface Errors {

			/** The order submitted to the process breaks a validation rule; nothing was stored. */
			String INVALID_ORDER = "Error_InvalidOrder";

			/** The order submitted to the process was already registered, by another process instance. */
			String DUPLICATE_ORDER = "Error_DuplicateOrder";

			/** The payment gateway declined the authorization (declined, insufficient funds). */
			String PAYMENT_DECLINED = "Error_PaymentDeclined";

			/** Capture ends without an approved order: payment declined or rejected in risk review. */
			String ORDER_REJECTED = "Error_OrderRejected";

		}

		interface Elements {

			String START_EVENT_ORDER_RECEIVED = "StartEvent_OrderReceived";

			/** The timer on "Resolve backorder" that retries allocation; made due at once when stock arrives. */
			String BOUNDARY_EVENT_RETRY_ALLOCATION = "BoundaryEvent_RetryAllocation";

			String TASK_REGISTER_ORDER = "Task_RegisterOrder";

			String END_EVENT_ORDER_INVALID = "EndEvent_OrderInvalid";

			String END_EVENT_DUPLICATE_ORDER = "EndEvent_DuplicateOrder";

			String SUB_PROCESS_CAPTURE = "SubProcess_Capture";

			String END_EVENT_ORDER_CANCELED_IN_CAPTURE = "EndEvent_OrderCanceledInCapture";

			String TASK_CHECK_ORDER_HOLD = "Task_CheckOrderHold";

			/** Where a held order waits for its release before it allocates. */
			String CATCH_EVENT_ORDER_RELEASED_FROM_HOLD = "CatchEvent_OrderReleasedFromHold";

			String TASK_AUTHORIZE_PAYMENT = "Task_AuthorizePayment";

			String USER_TASK_REVIEW_RISK = "UserTask_ReviewRisk";

			String END_EVENT_ORDER_REJECTED = "EndEvent_OrderRejected";

			String TASK_ALLOCATE_INVENTORY = "Task_AllocateInventory";

			String USER_TASK_RESOLVE_BACKORDER = "UserTask_ResolveBackorder";

			String BOUNDARY_EVENT_AUTHORIZATION_EXPIRING = "BoundaryEvent_AuthorizationExpiring";

			String END_EVENT_ORDER_COMPLETED = "EndEvent_OrderCompleted";

		}

	}

	/** One fulfillment order at one location, {@code bpmn/fulfillment-order.bpmn} ({@link DeliveryExceptionNames}). */
	public interface FulfillmentOrderProcess extends DeliveryExceptionNames {

		/** Its process definition key. */
		String KEY = "FulfillmentOrder";

		interface Variables extends DeliveryExceptionNames.Variables {

			/** What a location reported before the process waited for it: SHIPPED, REJECTED or PENDING. */
			String LOCATION_REPORT = "locationReport";

			/** Whether the carrier reported delivery before the process waited for it. */
			String DELIVERED = "delivered";

			/** Why a location rejected a fulfillment order. */
			String REJECTION_REASON = "rejectionReason";

		}

		interface Decisions extends DeliveryExceptionNames.Decisions {
		}

		interface Messages extends DeliveryExceptionNames.Messages {

			String FULFILLMENT_ORDER_SHIPPED = "Message_FulfillmentOrderShipped";

			String FULFILLMENT_ORDER_REJECTED = "Message_FulfillmentOrderRejected";

			String SHIPMENT_DELIVERED = "Message_ShipmentDelivered";

			/** A cancellation called a whole fulfillment order off before it shipped. */
			String FULFILLMENT_ORDER_CANCELED = "Message_FulfillmentOrderCanceled";

		}

		interface Elements extends DeliveryExceptionNames.Elements {

			String TASK_AWAIT_SHIPMENT = "Task_AwaitShipment";

			String TASK_AWAIT_DELIVERY = "Task_AwaitDelivery";

			String TASK_CAPTURE_PAYMENT = "Task_CapturePayment";

			String TASK_SHIP_FULFILLMENT_ORDER = "Task_ShipFulfillmentOrder";

			String END_EVENT_FULFILLMENT_ORDER_CANCELED = "EndEvent_FulfillmentOrderCanceled";

			String TASK_CAPTURE_PAYMENT_SKIPPED_FLOW = "Flow_FreeOfCharge";

		}

	}

	/** A cancellation, {@code bpmn/order-cancellation.bpmn}, and its auto-approval policy. */
	public interface CancellationProcess {

		/** Its process definition key. */
		String KEY = "OrderCancellation";

		/** Decision key of the cancellation auto-approval policy ({@code bpmn/cancellation-approval.dmn}). */
		String APPROVAL_DECISION = "CancellationApproval";

		interface Variables {

			/** The cancellation an OrderCancellation instance is about. */
			String CANCELLATION_ID = "cancellationId";

			/** Whether the cancellation policy lets a cancellation through without a service agent. */
			String CANCELLATION_AUTO_APPROVED = "cancellationAutoApproved";

			/** Why the cancellation policy decided as it did. */
			String CANCELLATION_APPROVAL_REASON = "cancellationApprovalReason";

			/** What the cancellation asks for, in words, for the review form. */
			String CANCELLATION_REQUEST = "cancellationRequest";

			/** The service agent's decision on a cancellation: APPROVE or REJECT. */
			String CANCELLATION_DECISION = "cancellationDecision";

			/** Start form of OrderCancellation in Tasklist: the order number. */
			String CANCELLATION_FORM_ORDER_NUMBER = "cancellationOrderNumber";

			/** Cancellation start form: the lines, "lineNumber:quantity, ...". */
			String CANCELLATION_FORM_LINES = "cancellationLines";

			/** Cancellation start form: the whole order (whatever has not shipped) instead of lines. */
			String CANCELLATION_FORM_WHOLE_ORDER = "cancellationWholeOrder";

			/** Cancellation start form: why. */
			String CANCELLATION_FORM_REASON = "cancellationReason";

			/** Cancellation start form: the agent's note, recorded on the order's timeline. */
			String CANCELLATION_FORM_NOTE = "cancellationNote";

			/** Whether the cancellation left nothing of an order still in Capture, whose Capture is stopped then. */
			String CAPTURE_TO_STOP = "captureToStop";

		}

		interface Elements {

			String USER_TASK_REVIEW_CANCELLATION = "UserTask_ReviewCancellation";

			String END_EVENT_CANCELLATION_COMPLETED = "EndEvent_CancellationCompleted";

			String END_EVENT_CANCELLATION_REJECTED = "EndEvent_CancellationRejected";

			String TASK_REGISTER_CANCELLATION = "Task_RegisterCancellation";

			String THROW_EVENT_ORDER_CANCELED_IN_CAPTURE = "ThrowEvent_OrderCanceledInCapture";

		}

	}

	/** A return order, {@code bpmn/order-return.bpmn}, and its eligibility and refund-fee policies. */
	public interface ReturnProcess {

		/** Its process definition key. */
		String KEY = "OrderReturn";

		/** Decision key of the return eligibility policy ({@code bpmn/return-eligibility.dmn}). */
		String ELIGIBILITY_DECISION = "ReturnEligibility";

		/** Decision key of the refund fee policy ({@code bpmn/refund-fee.dmn}). */
		String REFUND_FEE_DECISION = "RefundFee";

		interface Variables {

			/** The return order an OrderReturn instance is about. */
			String RETURN_ORDER_ID = "returnOrderId";

			/** The RMA number of the return order, e.g. RMA-OF-100001-1. */
			String RMA_NUMBER = "rmaNumber";

			/** Whether the eligibility policy lets the return go to a service agent. */
			String RETURN_ELIGIBLE = "returnEligible";

			/** Why the eligibility policy decided as it did. */
			String RETURN_ELIGIBILITY_REASON = "returnEligibilityReason";

			/** What the return asks for, in words, for the review and inspection forms. */
			String RETURN_REQUEST = "returnRequest";

			/** The service agent's decision on a return: APPROVE or REJECT. */
			String RETURN_DECISION = "returnDecision";

			/** Whether the receipt of the goods said per line how many units are resellable and damaged. */
			String RETURN_CONDITION_REPORTED = "returnConditionReported";

			/** The warehouse's finding: damaged units per line, "lineNumber:count, ..." (empty: all resellable). */
			String DAMAGED_UNITS = "damagedUnits";

			/** Start form of OrderReturn in Tasklist: the order number. */
			String RETURN_FORM_ORDER_NUMBER = "returnOrderNumber";

			/** Start form: the lines, "lineNumber:quantity, ...". */
			String RETURN_FORM_LINES = "returnLines";

			/** Start form: the reason for every line. */
			String RETURN_FORM_REASON = "returnReason";

		}

		interface Messages {

			/** Returns: the goods of a return order arrived at a location (RETURN_RECEIVED). */
			String RETURN_RECEIVED = "Message_ReturnReceived";

		}

		interface Elements {

			String USER_TASK_REVIEW_RETURN = "UserTask_ReviewReturn";

			String USER_TASK_INSPECT_RETURN = "UserTask_InspectReturn";

			String TASK_AWAIT_RETURNED_GOODS = "Task_AwaitReturnedGoods";

			String BOUNDARY_EVENT_RETURN_EXPIRED = "BoundaryEvent_ReturnExpired";

			String TASK_REFUND_RETURN = "Task_RefundReturn";

			String END_EVENT_RETURN_REFUNDED = "EndEvent_ReturnRefunded";

			String END_EVENT_RETURN_REJECTED = "EndEvent_ReturnRejected";

			String END_EVENT_RETURN_EXPIRED = "EndEvent_ReturnExpired";

		}

	}

	/** An adjustment (discount, appeasement), {@code bpmn/order-adjustment.bpmn}. */
	public interface AdjustmentProcess {

		/** Its process definition key. */
		String KEY = "OrderAdjustment";

		interface Variables {

			/** The adjustment an OrderAdjustment instance is about. */
			String ADJUSTMENT_ID = "adjustmentId";

			/** Whether the adjustment is above the approval threshold and needs a supervisor. */
			String ADJUSTMENT_APPROVAL_REQUIRED = "adjustmentApprovalRequired";

			/** Why the threshold decided as it did. */
			String ADJUSTMENT_APPROVAL_REASON = "adjustmentApprovalReason";

			/** What the adjustment asks for, in words, for the approval form. */
			String ADJUSTMENT_REQUEST = "adjustmentRequest";

			/** Who requested the adjustment; they cannot approve it themselves. */
			String ADJUSTMENT_REQUESTED_BY = "adjustmentRequestedBy";

			/** The supervisor's decision on an appeasement: APPROVE or REJECT. */
			String APPEASEMENT_DECISION = "appeasementDecision";

			/** Who decided on the appeasement (the user who completed "Approve appeasement"). */
			String APPEASEMENT_DECIDED_BY = "appeasementDecidedBy";

			/** Who started an OrderAdjustment instance from Tasklist (camunda:initiator of the start event). */
			String ADJUSTMENT_INITIATOR = "adjustmentInitiator";

			/** Start form: LINE or SHIPPING. */
			String ADJUSTMENT_TARGET = "adjustmentTarget";

			/** Start form: the line number, for a line. */
			String ADJUSTMENT_LINE_NUMBER = "adjustmentLineNumber";

			/** Start form: AMOUNT or PERCENTAGE. */
			String ADJUSTMENT_KIND = "adjustmentKind";

			/** Start form: the amount or the percentage, as text. */
			String ADJUSTMENT_VALUE = "adjustmentValue";

			/** Start form: why. */
			String ADJUSTMENT_REASON = "adjustmentReason";

		}

		interface Elements {

			String USER_TASK_APPROVE_APPEASEMENT = "UserTask_ApproveAppeasement";

			String TASK_REFUND_ADJUSTMENT = "Task_RefundAdjustment";

			String END_EVENT_ADJUSTMENT_REFUNDED = "EndEvent_AdjustmentRefunded";

			String END_EVENT_ADJUSTMENT_REJECTED = "EndEvent_AdjustmentRejected";

		}

	}

	/** A reshipment, {@code bpmn/order-reshipment.bpmn}. */
	public interface ReshipmentProcess {

		/** Its process definition key. */
		String KEY = "OrderReshipment";

		interface Variables {

			/** The reshipment an OrderReshipment instance is about. */
			String RESHIPMENT_ID = "reshipmentId";

			/** Whether some location took units of the reshipment (its fulfillment orders are in fulfillmentOrderIds). */
			String RESHIPMENT_ALLOCATED = "reshipmentAllocated";

			/** Start form of OrderReshipment in Tasklist: the order number. */
			String RESHIPMENT_FORM_ORDER_NUMBER = "reshipmentOrderNumber";

			/** Reshipment start form: the lines, "lineNumber:quantity, ...". */
			String RESHIPMENT_FORM_LINES = "reshipmentLines";

			/** Reshipment start form: why. */
			String RESHIPMENT_FORM_REASON = "reshipmentReason";

			/** Reshipment start form: the agent's note, recorded on the order's timeline. */
			String RESHIPMENT_FORM_NOTE = "reshipmentNote";

		}

		interface Elements {

			String START_EVENT_RESHIPMENT_REQUESTED = "StartEvent_ReshipmentRequested";

			String TASK_REGISTER_RESHIPMENT = "Task_RegisterReshipment";

			String TASK_ALLOCATE_RESHIPMENT = "Task_AllocateReshipment";

			String CALL_ACTIVITY_FULFILL_RESHIPMENT = "CallActivity_FulfillReshipment";

			String TASK_COMPLETE_RESHIPMENT = "Task_CompleteReshipment";

			String END_EVENT_RESHIPMENT_COMPLETED = "EndEvent_ReshipmentCompleted";

		}

	}

	/** One exchange of an order, {@code bpmn/order-exchange.bpmn}, and its reservation policy. */
	public interface ExchangeProcess extends ExchangeNames {
	}

	/** An agent's hold of an order, or its release, started in Tasklist, {@code bpmn/order-hold.bpmn}. */
	public interface HoldProcess extends HoldNames {
	}

	private OrderProcess() {
	}

}
