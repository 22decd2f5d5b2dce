package dev.mfaportal.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the events go and how hard the sender tries.
 *
 * @param webhookUrl where each event is POSTed; none: no outbox rows are written
 * @param webhookSecret the HMAC-SHA256 key of {@code X-MfaPortal-Signature}; required
 * with a webhook
 * @param format {@code json} (the event itself) or {@code slack} ({@code {"text": ...}})
 * @param maxAge how long an event is retried before it is marked failed
 * @param log whether each event is also one JSON line on the {@code mfaportal.events}
 * logger
 * @param allowHttp whether an {@code http:} webhook to anywhere but loopback is allowed
 * @param connectTimeout the webhook's connect timeout
 * @param requestTimeout how long one POST may take in all
 * @param pollInterval how often the sender looks for due events
 * @param instance this instance's name in each event; default host name and process id
 */
@ConfigurationProperties("portal.events")
public record EventSettings(URI webhookUrl, String webhookSecret, @DefaultValue("json") Format format,
		@DefaultValue("24h") Duration maxAge, @DefaultValue("false") boolean log,
		@DefaultValue("false") boolean allowHttp, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration requestTimeout, @DefaultValue("1s") Duration pollInterval, String instance) {

	/** What the webhook receives. */
	public enum Format {

		/** The event's JSON, signed. */
		JSON,
		/** {@code {"text": "one sentence"}}, which Slack, Mattermost and Teams accept. */
		SLACK

	}

	public EventSettings {
		if (webhookUrl != null) {
			String scheme = String.valueOf(webhookUrl.getScheme()).toLowerCase(Locale.ROOT);
			if (!scheme.equals("https") && !scheme.equals("http") || webhookUrl.getHost() == null) {
				throw new IllegalArgumentException("portal.events.webhook-url must be an http(s) URL with a host");
			}
			if (scheme.equals("http") && !allowHttp && !loopback(webhookUrl.getHost())) {
				// scheme and host only: chat webhooks keep their secret in the path
				throw new IllegalArgumentException("portal.events.webhook-url http://" + webhookUrl.getHost()
						+ "/... is plain http to another machine: events would cross the network unencrypted. "
						+ "Use https, or set portal.events.allow-http=true");
			}
			if (webhookSecret == null || webhookSecret.isBlank()) {
				throw new IllegalArgumentException(
						"portal.events.webhook-secret is required with a webhook: the receiver checks each "
								+ "event's signature with it");
			}
		}
		if (instance == null || instance.isBlank()) {
			instance = hostName() + ":" + ProcessHandle.current().pid();
		}
	}

	boolean delivers() {
		return this.webhookUrl != null;
	}

	/** {@code localhost} or a loopback IP literal, parsed without asking DNS. */
	private static boolean loopback(String host) {
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		return bare.equals("localhost") || bare.equals("::1") || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
