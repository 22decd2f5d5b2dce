package dev.mfaportal.issuing;

/**
 * What the issuing form and the saved-device form start with, so that a device saved with
 * the defaults issues what the plain form would.
 */
public final class FormDefaults {

	/** The longest GetSessionToken allows an IAM user: one sign-in per working day. */
	public static final int DURATION_SECONDS = 43200;

	/** The credentials-file section the snippets write. */
	public static final String PROFILE_NAME = "mfa";

	private FormDefaults() {
	}

}
