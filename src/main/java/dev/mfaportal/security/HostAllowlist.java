package dev.mfaportal.security;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Accepts only the configured host names in the {@code Host} header. A web page on a name
 * that an attacker re-points at 127.0.0.1 (DNS rebinding) still sends its own name, and
 * is refused. {@code *} accepts any name: team mode behind a proxy, where sign-in
 * protects every page.
 */
class HostAllowlist implements Predicate<String> {

	private final Set<String> hosts;

	HostAllowlist(Iterable<String> hosts) {
		this.hosts = java.util.stream.StreamSupport.stream(hosts.spliterator(), false)
			.map(HostAllowlist::normalize)
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public boolean test(String host) {
		if (this.hosts.contains("*")) {
			return true;
		}
		return host != null && this.hosts.contains(normalize(host));
	}

	private static String normalize(String host) {
		String name = host.trim().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

}
