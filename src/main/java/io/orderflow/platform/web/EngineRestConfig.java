package io.orderflow.platform.web;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;

import org.springframework.stereotype.Component;

/** engine-rest as Camunda's starter configures it, plus {@link EngineRestExceptionMapper}. */
@Component
class EngineRestConfig extends CamundaJerseyResourceConfig {

	@Override
	protected void registerAdditionalResources() {
		register(EngineRestExceptionMapper.OfRestException.class);
		register(EngineRestExceptionMapper.OfProcessEngineException.class);
		register(EngineRestExceptionMapper.OfInvalidRequest.class);
		register(EngineRestExceptionMapper.OfStateConflict.class);
	}

}
