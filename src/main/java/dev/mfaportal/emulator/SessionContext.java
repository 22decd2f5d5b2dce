package dev.mfaportal.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a role session was issued with that AWS shows in CloudTrail rather than in
 * GetCallerIdentity: its source identity and session tags. Tests read it back by the
 * session's access key id ({@code TestEmulator#session}).
 *
 * @param sourceIdentity the {@code SourceIdentity}, set by the request or, for a role
 * chained from a session that carries one, inherited; {@code null} when none
 * @param tags the session tags passed with the request, in their order
 */
public record SessionContext(String sourceIdentity, Map<String, String> tags) {

	public static final SessionContext NONE = new SessionContext(null, Map.of());

	public SessionContext {
		tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
	}

}
