package io.orderflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Timings of the BPMN models that operators may want to change without touching a model:
 * {@code orderflow.process.*}. The models read them as {@code ${processSettings.paymentRetryCycle}}
 * and so on (hence a bean with getters).
 */
@Component("processSettings")
@ConfigurationProperties("orderflow.process")
public class ProcessSettings {

	/** Retries of calls to the payment gateway before an incident (ISO 8601 repeating interval). */
	private String paymentRetryCycle = "R5/PT30S";

	/** Retries of calls to the carrier. */
	private String carrierRetryCycle = "R5/PT1M";

	/** Retries of Orderflow's own steps (allocation, release, re-routing). */
	private String defaultRetryCycle = "R3/PT10S";

	/** How long a backorder waits before allocation is retried (ISO 8601 duration). */
	private String backorderRetryInterval = "PT1H";

	/** How often the authorization is checked for renewal while the order is being fulfilled. */
	private String authorizationRenewalCycle = "R/P1D";

	public String getPaymentRetryCycle() {
		return paymentRetryCycle;
	}

	public void setPaymentRetryCycle(String paymentRetryCycle) {
		this.paymentRetryCycle = paymentRetryCycle;
	}

	public String getCarrierRetryCycle() {
		return carrierRetryCycle;
	}

	public void setCarrierRetryCycle(String carrierRetryCycle) {
		this.carrierRetryCycle = carrierRetryCycle;
	}

	public String getDefaultRetryCycle() {
		return defaultRetryCycle;
	}

	public void setDefaultRetryCycle(String defaultRetryCycle) {
		this.defaultRetryCycle = defaultRetryCycle;
	}

	public String getBackorderRetryInterval() {
		return backorderRetryInterval;
	}

	public void setBackorderRetryInterval(String backorderRetryInterval) {
		this.backorderRetryInterval = backorderRetryInterval;
	}

	public String getAuthorizationRenewalCycle() {
		return authorizationRenewalCycle;
	}

	public void setAuthorizationRenewalCycle(String authorizationRenewalCycle) {
		this.authorizationRenewalCycle = authorizationRenewalCycle;
	}

}
