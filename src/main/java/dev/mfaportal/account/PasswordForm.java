package dev.mfaportal.account;

/**
 * A member changing their own password. Never echoed back.
 */
record PasswordForm(String currentPassword, String newPassword, String confirmation) {

	@Override
	public String toString() {
		return "PasswordForm[******]";
	}

}
