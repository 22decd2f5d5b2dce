package dev.mfaportal.sts;

import java.time.Instant;
import java.util.List;

/**
 * The one way into IAM's access key actions, for the caller's own user. IAM is global:
 * the caller's region is not used; its endpoint is, as for STS.
 */
public interface IamGateway {

	/**
	 * CreateAccessKey, once: a call that may have reached IAM is never repeated, or a
	 * second key could be made.
	 * @param caller whose credentials sign it (an MFA session, where policy asks for one)
	 * @return the new key with its secret, which IAM never shows again
	 * @throws IamCallException with IAM's error code, or none when IAM said nothing
	 */
	NewAccessKey createAccessKey(StsCaller caller);

	/**
	 * DeleteAccessKey.
	 * @throws IamCallException when IAM refused or could not be reached
	 */
	void deleteAccessKey(StsCaller caller, String accessKeyId);

	/**
	 * ListAccessKeys for the caller's user.
	 * @throws IamCallException when IAM refused or could not be reached
	 */
	List<AccessKeyInfo> listAccessKeys(StsCaller caller);

	/**
	 * A key IAM just created.
	 *
	 * @param accessKeyId its id
	 * @param secretAccessKey its secret
	 * @param createDate when IAM created it
	 */
	record NewAccessKey(String accessKeyId, String secretAccessKey, Instant createDate) {

		@Override
		public String toString() {
			return "NewAccessKey[accessKeyId=" + this.accessKeyId + ", createDate=" + this.createDate + "]";
		}

	}

	/**
	 * One of the user's keys as ListAccessKeys names it.
	 *
	 * @param accessKeyId its id
	 * @param status {@code Active} or {@code Inactive}
	 * @param createDate when IAM created it
	 */
	record AccessKeyInfo(String accessKeyId, String status, Instant createDate) {

	}

}
