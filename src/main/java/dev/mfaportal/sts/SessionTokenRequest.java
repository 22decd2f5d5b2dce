package dev.mfaportal.sts;

/**
 * A GetSessionToken call with values already checked against the STS model.
 */
public record SessionTokenRequest(String serialNumber, String tokenCode, int durationSeconds) {

	@Override
	public String toString() {
		return "SessionTokenRequest[serialNumber=" + this.serialNumber + ", tokenCode=******, durationSeconds="
				+ this.durationSeconds + "]";
	}

}
