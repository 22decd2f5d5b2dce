package dev.mfaportal.account;

/**
 * An admin adding a member.
 */
record NewMemberForm(String username, String email, Boolean admin) {

	boolean isAdmin() {
		return Boolean.TRUE.equals(this.admin);
	}

}
