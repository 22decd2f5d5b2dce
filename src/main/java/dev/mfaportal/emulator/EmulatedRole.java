package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role the emulator lets callers assume. Its trust policy is "every known user but
 * root", and with {@code mfaRequired} also {@code "Bool": {"aws:MultiFactorAuthPresent":
 * "true"}}: the emulator checks who may assume a role no further. Whether the trust also
 * allows {@code sts:SetSourceIdentity} and {@code sts:TagSession} is set per role:
 * without them, a request that sets a source identity (or comes from a session that
 * carries one) or passes session tags is refused as STS refuses it.
 *
 * @param arn {@code arn:aws:iam::ACCOUNT:role/NAME}, optionally with a path before the
 * name
 * @param maxSessionDurationSeconds the role's MaxSessionDuration, 3600–43200 as IAM
 * allows
 * @param mfaRequired whether the trust policy requires MFA: a code with the call, or a
 * signature by session credentials that were issued with one
 * @param allowsSourceIdentity whether the trust policy allows
 * {@code sts:SetSourceIdentity}
 * @param allowsTagSession whether the trust policy allows {@code sts:TagSession}
 */
public record EmulatedRole(String arn, int maxSessionDurationSeconds, boolean mfaRequired, boolean allowsSourceIdentity,
		boolean allowsTagSession) {

	public static final String DEMO_ROLE_ARN = "arn:aws:iam::123456789012:role/demo-admin";

	/** The demo's role whose trust requires MFA. */
	public static final String DEMO_MFA_ROLE_ARN = "arn:aws:iam::123456789012:role/demo-mfa-admin";

	public static final int DEFAULT_MAX_SESSION_DURATION_SECONDS = 3_600;

	private static final Pattern ARN = Pattern
		.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");

	public EmulatedRole {
		Objects.requireNonNull(arn, "arn");
		if (!ARN.matcher(arn).matches()) {
			throw new IllegalArgumentException("arn must look like arn:aws:iam::123456789012:role/NAME: " + arn);
		}
		if (maxSessionDurationSeconds < 3_600 || maxSessionDurationSeconds > 43_200) {
			throw new IllegalArgumentException(
					"maxSessionDurationSeconds must be 3600 to 43200, as IAM allows: " + maxSessionDurationSeconds);
		}
	}

	/**
	 * A role whose trust allows setting a source identity and session tags.
	 */
	public EmulatedRole(String arn, int maxSessionDurationSeconds, boolean mfaRequired) {
		this(arn, maxSessionDurationSeconds, mfaRequired, true, true);
	}

	/** A role whose trust does not require MFA. */
	public EmulatedRole(String arn, int maxSessionDurationSeconds) {
		this(arn, maxSessionDurationSeconds, false);
	}

	/** A role with IAM's default MaxSessionDuration of one hour. */
	public EmulatedRole(String arn) {
		this(arn, DEFAULT_MAX_SESSION_DURATION_SECONDS);
	}

	/** The same role, with a trust policy that requires MFA. */
	public EmulatedRole requiringMfa() {
		return new EmulatedRole(this.arn, this.maxSessionDurationSeconds, true, this.allowsSourceIdentity,
				this.allowsTagSession);
	}

	/**
	 * The same role, whose trust policy allows (or lacks) {@code sts:SetSourceIdentity}
	 * and {@code sts:TagSession}.
	 */
	public EmulatedRole trustAllowing(boolean setSourceIdentity, boolean tagSession) {
		return new EmulatedRole(this.arn, this.maxSessionDurationSeconds, this.mfaRequired, setSourceIdentity,
				tagSession);
	}

	/**
	 * The demo's role that requires MFA: what a terminal gets through a held MFA session
	 * without a second code.
	 */
	public static EmulatedRole demoRequiringMfa() {
		return new EmulatedRole(DEMO_MFA_ROLE_ARN, 43_200, true);
	}

	/** The demo's role, assumable for up to 12 hours. */
	public static EmulatedRole demo() {
		return new EmulatedRole(DEMO_ROLE_ARN, 43_200);
	}

	public String account() {
		return part(1);
	}

	/** The last part of the ARN, without the path: what an assumed-role ARN names. */
	public String roleName() {
		return part(2);
	}

	/**
	 * The role's unique id: {@code AROA} and 17 more characters, the length of AWS's own
	 * role ids ({@code AROA3XFRBF535PLBIFPI4}), derived from the ARN so it stays the same
	 * across runs.
	 */
	public String roleId() {
		byte[] hash = Crypto.sha256(this.arn.getBytes(StandardCharsets.UTF_8));
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		StringBuilder id = new StringBuilder("AROA");
		for (int i = 0; i < 17; i++) {
			id.append(alphabet.charAt(hash[i] & 0x1F));
		}
		return id.toString();
	}

	private String part(int group) {
		Matcher matcher = ARN.matcher(this.arn);
		matcher.matches();
		return matcher.group(group);
	}

}
