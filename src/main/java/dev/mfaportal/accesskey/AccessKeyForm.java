package dev.mfaportal.accesskey;

/**
 * What the form that stores a key posts. Every field is text so that anything a person
 * pastes reaches the validator, which answers in words.
 *
 * @param label the name the member gives the key
 * @param accessKeyId the access key id, {@code AKIA…}
 * @param secretAccessKey the secret access key; never rendered back, and masked by
 * {@link #toString()}
 */
record AccessKeyForm(String label, String accessKeyId, String secretAccessKey) {

	static AccessKeyForm empty() {
		return new AccessKeyForm("", "", "");
	}

	/** The form to show again after an error: what was typed, except the secret. */
	AccessKeyForm withoutSecret() {
		return new AccessKeyForm(this.label, this.accessKeyId, "");
	}

	@Override
	public String toString() {
		return "AccessKeyForm[label=" + this.label + ", accessKeyId=" + this.accessKeyId + ", secretAccessKey="
				+ Secrets.mask(this.secretAccessKey) + "]";
	}

}
