package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.ModelChecker.Check;
import io.orderflow.ModelChecker.ModelFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * {@link ModelChecker} finds each kind of violation and names the file and the element: small models and
 * forms, broken one way each, in a temporary project root. Starts from a model and a form that pass every
 * check, so that each broken variant differs from a passing one by the one thing it breaks.
 */
class ModelFilesCheckerTest {

	static final String MODEL = "bpmn/order.bpmn";

	static final String FORM = "forms/review-order.form";

	/** Passes every check; the tests below break it one way each. */
	static final String VALID_MODEL = definitions("""
			  <bpmn:error id="Error_InvalidOrder" name="Invalid order" errorCode="Error_InvalidOrder" />
			  <bpmn:error id="Error_OrderRefused" name="Order refused" errorCode="Error_OrderRefused" />
			  <bpmn:message id="Message_PaymentReceived" name="PaymentReceived" />
			  <bpmn:message id="Message_ShipmentDelivered" name="ShipmentDelivered" />
			  <bpmn:process id="OrderTest" name="Order test" isExecutable="true" camunda:historyTimeToLive="P30D">
			    <bpmn:startEvent id="StartEvent_OrderReceived" name="Order received" />
			    <bpmn:serviceTask id="Task_RegisterOrder" name="Register order" camunda:delegateExpression="${registerOrder}" />
			    <bpmn:boundaryEvent id="BoundaryEvent_OrderInvalid" name="Order invalid" attachedToRef="Task_RegisterOrder">
			      <bpmn:errorEventDefinition id="ErrorEventDefinition_OrderInvalid" errorRef="Error_InvalidOrder" />
			    </bpmn:boundaryEvent>
			    <bpmn:endEvent id="EndEvent_OrderRefused" name="Order refused">
			      <bpmn:errorEventDefinition id="ErrorEventDefinition_OrderRefused" errorRef="Error_OrderRefused" />
			    </bpmn:endEvent>
			    <bpmn:userTask id="Task_ReviewOrder" name="Review order" camunda:formRef="review-order" camunda:formRefBinding="deployment" />
			    <bpmn:intermediateCatchEvent id="Event_PaymentReceived" name="Payment received">
			      <bpmn:messageEventDefinition id="MessageEventDefinition_PaymentReceived" messageRef="Message_PaymentReceived" />
			    </bpmn:intermediateCatchEvent>
			    <bpmn:receiveTask id="Task_AwaitDelivery" name="Await delivery" messageRef="Message_ShipmentDelivered" />
			    <bpmn:endEvent id="EndEvent_OrderCompleted" name="Order completed" />
			    <bpmn:sequenceFlow id="Flow_ToRegisterOrder" sourceRef="StartEvent_OrderReceived" targetRef="Task_RegisterOrder" />
			    <bpmn:sequenceFlow id="Flow_ToReviewOrder" sourceRef="Task_RegisterOrder" targetRef="Task_ReviewOrder" />
			    <bpmn:sequenceFlow id="Flow_ToPaymentReceived" sourceRef="Task_ReviewOrder" targetRef="Event_PaymentReceived" />
			    <bpmn:sequenceFlow id="Flow_ToAwaitDelivery" sourceRef="Event_PaymentReceived" targetRef="Task_AwaitDelivery" />
			    <bpmn:sequenceFlow id="Flow_ToOrderCompleted" sourceRef="Task_AwaitDelivery" targetRef="EndEvent_OrderCompleted" />
			    <bpmn:sequenceFlow id="Flow_ToOrderRefused" sourceRef="BoundaryEvent_OrderInvalid" targetRef="EndEvent_OrderRefused" />
			  </bpmn:process>
			""" + diagram("OrderTest", "StartEvent_OrderReceived", "Task_RegisterOrder", "BoundaryEvent_OrderInvalid",
			"EndEvent_OrderRefused", "Task_ReviewOrder", "Event_PaymentReceived", "Task_AwaitDelivery",
			"EndEvent_OrderCompleted", "Flow_ToRegisterOrder", "Flow_ToReviewOrder", "Flow_ToPaymentReceived",
			"Flow_ToAwaitDelivery", "Flow_ToOrderCompleted", "Flow_ToOrderRefused"));

	static final String VALID_FORM = """
			{
			  "id": "review-order",
			  "type": "default",
			  "schemaVersion": 16,
			  "components": [ { "type": "text", "id": "Text_Intro", "text": "Review the order" },
			                  { "type": "text", "id": "Text_Console", "text": "[Open it](/console/orders/{{orderNumber}})" } ]
			}
			""";

	static final String VALID_DECISION = """
			<?xml version="1.0" encoding="UTF-8"?>
			<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
			             xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
			             xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/"
			             xmlns:camunda="http://camunda.org/schema/1.0/dmn"
			             id="Definitions_RiskReview" name="Risk review" namespace="http://camunda.org/schema/1.0/dmn">
			  <decision id="RiskReview" name="Risk review" camunda:historyTimeToLive="180">
			    <decisionTable id="DecisionTable_RiskReview">
			      <input id="Input_Total" label="Order total">
			        <inputExpression id="InputExpression_Total" typeRef="double"><text>total</text></inputExpression>
			      </input>
			      <output id="Output_Review" name="review" typeRef="boolean" />
			      <rule id="Rule_LargeOrder">
			        <inputEntry id="UnaryTests_LargeOrder"><text>&gt; 1000</text></inputEntry>
			        <outputEntry id="LiteralExpression_LargeOrder"><text>true</text></outputEntry>
			      </rule>
			    </decisionTable>
			  </decision>
			  <dmndi:DMNDI>
			    <dmndi:DMNDiagram id="DMNDiagram_RiskReview">
			      <dmndi:DMNShape id="DMNShape_RiskReview" dmnElementRef="RiskReview">
			        <dc:Bounds height="80" width="180" x="160" y="100" />
			      </dmndi:DMNShape>
			    </dmndi:DMNDiagram>
			  </dmndi:DMNDI>
			</definitions>
			""";

	static final String CONSTANTS = """
			package io.orderflow;

			public final class OrderProcess {
				public static final class Errors {
					public static final String INVALID_ORDER = "Error_InvalidOrder";
					public static final String ORDER_REFUSED = "Error_OrderRefused";
				}
			}
			""";

	static final String SENDER = """
			package io.orderflow.delivery;

			class Senders {
				void send(org.camunda.bpm.engine.RuntimeService runtime) {
					runtime.correlateMessage("PaymentReceived");
					runtime.correlateMessage("ShipmentDelivered");
				}
			}
			""";

	@TempDir
	Path root;

	@BeforeEach
	void aProjectWhoseModelsPassEveryCheck() {
		write(MODEL, VALID_MODEL);
		write(FORM, VALID_FORM);
		write(ModelChecker.CONSTANTS, CONSTANTS);
		write("src/main/java/io/orderflow/delivery/Senders.java", SENDER);
	}

	@Test
	void aValidModelFormAndDecisionPassEveryCheck() {
		write("bpmn/risk-review.dmn", VALID_DECISION);

		ModelChecker checker = checker();

		assertThat(checker.files()).extracting(ModelFile::name)
			.containsExactly("bpmn/order.bpmn", "bpmn/risk-review.dmn", FORM);
		for (ModelFile file : checker.files()) {
			for (Check check : checker.checks(file)) {
				assertThat(check.run()).as(file + ": " + check.name()).isEmpty();
			}
		}
		assertThat(checker.executableProcessIds()).containsExactly("OrderTest");
		assertThat(checker.formRefs()).containsExactly("review-order");
	}

	@Test
	void noFormsAndNoFormsFolderIsFine() throws IOException {
		write(MODEL, VALID_MODEL.replace(" camunda:formRef=\"review-order\" camunda:formRefBinding=\"deployment\"", "")
			.replace("bpmn:userTask", "bpmn:manualTask"));
		Files.delete(root.resolve(FORM));
		Files.delete(root.resolve(ModelChecker.FORMS_DIR));

		assertThat(checker().files()).extracting(ModelFile::name).containsExactly(MODEL);
		assertThat(checker().violations()).isEmpty();
	}

	@Test
	void noFoldersAtAllMeansNoFiles(@TempDir Path empty) {
		assertThat(new ModelChecker(empty, name -> true).files()).isEmpty();
	}

	@Test
	void allViolationsOfAFileAreReportedInOneFailure() {
		write(MODEL, VALID_MODEL.replace("${registerOrder}", "${chargeCard}")
			.replace(" name=\"Review order\"", "")
			.replace("camunda:historyTimeToLive=\"P30D\"", ""));

		List<String> violations = violations(MODEL);

		assertThat(violations).containsExactlyInAnyOrder(
				"bpmn/order.bpmn: Task_RegisterOrder (serviceTask): delegateExpression ${chargeCard} names no Spring bean",
				"bpmn/order.bpmn: Task_ReviewOrder (userTask): has no name",
				"bpmn/order.bpmn: OrderTest (process): executable process has no camunda:historyTimeToLive");
		assertThatThrownBy(() -> ModelChecker.assertNoViolations(MODEL, violations))
			.isInstanceOf(AssertionFailedError.class)
			.hasMessageContaining("3 violation(s)")
			.hasMessageContaining("${chargeCard} names no Spring bean")
			.hasMessageContaining("Task_ReviewOrder (userTask): has no name")
			.hasMessageContaining("OrderTest (process): executable process has no camunda:historyTimeToLive");
	}

	@Nested
	class Parsing {

		@Test
		void xmlThatIsNotWellFormed() {
			write(MODEL, VALID_MODEL.replace("<bpmn:startEvent id", "<bpmn:startEvent <id"));

			assertThat(violations(MODEL)).singleElement()
				.asString()
				.startsWith("bpmn/order.bpmn: does not parse as BPMN: ")
				.containsIgnoringCase("line");
		}

		@Test
		void bpmnThatBreaksTheSchema() {
			write(MODEL, VALID_MODEL.replace("<bpmn:endEvent id=\"EndEvent_OrderCompleted\" name=\"Order completed\" />",
					"<bpmn:endEvent id=\"EndEvent_OrderCompleted\" name=\"Order completed\"><bpmn:bogus /></bpmn:endEvent>"));

			assertThat(violations(MODEL)).singleElement()
				.asString()
				.startsWith("bpmn/order.bpmn: does not parse as BPMN: ")
				.contains("bogus");
		}

		@Test
		void checksThatNeedTheModelDoNotRunWhenItDoesNotParse() {
			write(MODEL, "not xml");
			ModelChecker checker = checker();
			List<Check> checks = checker.checks(file(checker, MODEL));

			assertThat(checks.get(0).run()).singleElement().asString().startsWith(MODEL + ": does not parse");
			assertThatThrownBy(() -> checks.get(1).run()).isInstanceOf(TestAbortedException.class);
		}

		@Test
		void dmnThatDoesNotParse() {
			write("bpmn/risk-review.dmn", VALID_DECISION.replace("</decision>", ""));

			assertThat(violations("bpmn/risk-review.dmn")).singleElement()
				.asString()
				.startsWith("bpmn/risk-review.dmn: does not parse as DMN: ");
		}

		@Test
		void aFileTheEngineWouldNotDeploy() {
			write("bpmn/order.bpmn2", VALID_MODEL);
			write("forms/review-order.json", VALID_FORM);

			assertThat(violations("bpmn/order.bpmn2")).singleElement()
				.asString()
				.startsWith("bpmn/order.bpmn2: the engine deploys only *.bpmn and *.dmn");
			assertThat(violations("forms/review-order.json")).hasSize(1);
			assertThat(checker().deployableFiles()).extracting(ModelFile::name).containsExactly(MODEL, FORM);
		}

	}

	@Nested
	class Delegates {

		@Test
		void aDelegateExpressionThatNamesNoBean() {
			write(MODEL, VALID_MODEL.replace("${registerOrder}", "${chargeCard}"));

			assertThat(violations(MODEL)).containsExactly(
					"bpmn/order.bpmn: Task_RegisterOrder (serviceTask): delegateExpression ${chargeCard} names no Spring bean");
		}

		@Test
		void aDelegateExpressionThatIsNotJustABeanName() {
			write(MODEL, VALID_MODEL.replace("${registerOrder}", "${registerOrder.execute(execution)}"));

			assertThat(violations(MODEL)).containsExactly("bpmn/order.bpmn: Task_RegisterOrder (serviceTask): "
					+ "delegateExpression ${registerOrder.execute(execution)} is not of the form ${beanName}");
		}

		@Test
		void aListenerDelegateExpressionThatNamesNoBean() {
			write(MODEL, VALID_MODEL.replace(
					"<bpmn:endEvent id=\"EndEvent_OrderCompleted\" name=\"Order completed\" />",
					"""
							<bpmn:endEvent id="EndEvent_OrderCompleted" name="Order completed">
							  <bpmn:extensionElements>
							    <camunda:executionListener delegateExpression="${notifyCustomer}" event="end" />
							  </bpmn:extensionElements>
							</bpmn:endEvent>"""));

			assertThat(violations(MODEL)).containsExactly("bpmn/order.bpmn: EndEvent_OrderCompleted (endEvent): "
					+ "executionListener delegateExpression ${notifyCustomer} names no Spring bean");
		}

		@Test
		void serviceTasksWithClassOrExpressionOrNothing() {
			write(MODEL, VALID_MODEL
				.replace("camunda:delegateExpression=\"${registerOrder}\"",
						"camunda:class=\"io.orderflow.capture.RegisterOrderDelegate\"")
				.replace("<bpmn:receiveTask id=\"Task_AwaitDelivery\" name=\"Await delivery\" messageRef=\"Message_ShipmentDelivered\" />",
						"<bpmn:serviceTask id=\"Task_AwaitDelivery\" name=\"Await delivery\" camunda:expression=\"${orders.wait(execution)}\" />")
				.replace("<bpmn:endEvent id=\"EndEvent_OrderCompleted\" name=\"Order completed\" />",
						"<bpmn:sendTask id=\"EndEvent_OrderCompleted\" name=\"Order completed\" />"));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Task_RegisterOrder (serviceTask): uses camunda:class=\"io.orderflow.capture."
							+ "RegisterOrderDelegate\"; our convention is camunda:delegateExpression=\"${beanName}\"",
					"bpmn/order.bpmn: Task_AwaitDelivery (serviceTask): uses camunda:expression=\"${orders.wait("
							+ "execution)}\"; our convention is camunda:delegateExpression=\"${beanName}\"",
					"bpmn/order.bpmn: EndEvent_OrderCompleted (sendTask): has no camunda:delegateExpression=\"${beanName}\"");
		}

	}

	@Nested
	class Forms {

		@Test
		void aFormRefThatNamesNoFormAndAWrongBinding() {
			write(MODEL, VALID_MODEL.replace("camunda:formRef=\"review-order\" camunda:formRefBinding=\"deployment\"",
					"camunda:formRef=\"approve-order\" camunda:formRefBinding=\"latest\""));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Task_ReviewOrder (userTask): camunda:formRef \"approve-order\" names no form in forms/ (form ids: review-order)",
					"bpmn/order.bpmn: Task_ReviewOrder (userTask): camunda:formRefBinding is \"latest\"; it must be \"deployment\"");
		}

		@Test
		void aUserTaskFormWithoutALinkToTheOrdersConsolePage() {
			write("forms/review-order.form", VALID_FORM.replace("/console/orders/{{orderNumber}}", "/console/orders"));

			assertThat(violations(MODEL)).containsExactly("bpmn/order.bpmn: Task_ReviewOrder (userTask): its form "
					+ "forms/review-order.form has no text with a link \"](/console/orders/{{orderNumber}})\" to the "
					+ "order's page in the console");
		}

		@Test
		void aWarehouseTaskWhoseFormShowsMoneyOrTheCustomersEmail() {
			write(MODEL, VALID_MODEL.replace("camunda:formRef=\"review-order\"",
					"camunda:candidateGroups=\"warehouse\" camunda:formRef=\"review-order\""));
			write(FORM, VALID_FORM.replace("{ \"type\": \"text\", \"id\": \"Text_Intro\", \"text\": \"Review the order\" },",
					"{ \"type\": \"text\", \"id\": \"Text_Intro\", \"text\": \"Review the order\" },"
							+ " { \"type\": \"textfield\", \"id\": \"Field_orderLines\", \"key\": \"orderLines\" },"
							+ " { \"type\": \"group\", \"id\": \"Group_Money\", \"components\": ["
							+ " { \"type\": \"textarea\", \"id\": \"Field_decisionMoney\", \"key\": \"decisionMoney\" },"
							+ " { \"type\": \"textfield\", \"id\": \"Field_customerEmail\", \"key\": \"customerEmail\" } ] },"));

			assertThat(violations(MODEL)).containsExactly("bpmn/order.bpmn: Task_ReviewOrder (userTask): its form "
					+ "forms/review-order.form shows customerEmail, decisionMoney, which the warehouse is not shown (no "
					+ "money, no e-mail address)");
			write(MODEL, VALID_MODEL.replace("camunda:formRef=\"review-order\"",
					"camunda:candidateGroups=\"service-agents\" camunda:formRef=\"review-order\""));
			assertThat(violations(MODEL)).isEmpty();
		}

		@Test
		void aFormRefWithoutBindingOnAStartEvent() {
			write(MODEL, VALID_MODEL.replace("name=\"Order received\"",
					"name=\"Order received\" camunda:formRef=\"review-order\""));

			assertThat(violations(MODEL)).containsExactly("bpmn/order.bpmn: StartEvent_OrderReceived (startEvent): "
					+ "camunda:formRefBinding is missing (the engine then uses \"latest\"); it must be \"deployment\"");
		}

		@Test
		void aUserTaskWithoutFormOrWithAFormKey() {
			write(MODEL, VALID_MODEL
				.replace(" camunda:formRef=\"review-order\" camunda:formRefBinding=\"deployment\"", "")
				.replace("name=\"Order received\"", "name=\"Order received\" camunda:formKey=\"embedded:app:start.html\""));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Task_ReviewOrder (userTask): has no camunda:formRef to a form in forms/",
					"bpmn/order.bpmn: StartEvent_OrderReceived (startEvent): uses camunda:formKey=\"embedded:app:start.html\"; "
							+ "our convention is camunda:formRef to a form in forms/");
		}

		@Test
		void aFormThatIsNotJson() {
			write(FORM, "{ \"id\": \"review-order\", ");

			assertThat(violations(FORM)).singleElement()
				.asString()
				.startsWith("forms/review-order.form: is not valid JSON: line ");
		}

		@Test
		void aFormWithoutIdComponentsOrDefaultType() {
			write(FORM, "{ \"id\": \" \", \"type\": \"custom\", \"components\": {} }");

			assertThat(violations(FORM)).containsExactlyInAnyOrder(
					"forms/review-order.form: (no id) (form): has no \"id\" (a non-blank string: what user tasks name in camunda:formRef)",
					"forms/review-order.form: (no id) (form): has no \"components\" array",
					"forms/review-order.form: (no id) (form): \"type\" is \"custom\"; it must be \"default\"");
		}

		@Test
		void aFormWithANonStringIdAndNoType() {
			write(FORM, "{ \"id\": 7, \"components\": [] }");

			assertThat(violations(FORM)).containsExactlyInAnyOrder(
					"forms/review-order.form: (no id) (form): has no \"id\" (a non-blank string: what user tasks name in camunda:formRef)",
					"forms/review-order.form: (no id) (form): \"type\" is missing; it must be \"default\"");
		}

		@Test
		void aFormThatIsNoObject() {
			write(FORM, "[]");

			assertThat(violations(FORM)).containsExactly("forms/review-order.form: is not a JSON object (a Camunda Form is one)");
		}

		@Test
		void twoFormsWithOneId() {
			write("forms/review-order-copy.form", VALID_FORM);

			assertThat(violations(FORM)).containsExactly("forms/review-order.form: review-order (form): id also used by "
					+ "forms/review-order-copy.form; camunda:formRef could not tell them apart");
			assertThat(violations("forms/review-order-copy.form")).hasSize(1);
		}

	}

	@Nested
	class Names {

		@Test
		void unnamedFlowNodesAndProcess() {
			write(MODEL, definitions("""
					  <bpmn:process id="Unnamed" isExecutable="true" camunda:historyTimeToLive="P1D">
					    <bpmn:startEvent id="StartEvent_Begin" />
					    <bpmn:exclusiveGateway id="Gateway_Decide" />
					    <bpmn:subProcess id="SubProcess_Handle">
					      <bpmn:startEvent id="StartEvent_Inner" name="Inner start" />
					      <bpmn:task id="Task_Inner" />
					    </bpmn:subProcess>
					    <bpmn:boundaryEvent id="BoundaryEvent_Late" attachedToRef="SubProcess_Handle">
					      <bpmn:timerEventDefinition id="TimerEventDefinition_Late" />
					    </bpmn:boundaryEvent>
					    <bpmn:endEvent id="EndEvent_Done" name="  " />
					  </bpmn:process>
					""" + diagram("Unnamed", "StartEvent_Begin", "Gateway_Decide", "SubProcess_Handle", "StartEvent_Inner",
					"Task_Inner", "BoundaryEvent_Late", "EndEvent_Done")));

			assertThat(violations(MODEL, "flow nodes and processes are named")).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Unnamed (process): has no name",
					"bpmn/order.bpmn: StartEvent_Begin (startEvent): has no name",
					"bpmn/order.bpmn: Gateway_Decide (exclusiveGateway): has no name",
					"bpmn/order.bpmn: SubProcess_Handle (subProcess): has no name",
					"bpmn/order.bpmn: Task_Inner (task): has no name",
					"bpmn/order.bpmn: BoundaryEvent_Late (boundaryEvent): has no name",
					"bpmn/order.bpmn: EndEvent_Done (endEvent): has no name");
		}

		@Test
		void anUnnamedDecision() {
			// the DMN schema requires the attribute; Camunda Modeler writes it empty when the name is cleared
			write("bpmn/risk-review.dmn", VALID_DECISION.replace(" name=\"Risk review\" camunda", " name=\" \" camunda"));

			assertThat(violations("bpmn/risk-review.dmn"))
				.containsExactly("bpmn/risk-review.dmn: RiskReview (decision): has no name");
		}

	}

	@Nested
	class Ids {

		@Test
		void idsGeneratedByCamundaModeler() {
			write(MODEL, VALID_MODEL.replace("Task_RegisterOrder", "Activity_0x8f2kd")
				.replace("Flow_ToReviewOrder", "Flow_1abc2de")
				.replace("Message_PaymentReceived", "Message_3k2j1h0"));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Activity_0x8f2kd (serviceTask): id generated by Camunda Modeler; give it a "
							+ "meaningful id such as Task_WhatItIs (docs/lifecycle.md: ids mean something)",
					"bpmn/order.bpmn: Flow_1abc2de (sequenceFlow): id generated by Camunda Modeler; give it a "
							+ "meaningful id such as Flow_WhatItIs (docs/lifecycle.md: ids mean something)",
					"bpmn/order.bpmn: Message_3k2j1h0 (message): id generated by Camunda Modeler; give it a "
							+ "meaningful id such as Message_WhatItIs (docs/lifecycle.md: ids mean something)");
		}

		@Test
		void idsGeneratedByOtherTools() {
			write(MODEL, VALID_MODEL.replace("Task_ReviewOrder", "sid-4F1C0E2A").replace("Event_PaymentReceived", "_1234"));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: sid-4F1C0E2A (userTask): id generated by a modeling tool; give it a meaningful id",
					"bpmn/order.bpmn: _1234 (intermediateCatchEvent): id generated by a modeling tool; give it a meaningful id");
		}

		@Test
		void meaningfulIdsThatLookAlikeAreFine() {
			// seven lower-case letters but no digit, eight characters, upper case: all meaningful
			write(MODEL, VALID_MODEL.replace("Task_RegisterOrder", "Task_capture")
				.replace("Task_ReviewOrder", "Task_reviewed")
				.replace("Event_PaymentReceived", "Event_Paid2go"));

			assertThat(violations(MODEL)).isEmpty();
		}

		@Test
		void aGeneratedDecisionId() {
			write("bpmn/risk-review.dmn", VALID_DECISION.replace("\"RiskReview\"", "\"Decision_0fq2x7k\""));

			assertThat(violations("bpmn/risk-review.dmn")).singleElement()
				.asString()
				.startsWith("bpmn/risk-review.dmn: Decision_0fq2x7k (decision): id generated by Camunda Modeler");
		}

	}

	@Nested
	class HistoryAndDiagram {

		@Test
		void anExecutableProcessWithoutHistoryTimeToLive() {
			write(MODEL, VALID_MODEL.replace(" camunda:historyTimeToLive=\"P30D\"", ""));

			assertThat(violations(MODEL)).containsExactly(
					"bpmn/order.bpmn: OrderTest (process): executable process has no camunda:historyTimeToLive");
		}

		@Test
		void aProcessThatIsNotExecutableNeedsNone() {
			write(MODEL, VALID_MODEL.replace(" camunda:historyTimeToLive=\"P30D\"", "")
				.replace("isExecutable=\"true\"", "isExecutable=\"false\""));

			assertThat(violations(MODEL)).isEmpty();
		}

		@Test
		void aDecisionWithoutHistoryTimeToLive() {
			write("bpmn/risk-review.dmn", VALID_DECISION.replace(" camunda:historyTimeToLive=\"180\"", ""));

			assertThat(violations("bpmn/risk-review.dmn")).containsExactly(
					"bpmn/risk-review.dmn: RiskReview (decision): decision has no camunda:historyTimeToLive");
		}

		@Test
		void aFlowNodeAndAFlowMissingFromTheDiagram() {
			write(MODEL, VALID_MODEL.replace(shape("Task_ReviewOrder"), "").replace(edge("Flow_ToOrderRefused"), ""));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Task_ReviewOrder (userTask): has no shape in the diagram",
					"bpmn/order.bpmn: Flow_ToOrderRefused (sequenceFlow): has no edge in the diagram");
		}

		@Test
		void aModelWithoutDiagram() {
			write(MODEL, VALID_MODEL.substring(0, VALID_MODEL.indexOf("<bpmndi:BPMNDiagram")) + "</bpmn:definitions>");

			assertThat(violations(MODEL)).containsExactly("bpmn/order.bpmn: Definitions_Test (definitions): has no "
					+ "diagram (bpmndi:BPMNDiagram); it does not open in Camunda Modeler");
		}

		@Test
		void aDecisionWithoutDiagram() {
			String dmn = VALID_DECISION.substring(0, VALID_DECISION.indexOf("<dmndi:DMNDI>")) + "</definitions>";
			write("bpmn/risk-review.dmn", dmn);

			assertThat(violations("bpmn/risk-review.dmn")).containsExactly("bpmn/risk-review.dmn: Definitions_RiskReview "
					+ "(definitions): has no diagram (dmndi:DMNDiagram); save it with Camunda Modeler 5 or later");
		}

	}

	@Nested
	class MessagesAndErrors {

		@Test
		void messagesNobodySends() {
			write("src/main/java/io/orderflow/delivery/Senders.java", "class Senders { String other = \"PaymentReceivedLater\"; }");

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: Event_PaymentReceived (intermediateCatchEvent): message Message_PaymentReceived "
							+ "(\"PaymentReceived\") has no sender: no class under src/main/java mentions \"PaymentReceived\"",
					"bpmn/order.bpmn: Task_AwaitDelivery (receiveTask): message Message_ShipmentDelivered "
							+ "(\"ShipmentDelivered\") has no sender: no class under src/main/java mentions \"ShipmentDelivered\"");
		}

		@Test
		void aMessageNamedByAnOrderProcessConstantHasASender() {
			write("src/main/java/io/orderflow/delivery/Senders.java", "class Senders { }");
			write(ModelChecker.CONSTANTS, CONSTANTS.replace("public static final class Errors {", """
					public static final class Messages {
						public static final String PAYMENT_RECEIVED = "PaymentReceived";
						public static final String SHIPMENT_DELIVERED = "ShipmentDelivered";
					}
					public static final class Errors {"""));

			assertThat(violations(MODEL)).isEmpty();
		}

		@Test
		void errorsThatAreNoOrderProcessConstant() {
			write(MODEL, VALID_MODEL.replace("errorCode=\"Error_InvalidOrder\"", "errorCode=\"Error_Unknown\"")
				.replace("errorCode=\"Error_OrderRefused\"", "errorCode=\"Error_OrderRefusedToo\""));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: BoundaryEvent_OrderInvalid (boundaryEvent): error Error_InvalidOrder (errorCode "
							+ "\"Error_Unknown\") is no constant in src/main/java/io/orderflow/OrderProcess.java",
					"bpmn/order.bpmn: EndEvent_OrderRefused (endEvent): error Error_OrderRefused (errorCode "
							+ "\"Error_OrderRefusedToo\") is no constant in src/main/java/io/orderflow/OrderProcess.java");
		}

		@Test
		void anErrorEndEventWithoutErrorAndAnErrorWithoutCode() {
			write(MODEL, VALID_MODEL.replace(" errorRef=\"Error_OrderRefused\"", "")
				.replace(" errorCode=\"Error_InvalidOrder\"", ""));

			assertThat(violations(MODEL)).containsExactlyInAnyOrder(
					"bpmn/order.bpmn: EndEvent_OrderRefused (endEvent): error end event names no error (errorRef)",
					"bpmn/order.bpmn: BoundaryEvent_OrderInvalid (boundaryEvent): error Error_InvalidOrder has no errorCode");
		}

	}

	// ---------------------------------------------------------------- helpers

	private ModelChecker checker() {
		return new ModelChecker(root, name -> name.equals("registerOrder"));
	}

	private List<String> violations(String name) {
		ModelChecker checker = checker();
		return checker.violations(file(checker, name));
	}

	private List<String> violations(String name, String checkName) {
		ModelChecker checker = checker();
		return checker.checks(file(checker, name))
			.stream()
			.filter(check -> check.name().equals(checkName))
			.findFirst()
			.orElseThrow()
			.run();
	}

	private static ModelFile file(ModelChecker checker, String name) {
		return checker.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(
				() -> new AssertionError(name + " not among " + checker.files()));
	}

	private void write(String path, String content) {
		try {
			Path file = root.resolve(path);
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String definitions(String content) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
				                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
				                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
				                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
				                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
				                  id="Definitions_Test" targetNamespace="https://orderflow.io/bpmn/test">
				""" + content + "</bpmn:definitions>\n";
	}

	/** A diagram for a process: a shape for each id, an edge for each id starting with "Flow_". */
	static String diagram(String processId, String... ids) {
		return "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_" + processId + "\">\n" + "    <bpmndi:BPMNPlane id=\"BPMNPlane_"
				+ processId + "\" bpmnElement=\"" + processId + "\">\n"
				+ Stream.of(ids).map(id -> id.startsWith("Flow_") ? edge(id) : shape(id)).collect(Collectors.joining())
				+ "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n";
	}

	static String shape(String id) {
		return "      <bpmndi:BPMNShape id=\"" + id + "_di\" bpmnElement=\"" + id
				+ "\"><dc:Bounds x=\"0\" y=\"0\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>\n";
	}

	static String edge(String id) {
		return "      <bpmndi:BPMNEdge id=\"" + id + "_di\" bpmnElement=\"" + id
				+ "\"><di:waypoint x=\"0\" y=\"0\" /><di:waypoint x=\"10\" y=\"0\" /></bpmndi:BPMNEdge>\n";
	}

}
