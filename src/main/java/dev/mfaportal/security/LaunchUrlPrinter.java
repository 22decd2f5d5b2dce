package dev.mfaportal.security;

import java.io.PrintStream;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints the link to open once the server listens. It goes to the terminal, not to the
 * log, so the token doesn't end up in log files. Then announces it
 * ({@link LaunchLinkPrinted}), for the installed launcher to open the browser at it.
 */
@Component
@Profile("!team")
class LaunchUrlPrinter implements ApplicationListener<WebServerInitializedEvent> {

	private final LaunchToken token;

	private final AccessSettings access;

	private final Environment environment;

	private final ApplicationEventPublisher events;

	private final PrintStream out;

	LaunchUrlPrinter(LaunchToken token, AccessSettings access, Environment environment,
			ApplicationEventPublisher events) {
		this.token = token;
		this.access = access;
		this.environment = environment;
		this.events = events;
		this.out = System.out;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			return;
		}
		String address = this.environment.getProperty("server.address", "127.0.0.1");
		String host = (address.contains(":") ? "[" + address + "]" : address);
		String base = "http://" + host + ":" + event.getWebServer().getPort();
		String url = this.access.launchToken() ? base + "/launch?token=" + this.token.issue() : base + "/";
		this.out.println();
		this.out.println("  MFA Portal is ready. Open this link in your browser" + (this.access.launchToken()
				? " (it opens the portal in one browser, once, within a few minutes; don't share it):" : ":"));
		this.out.println();
		this.out.println("      " + url);
		this.out.println();
		this.events.publishEvent(new LaunchLinkPrinted(url));
	}

}
