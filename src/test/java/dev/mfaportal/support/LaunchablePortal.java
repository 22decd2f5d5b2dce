package dev.mfaportal.support;

import java.util.function.Supplier;

/**
 * The portal under a {@link PortalWithEmulator} test, as a test or {@code @BeforeEach}
 * parameter: for tests that need more browsers than the one launched client, or a browser
 * without the launch link.
 */
public record LaunchablePortal(int port, Supplier<String> launchLinks) {

	/** A fresh launch link's key: each admits one browser, once. */
	public String launchToken() {
		return this.launchLinks.get();
	}

	/** A new browser that has followed the launch link (answered with a redirect). */
	public PortalClient launched() {
		PortalClient client = stranger();
		int status;
		try {
			status = client.launch(launchToken()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot follow the launch link", ex);
		}
		if (status != 302) {
			throw new IllegalStateException("The launch link answered " + status + ", not 302");
		}
		return client;
	}

	/** A new browser that has not followed the launch link. */
	public PortalClient stranger() {
		return new PortalClient(this.port);
	}

}
