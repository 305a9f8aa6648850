package io.orderflow.platform.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.JavaObjectSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.TypedValue;

import org.springframework.stereotype.Component;

/**
 * No process variable is stored Java-serialized: such a value is a blob Cockpit cannot show, ties the stored
 * data to a Java class, and deserializing what someone could write is a well-known way in. Camunda's own switch,
 * {@code javaSerializationFormatEnabled=false}, only refuses a value sent already serialized (over
 * {@code /engine-rest}); a Java object set from code would still be serialized with Java's serialization. So
 * here the engine's Java serializer no longer takes any new value: an object without a format becomes JSON
 * (the default serialization format, Spin's Jackson), a value that asks for Java serialization is refused, and
 * what an older version stored that way can still be read. Set after the engine's configuration is built, so
 * that no property turns it back on.
 */
@Component
class NoJavaSerializedVariables extends AbstractProcessEnginePlugin {

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setJavaSerializationFormatEnabled(false);
		configuration.setDefaultSerializationFormat(SerializationDataFormats.JSON.getName());
		VariableSerializers serializers = configuration.getVariableSerializers();
		TypedValueSerializer<?> java = serializers.getSerializerByName(JavaObjectSerializer.NAME);
		if (java != null) {
			int index = serializers.getSerializerIndex(java);
			serializers.removeSerializer(java);
			serializers.addSerializer(new ReadOnlyJavaSerializer(), index);
		}
	}

	/** Reads what was stored Java-serialized before; never chosen to store a value. */
	static final class ReadOnlyJavaSerializer extends JavaObjectSerializer {

		@Override
		protected boolean canWriteValue(TypedValue value) {
			return false;
		}

	}

}
