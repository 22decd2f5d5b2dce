package dev.mfaportal.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AssumeRole}: STS's parameter constraints and messages, the duration limits of
 * the role and of role chaining, the same MFA check as GetSessionToken, and issuing
 * credentials that act as the role. Session policies are accepted and not applied: the
 * emulator authorizes nothing by policy, except a trust that requires MFA (a code with
 * the call, or a signature by credentials issued with one, as aws-vault uses it) and a
 * trust that lacks {@code sts:SetSourceIdentity} or {@code sts:TagSession}. A source
 * identity and session tags are checked for STS's shapes and kept with the session; a
 * source identity persists through role chaining and can't be changed there. Transitive
 * tags are checked for shape only: they don't pass to chained sessions here. Signed with
 * role credentials, the MFA device checked is that of the user at the start of the chain;
 * what AWS does there is not documented.
 */
final class AssumeRoleAction {

	static final long DEFAULT_DURATION_SECONDS = 3_600;

	static final long ROLE_CHAINING_MAX_DURATION_SECONDS = 3_600;

	static final String OVER_ROLE_MAX = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

	static final String OVER_CHAINING_MAX = "The requested DurationSeconds exceeds the 1 hour session limit for roles "
			+ "assumed by role chaining.";

	static final String ROOT_CANNOT_ASSUME = "Roles may not be assumed by root accounts.";

	/**
	 * STS's pattern for tag keys and, with {@code *} instead of {@code +}, for values.
	 */
	static final String TAG_CHARACTERS = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";

	static final int MAX_TAGS = 50;

	/**
	 * A packed session policy and tags may fill this many characters, by STS's documented
	 * limit.
	 */
	private static final int PACKED_POLICY_LIMIT = 2_048;

	private final IssuedSessions sessions;

	private final MfaCheck mfa;

	AssumeRoleAction(IssuedSessions sessions, MfaCheck mfa) {
		this.sessions = sessions;
		this.mfa = mfa;
	}

	/**
	 * Checks in an order that consumes an MFA code only for a request that will succeed
	 * otherwise: a rejected call must not cost the user their current code.
	 */
	String handle(Caller caller, List<EmulatedRole> roles, Map<String, String> parameters, Instant now,
			String requestId) {
		String roleArn = parameters.get("RoleArn");
		String sessionName = parameters.get("RoleSessionName");
		String duration = parameters.get("DurationSeconds");
		String externalId = parameters.get("ExternalId");
		String serial = parameters.get("SerialNumber");
		String code = parameters.get("TokenCode");
		String sourceIdentity = parameters.get("SourceIdentity");
		// the model's member order, which is the order STS lists violations in
		ValidationErrors errors = new ValidationErrors().required("roleArn", roleArn)
			.length("roleArn", roleArn, 20, 2048)
			.required("roleSessionName", sessionName)
			.text("roleSessionName", sessionName, 2, 64, "[\\w+=,.@-]*")
			.range("durationSeconds", duration, 900, 43_200);
		Map<String, String> tags = tags(parameters, errors);
		transitiveTagKeys(parameters, errors);
		errors.text("externalId", externalId, 2, 1224, "[\\w+=,.@:\\/-]*")
			.text("serialNumber", serial, 9, 256, MfaCheck.SERIAL_NUMBER_PATTERN)
			.text("tokenCode", code, 6, 6, MfaCheck.TOKEN_CODE_PATTERN)
			.text("sourceIdentity", sourceIdentity, 2, 64, "[\\w+=,.@-]*")
			.throwIfAny();
		if (caller.user().root()) {
			throw StsError.accessDenied(ROOT_CANNOT_ASSUME);
		}
		EmulatedRole role = roles.stream()
			.filter((candidate) -> candidate.arn().equals(roleArn))
			.findFirst()
			.orElseThrow(() -> notAuthorized(caller, roleArn));
		long seconds = (duration != null) ? Long.parseLong(duration.trim()) : DEFAULT_DURATION_SECONDS;
		boolean chained = caller.assumedRole() != null;
		if (chained && seconds > ROLE_CHAINING_MAX_DURATION_SECONDS) {
			throw StsError.validation(OVER_CHAINING_MAX);
		}
		if (seconds > role.maxSessionDurationSeconds()) {
			throw StsError.validation(OVER_ROLE_MAX);
		}
		boolean mfaPresent = code != null || caller.mfaAuthenticated();
		if (role.mfaRequired() && !mfaPresent) {
			throw notAuthorized(caller, roleArn);
		}
		String identity = sourceIdentity(caller, role, sourceIdentity);
		if (!tags.isEmpty() && !role.allowsTagSession()) {
			throw notAuthorized(caller, "sts:TagSession", roleArn);
		}
		this.mfa.check(caller.user(), serial, code, now);
		AssumedRoleUser assumed = new AssumedRoleUser(role, sessionName, chained);
		IssuedSession session = this.sessions.issue(caller.user(), assumed, now, Duration.ofSeconds(seconds),
				mfaPresent, new SessionContext(identity, tags));
		Integer packedPolicySize = packedPolicySize(parameters);
		// the element order of AWS's documented example response
		return StsXml.success("AssumeRole", requestId, (xml) -> {
			if (identity != null) {
				xml.element("SourceIdentity", identity);
			}
			xml.open("AssumedRoleUser")
				.element("Arn", assumed.arn())
				.element("AssumedRoleId", assumed.assumedRoleId())
				.close()
				.open("Credentials")
				.element("AccessKeyId", session.accessKeyId())
				.element("SecretAccessKey", session.secretAccessKey())
				.element("SessionToken", session.sessionToken())
				.element("Expiration", StsXml.EXPIRATION.format(session.expiration()))
				.close();
			if (packedPolicySize != null) {
				xml.element("PackedPolicySize", packedPolicySize.toString());
			}
		});
	}

	/**
	 * The session's source identity: the one the calling role session carries (it can't
	 * be changed down the chain), else the one asked for. Either needs a trust that
	 * allows {@code sts:SetSourceIdentity}.
	 */
	private String sourceIdentity(Caller caller, EmulatedRole role, String requested) {
		IssuedSession calling = caller.sessionCredentials() ? this.sessions.find(caller.accessKeyId()) : null;
		String inherited = (calling != null) ? calling.context().sourceIdentity() : null;
		if (inherited != null && requested != null && !inherited.equals(requested)) {
			// STS's wording for this refusal is not confirmed; the code is AccessDenied
			throw StsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: "
					+ "sts:SetSourceIdentity on resource: " + role.arn() + " because the source identity " + inherited
					+ " of the session can't be changed");
		}
		String identity = (inherited != null) ? inherited : requested;
		if (identity != null && !role.allowsSourceIdentity()) {
			throw notAuthorized(caller, "sts:SetSourceIdentity", role.arn());
		}
		return identity;
	}

	/**
	 * {@code Tags.member.N.Key} and {@code .Value}, N from 1, checked for STS's shapes.
	 */
	private static Map<String, String> tags(Map<String, String> parameters, ValidationErrors errors) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (int n = 1; parameters.containsKey("Tags.member." + n + ".Key")
				|| parameters.containsKey("Tags.member." + n + ".Value"); n++) {
			String key = parameters.get("Tags.member." + n + ".Key");
			String value = parameters.get("Tags.member." + n + ".Value");
			String member = "tags." + n + ".member.";
			errors.required(member + "key", key)
				.text(member + "key", key, 1, 128, TAG_CHARACTERS + "+")
				.required(member + "value", value)
				.text(member + "value", value, 0, 256, TAG_CHARACTERS + "*");
			if (key != null && value != null) {
				tags.put(key, value);
			}
		}
		errors.count("tags", tags.size(), MAX_TAGS);
		return tags;
	}

	private static void transitiveTagKeys(Map<String, String> parameters, ValidationErrors errors) {
		int n = 1;
		for (; parameters.containsKey("TransitiveTagKeys.member." + n); n++) {
			errors.text("transitiveTagKeys." + n + ".member", parameters.get("TransitiveTagKeys.member." + n), 1, 128,
					TAG_CHARACTERS + "+");
		}
		errors.count("transitiveTagKeys", n - 1, MAX_TAGS);
	}

	/**
	 * What STS answers both for an unknown role and for a trust the caller doesn't meet.
	 */
	private static StsError notAuthorized(Caller caller, String roleArn) {
		return notAuthorized(caller, "sts:AssumeRole", roleArn);
	}

	/** STS's words when the role's trust doesn't allow the caller an action. */
	private static StsError notAuthorized(Caller caller, String action, String roleArn) {
		return StsError.accessDenied(
				"User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + roleArn);
	}

	/**
	 * STS reports {@code PackedPolicySize} only when the request carried a session policy
	 * or tags, as a percentage of the limit. Its packing is a compression this does not
	 * reproduce: the number is an estimate from the plain text, at least 1.
	 */
	private static Integer packedPolicySize(Map<String, String> parameters) {
		int characters = 0;
		boolean any = false;
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			if (name.equals("Policy") || name.startsWith("PolicyArns.") || name.startsWith("Tags.")) {
				any = true;
				characters += parameter.getValue().length();
			}
		}
		if (!any) {
			return null;
		}
		return Math.max(1, (characters * 100 + PACKED_POLICY_LIMIT - 1) / PACKED_POLICY_LIMIT);
	}

}
