package io.orderflow.returns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Timings of returns an operator may change: {@code orderflow.service.*}; {@code bpmn/order-return.bpmn}
 * reads them as {@code ${returnSettings.returnExpiry}}.
 */
@Component("returnSettings")
@ConfigurationProperties("orderflow.service")
public class ReturnSettings {

	/** How long an approved return waits for its goods before it is closed as expired (ISO 8601 duration). */
	private String returnExpiry = "P30D";

	public String getReturnExpiry() {
		return returnExpiry;
	}

	public void setReturnExpiry(String returnExpiry) {
		this.returnExpiry = returnExpiry;
	}

}
