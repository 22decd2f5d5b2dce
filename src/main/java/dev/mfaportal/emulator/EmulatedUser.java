package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A long-term identity the emulator knows: an IAM user (or the account root) with one
 * access key and at most one MFA device ({@code device} is {@code null} when it has
 * none).
 */
public record EmulatedUser(String accessKeyId, String secretAccessKey, String account, String userName, boolean root,
		EmulatedMfaDevice device) {

	/** Matches AWS's own example key layout: {@code AKIA} and 16 more characters. */
	public static final String DEMO_ACCESS_KEY_ID = "AKIAMFAPORTALDEMO001";

	public static final String DEMO_SECRET_ACCESS_KEY = "mfaPortalDemo/OnlyForTheEmulator+0000000";

	public static final String DEMO_ACCOUNT = "123456789012";

	public EmulatedUser {
		Objects.requireNonNull(accessKeyId, "accessKeyId");
		Objects.requireNonNull(secretAccessKey, "secretAccessKey");
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(userName, "userName");
		if (accessKeyId.startsWith("ASIA")) {
			throw new IllegalArgumentException("ASIA keys are session keys; the emulator issues those itself");
		}
		if (!account.matches("\\d{12}")) {
			throw new IllegalArgumentException("account must be 12 digits: " + account);
		}
	}

	/** The demo user the portal's demo profile signs in as, with the demo MFA device. */
	public static EmulatedUser demo() {
		return new EmulatedUser(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, DEMO_ACCOUNT, "demo", false,
				EmulatedMfaDevice.demo());
	}

	/**
	 * {@code arn:aws:iam::ACCOUNT:user/NAME}, or {@code arn:aws:iam::ACCOUNT:root} for
	 * the root user.
	 */
	public String arn() {
		return this.root ? "arn:aws:iam::" + this.account + ":root"
				: "arn:aws:iam::" + this.account + ":user/" + this.userName;
	}

	/**
	 * The unique id GetCallerIdentity reports: the account id for root (as AWS does),
	 * otherwise an {@code AIDA} id derived from the name so it stays the same across
	 * runs.
	 */
	public String userId() {
		if (this.root) {
			return this.account;
		}
		byte[] hash = Crypto.sha256((this.account + "/" + this.userName).getBytes(StandardCharsets.UTF_8));
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		StringBuilder id = new StringBuilder("AIDA");
		for (int i = 0; i < 17; i++) {
			id.append(alphabet.charAt(hash[i] & 0x1F));
		}
		return id.toString();
	}

	@Override
	public String toString() {
		return "EmulatedUser[accessKeyId=" + this.accessKeyId + ", secretAccessKey=******, account=" + this.account
				+ ", userName=" + this.userName + ", root=" + this.root + ", device=" + this.device + "]";
	}

}
