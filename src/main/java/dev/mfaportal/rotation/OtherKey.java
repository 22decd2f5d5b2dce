package dev.mfaportal.rotation;

import java.util.List;

import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.IamCallException;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.IamGateway.AccessKeyInfo;
import dev.mfaportal.sts.StsCaller;

/** IAM's limit of two keys a user, asked before a rotation spends anything. */
final class OtherKey {

	private OtherKey() {
	}

	/** The key's other key at IAM, when it has two; {@code null} when not, or unknown. */
	static String of(IamGateway iam, StsCaller caller, KeyPair old) {
		try {
			List<AccessKeyInfo> listed = iam.listAccessKeys(caller);
			if (listed.size() < 2) {
				return null;
			}
			return listed.stream()
				.map(AccessKeyInfo::accessKeyId)
				.filter((id) -> !id.equals(old.accessKeyId()))
				.findFirst()
				.orElse(null);
		}
		catch (IamCallException deniedOrAway) {
			// CreateAccessKey will say LimitExceeded if it is so.
			return null;
		}
	}

}
