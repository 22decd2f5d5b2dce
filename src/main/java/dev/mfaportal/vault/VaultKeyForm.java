package dev.mfaportal.vault;

import dev.mfaportal.sts.AccessKeys;

/**
 * What the form that stores a key in the vault posts: the fields of team mode's keys
 * form. Every field is text so that anything pasted reaches the validator.
 *
 * @param label the name; a profile moved in keeps its name
 * @param accessKeyId {@code AKIA…}
 * @param secretAccessKey never rendered back; masked by {@link #toString()}
 */
record VaultKeyForm(String label, String accessKeyId, String secretAccessKey) {

	static VaultKeyForm empty() {
		return new VaultKeyForm("", "", "");
	}

	VaultKeyForm withoutSecret() {
		return new VaultKeyForm(this.label, this.accessKeyId, "");
	}

	@Override
	public String toString() {
		return "VaultKeyForm[label=" + this.label + ", accessKeyId=" + AccessKeys.mask(this.accessKeyId) + "]";
	}

}
