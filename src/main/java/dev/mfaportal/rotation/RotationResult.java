package dev.mfaportal.rotation;

import java.util.List;

/**
 * What a rotation did, in words for the keys page: a message key and its arguments (key
 * ids and AWS's error codes, never a secret).
 *
 * @param succeeded whether the store now holds a new key that works
 * @param messageKey the message
 * @param arguments its arguments
 */
record RotationResult(boolean succeeded, String messageKey, List<String> arguments) {

	static RotationResult ok(String messageKey, String... arguments) {
		return new RotationResult(true, messageKey, List.of(arguments));
	}

	static RotationResult failed(String messageKey, String... arguments) {
		return new RotationResult(false, messageKey, List.of(arguments));
	}

}
