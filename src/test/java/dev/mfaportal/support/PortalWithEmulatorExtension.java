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
 * The JUnit side of {@link PortalWithEmulator}: launched clients as parameters, and the
 * emulator stopped when the whole run ends (not after the class: a subclass or a cached
 * context may still use it).
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
		return parameter.getParameter().getType() == PortalClient.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ApplicationContext portal = SpringExtension.getApplicationContext(context);
		PortalClient client = new PortalClient(
				portal.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
		int status;
		try {
			status = client.launch(portal.getBean(LaunchToken.class).value()).statusCode();
		}
		catch (Exception ex) {
			throw new ParameterResolutionException("Cannot follow the launch link", ex);
		}
		if (status != 302) {
			throw new ParameterResolutionException("The launch link answered " + status + ", not 302");
		}
		return client;
	}

}
