package dev.mfaportal.issuing;

import dev.mfaportal.sts.DeviceFinding;

/**
 * Which device "Find my MFA device" fills in: a real one IAM listed, else the suggestion.
 */
final class DeviceFindingView {

	private DeviceFindingView() {
	}

	static String bestGuess(DeviceFinding finding) {
		return finding.devices().isEmpty() ? finding.suggestion() : finding.devices().get(0);
	}

}
