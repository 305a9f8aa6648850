package io.orderflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules are the lifecycle stages (docs/architecture.md): each a top-level package with a public
 * service, depending on the stages before it and never on those after. The order record and the payment
 * ledger know nothing of fulfillment, delivery or service; only the service features (cancellation,
 * returns, adjustment, reshipment, exchange, addresschange, and what they share in {@code service}) may use every stage, and none
 * of them another; the demo (package {@code demo}: its catalog, stock, users and orders) and the order console
 * (package {@code console}) use everything and are used by nothing; platform (security, identity, the engine's guards, the event inbox) is used by the stages and
 * uses none of them.
 * Spring Modulith checks the same modules' APIs and cycles ({@code ApplicationModulesTest}); these are the
 * directions it does not express.
 */
@AnalyzeClasses(packages = "io.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

	private static final String[] SERVICE_FEATURES = { "io.orderflow.cancellation..", "io.orderflow.returns..",
			"io.orderflow.adjustment..", "io.orderflow.reshipment..", "io.orderflow.exchange..", "io.orderflow.addresschange.." };

	private static final String[] SERVICE = { "io.orderflow.cancellation..", "io.orderflow.returns..",
			"io.orderflow.adjustment..", "io.orderflow.reshipment..", "io.orderflow.exchange..",
			"io.orderflow.addresschange..", "io.orderflow.service.." };

	@ArchTest
	static final ArchRule stagesHaveNoCycles = slices().matching("io.orderflow.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule nothingButTheServiceFeaturesTheDemoAndTheConsoleUsesThem = noClasses().that()
		.resideOutsideOfPackages(concat(SERVICE, "io.orderflow.demo..", "io.orderflow.console.."))
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(SERVICE);

	@ArchTest
	static final ArchRule whatTheServiceFeaturesShareUsesNoneOfThem = noClasses().that()
		.resideInAPackage("io.orderflow.service..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(SERVICE_FEATURES);

	@ArchTest
	static final ArchRule cancellationsUseNoOtherFeature = featureUsesNoOther("io.orderflow.cancellation..");

	@ArchTest
	static final ArchRule returnsUseNoOtherFeature = featureUsesNoOther("io.orderflow.returns..");

	@ArchTest
	static final ArchRule adjustmentsUseNoOtherFeature = featureUsesNoOther("io.orderflow.adjustment..");

	@ArchTest
	static final ArchRule reshipmentsUseNoOtherFeature = featureUsesNoOther("io.orderflow.reshipment..");

	@ArchTest
	static final ArchRule exchangesUseNoOtherFeature = featureUsesNoOther("io.orderflow.exchange..");

	static final ArchRule addressChangesUseNoOtherFeature = featureUsesNoOther("io.orderflow.addresschange..");

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
		.resideInAnyPackage(concat(SERVICE, "io.orderflow.capture..", "io.orderflow.fulfillment..",
				"io.orderflow.delivery..", "io.orderflow.payment..", "io.orderflow.inventory.."));

	@ArchTest
	static final ArchRule paymentsKnowNothingOfFulfillmentOrDelivery = noClasses().that()
		.resideInAPackage("io.orderflow.payment..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(concat(SERVICE, "io.orderflow.capture..", "io.orderflow.fulfillment..",
				"io.orderflow.delivery.."));

	@ArchTest
	static final ArchRule platformUsesNoStage = noClasses().that()
		.resideInAPackage("io.orderflow.platform..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(concat(SERVICE, "io.orderflow.capture..", "io.orderflow.order..",
				"io.orderflow.fulfillment..", "io.orderflow.delivery..", "io.orderflow.payment..",
				"io.orderflow.inventory.."));

	private static ArchRule featureUsesNoOther(String feature) {
		return noClasses().that()
			.resideInAPackage(feature)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(java.util.Arrays.stream(SERVICE_FEATURES)
				.filter(other -> !other.equals(feature))
				.toArray(String[]::new));
	}

	private static String[] concat(String[] packages, String... more) {
		String[] all = java.util.Arrays.copyOf(packages, packages.length + more.length);
		System.arraycopy(more, 0, all, packages.length, more.length);
		return all;
	}

}
