package dev.mfaportal.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.TestEmulator;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Points the portal of a {@link PortalWithEmulator} test at the emulator of its static
 * field, before the context refreshes.
 */
class EmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		PortalWithEmulator settings = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				PortalWithEmulator.class);
		if (settings == null) {
			return null;
		}
		return new EmulatorCustomizer(emulatorOf(testClass), settings.accounts());
	}

	/** The value of the one static {@link TestEmulator} field of the class or above. */
	static TestEmulator emulatorOf(Class<?> testClass) {
		List<Field> fields = new ArrayList<>();
		ReflectionUtils.doWithFields(testClass, fields::add, (field) -> Modifier.isStatic(field.getModifiers())
				&& TestEmulator.class.isAssignableFrom(field.getType()));
		if (fields.size() != 1) {
			throw new IllegalStateException(testClass.getName() + " is a @PortalWithEmulator test: it needs exactly one"
					+ " static TestEmulator field, found " + fields.size());
		}
		Field field = fields.get(0);
		ReflectionUtils.makeAccessible(field);
		TestEmulator emulator = (TestEmulator) ReflectionUtils.getField(field, null);
		if (emulator == null) {
			throw new IllegalStateException(field + " is not set when the context is built");
		}
		return emulator;
	}

	/** Equal for the same emulator: test classes that share one share the context. */
	private record EmulatorCustomizer(TestEmulator emulator, boolean accounts) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestPropertyValues
				.of("portal.sts.endpoint=" + this.emulator.endpoint(),
						"portal.iam.endpoint=" + this.emulator.endpoint(),
						"portal.console.federation-endpoint=" + this.emulator.federationEndpoint(),
						"portal.console.destination=http://127.0.0.1:9/console-home")
				.applyTo(context);
			if (this.accounts) {
				RootBeanDefinition sources = new RootBeanDefinition(CredentialSources.class,
						() -> new EmulatedAccounts(this.emulator.settings().users()));
				sources.setPrimary(true);
				((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("emulatedAccounts", sources);
			}
		}

	}

}
