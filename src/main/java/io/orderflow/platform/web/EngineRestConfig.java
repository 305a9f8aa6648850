package io.orderflow.platform.web;

import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;

import org.springframework.stereotype.Component;

/**
 * engine-rest as Camunda's starter configures it, plus {@link EngineRestExceptionMapper}, and with its JSON
 * read under {@link BoundedJson}'s limits (a field named twice is a 400, not "the last one wins").
 */
@Component
class EngineRestConfig extends CamundaJerseyResourceConfig {

	@Override
	protected void registerCamundaRestResources() {
		registerClasses(CamundaRestResources.getResourceClasses());
		Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses()
			.stream()
			.filter(type -> type != JacksonConfigurator.class)
			.collect(Collectors.toSet());
		registerClasses(configuration);
		register(BoundedObjectMapper.class);
		register(JacksonFeature.class);
	}

	@Override
	protected void registerAdditionalResources() {
		register(EngineRestExceptionMapper.OfRestException.class);
		register(EngineRestExceptionMapper.OfProcessEngineException.class);
		register(EngineRestExceptionMapper.OfInvalidRequest.class);
		register(EngineRestExceptionMapper.OfStateConflict.class);
		register(EngineRestExceptionMapper.OfUnreadableJson.class);
		register(EngineRestExceptionMapper.OfJsonParse.class);
		register(EngineRestExceptionMapper.OfJsonMapping.class);
	}

	/** Camunda's object mapper for engine-rest (its date format and settings), bounded. */
	static final class BoundedObjectMapper implements ContextResolver<ObjectMapper> {

		private static final ObjectMapper MAPPER = BoundedJson
			.bound(JacksonConfigurator.configureObjectMapper(new ObjectMapper()));

		@Override
		public ObjectMapper getContext(Class<?> type) {
			return MAPPER;
		}

	}

}
