package dev.mfaportal.support;

import dev.mfaportal.security.LaunchToken;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit side of {@link PortalWithEmulator}: launched clients and the
 * {@link LaunchablePortal} as parameters, and the emulator stopped when the whole run
 * ends (not after the class: a subclass or a cached context may still use it).
 */
class PortalWithEmulatorExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PortalWithEmulatorExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		// the root store closes what it holds (an AutoCloseable) when the run ends
		context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(EmulatorContextCustomizerFactory.emulatorOf(context.getRequiredTestClass()),
					(emulator) -> emulator);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == PortalClient.class || type == LaunchablePortal.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ApplicationContext portalContext = SpringExtension.getApplicationContext(context);
		LaunchablePortal portal = new LaunchablePortal(
				portalContext.getEnvironment().getRequiredProperty("local.server.port", Integer.class),
				portalContext.getBean(LaunchToken.class)::issue);
		if (parameter.getParameter().getType() == LaunchablePortal.class) {
			return portal;
		}
		try {
			return portal.launched();
		}
		catch (IllegalStateException ex) {
			throw new ParameterResolutionException(ex.getMessage(), ex);
		}
	}

}
