package dev.mfaportal.sts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Who a role session is for, in the shapes STS takes: a {@code SourceIdentity}, which
 * CloudTrail shows in every event of the session and of the roles chained from it and
 * which nobody can change afterwards, and the session tag {@value #MEMBER_TAG}.
 * <p>
 * A portal user name becomes both by one rule: characters the shape doesn't take, and
 * {@code =} itself, are written {@code =XX}, the hexadecimal of each of their UTF-8 bytes
 * (as quoted-printable does), so different names stay different and a plain name
 * ({@code alice}, {@code alice@example.com}) stays as it is. A name too long is cut, not
 * inside an {@code =XX}, and ends with {@code -} and 8 hexadecimal digits of its SHA-256,
 * so two long names that start alike still differ. A one-character source identity gets a
 * trailing {@code =}, which no other name gives (every other {@code =} is followed by two
 * digits). The source identity takes {@code [\w+=,.@-]} (so {@code aws:}, which STS
 * reserves, can't start it: {@code :} is always written {@code =3A}); the tag value also
 * takes letters and digits of any script, {@code :}, {@code /} and spaces.
 *
 * @param sourceIdentity the {@code SourceIdentity}, or {@code null} for none
 * @param tags the session tags
 */
public record MemberTrail(String sourceIdentity, Map<String, String> tags) {

	/** The session tag that names the member. */
	public static final String MEMBER_TAG = "mfa-portal-member";

	/**
	 * Neither: local mode, or team mode with {@code portal.team.source-identity=false}.
	 */
	public static final MemberTrail NONE = new MemberTrail(null, Map.of());

	static final int SOURCE_IDENTITY_MAX = 64;

	static final int TAG_VALUE_MAX = 256;

	private static final Pattern SOURCE_IDENTITY_CHARACTER = Pattern.compile("[A-Za-z0-9_+=,.@-]");

	private static final Pattern TAG_VALUE_CHARACTER = Pattern.compile("[\\p{L}\\p{N}_.:/=+\\-@ ]");

	public MemberTrail {
		tags = Map.copyOf(tags);
	}

	/** The trail of a member, by the rule above. */
	public static MemberTrail of(String member) {
		String identity = escape(member, SOURCE_IDENTITY_CHARACTER, SOURCE_IDENTITY_MAX);
		while (identity.length() < 2) {
			identity = identity + "=";
		}
		return new MemberTrail(identity, Map.of(MEMBER_TAG, escape(member, TAG_VALUE_CHARACTER, TAG_VALUE_MAX)));
	}

	public boolean isEmpty() {
		return this.sourceIdentity == null && this.tags.isEmpty();
	}

	private static String escape(String name, Pattern kept, int max) {
		IntPredicate keeps = (point) -> point != '=' && kept.matcher(Character.toString(point)).matches();
		StringBuilder out = new StringBuilder();
		// where each character of the name starts in the output: a cut falls on one
		int[] starts = new int[name.length() + 1];
		int count = 0;
		for (int i = 0; i < name.length();) {
			int point = name.codePointAt(i);
			starts[count++] = out.length();
			if (keeps.test(point)) {
				out.appendCodePoint(point);
			}
			else {
				for (byte b : Character.toString(point).getBytes(StandardCharsets.UTF_8)) {
					out.append('=').append(HexFormat.of().withUpperCase().toHexDigits(b));
				}
			}
			i += Character.charCount(point);
		}
		starts[count] = out.length();
		if (out.length() <= max) {
			return out.toString();
		}
		String suffix = "-" + HexFormat.of().formatHex(sha256(name), 0, 4);
		int cut = 0;
		// the last character boundary that leaves room for the suffix
		for (int c = 0; c <= count && starts[c] <= max - suffix.length(); c++) {
			cut = starts[c];
		}
		return out.substring(0, cut) + suffix;
	}

	private static byte[] sha256(String name) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is in every JDK", ex);
		}
	}

}
