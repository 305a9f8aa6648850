package io.orderflow.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background work of every node: redelivery of early events and, in the demo profile, the simulated
 * location and carrier. Tests switch it off ({@code orderflow.scheduling.enabled=false}) and drive
 * everything explicitly.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "orderflow.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {

}
