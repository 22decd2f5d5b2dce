package dev.mfaportal.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ReflectionUtils;

/**
 * Points the portal of a test class at the {@link PortalDatabase} of its static field.
 * Registered for every Spring test in {@code META-INF/spring.factories}; a class without
 * such a field keeps the configured database.
 */
class DatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<Field> fields = new ArrayList<>();
		ReflectionUtils.doWithFields(testClass, fields::add, (field) -> Modifier.isStatic(field.getModifiers())
				&& PortalDatabase.class.isAssignableFrom(field.getType()));
		if (fields.isEmpty()) {
			return null;
		}
		if (fields.size() > 1) {
			throw new IllegalStateException(testClass.getName() + " holds " + fields.size()
					+ " static PortalDatabase fields: the portal has one database");
		}
		Field field = fields.get(0);
		ReflectionUtils.makeAccessible(field);
		PortalDatabase database = (PortalDatabase) ReflectionUtils.getField(field, null);
		if (database == null) {
			throw new IllegalStateException(field + " is not set when the context is built");
		}
		return new DatabaseCustomizer(database.url());
	}

	/** Equal for the same URL: test classes on one database share the context. */
	private record DatabaseCustomizer(String url) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestPropertyValues.of("spring.datasource.url=" + this.url).applyTo(context);
		}

	}

}
