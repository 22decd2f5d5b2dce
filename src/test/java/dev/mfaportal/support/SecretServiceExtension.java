package dev.mfaportal.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link SecretService} before the test class (and before its Spring context,
 * which reads the bus address), stops it after the class, and hands it to test methods as
 * a parameter.
 */
public class SecretServiceExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SecretServiceExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		context.getStore(NAMESPACE).put(SecretService.class, SecretService.start());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == SecretService.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE).get(SecretService.class, SecretService.class);
	}

}
