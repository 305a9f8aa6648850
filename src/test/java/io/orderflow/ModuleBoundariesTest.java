package io.orderflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules are the lifecycle stages (DESIGN.md, "packages"): each a top-level package with a public
 * service, depending on the stages before it and never on those after. The order record and the payment
 * ledger know nothing of fulfillment, delivery or service; only the service stage may use every other one,
 * and the demo orders (package {@code demo}) everything, used by nothing; platform (security, engine, demo
 * users and stock) is used by the stages and uses none but inventory (demo stock).
 */
@AnalyzeClasses(packages = "io.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

	@ArchTest
	static final ArchRule stagesHaveNoCycles = slices().matching("io.orderflow.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule nothingButServiceAndTheDemoUsesService = noClasses().that()
		.resideOutsideOfPackages("io.orderflow.service..", "io.orderflow.demo..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.orderflow.service..");

	@ArchTest
	static final ArchRule nothingUsesTheDemo = noClasses().that()
		.resideOutsideOfPackage("io.orderflow.demo..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.orderflow.demo..");

	@ArchTest
	static final ArchRule theOrderRecordUsesNoStage = noClasses().that()
		.resideInAPackage("io.orderflow.order..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.capture..", "io.orderflow.fulfillment..", "io.orderflow.delivery..",
				"io.orderflow.payment..", "io.orderflow.inventory..", "io.orderflow.service..");

	@ArchTest
	static final ArchRule paymentsKnowNothingOfFulfillmentOrDelivery = noClasses().that()
		.resideInAPackage("io.orderflow.payment..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.capture..", "io.orderflow.fulfillment..", "io.orderflow.delivery..",
				"io.orderflow.service..");

	@ArchTest
	static final ArchRule platformUsesNoStageButInventory = noClasses().that()
		.resideInAPackage("io.orderflow.platform..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.capture..", "io.orderflow.order..", "io.orderflow.fulfillment..",
				"io.orderflow.delivery..", "io.orderflow.payment..", "io.orderflow.service..");

}
