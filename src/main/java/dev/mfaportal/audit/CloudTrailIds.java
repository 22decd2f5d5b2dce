package dev.mfaportal.audit;

/**
 * The role and the public identifiers by which CloudTrail knows an STS call and the
 * credentials it issued, so that a CloudTrail event can be matched to a history row. Each
 * may be {@code null}; none is a secret.
 *
 * @param roleArn the role asked for, {@code null} for a session token
 * @param stsRequestId STS's request id (CloudTrail's {@code requestID} of the call)
 * @param issuedAccessKeyId the issued credentials' key id (CloudTrail's
 * {@code userIdentity.accessKeyId} of every later call)
 * @param assumedRoleId for a role, {@code AROA…:session} (CloudTrail's
 * {@code userIdentity.principalId})
 */
record CloudTrailIds(String roleArn, String stsRequestId, String issuedAccessKeyId, String assumedRoleId) {

	static final CloudTrailIds NONE = new CloudTrailIds(null, null, null, null);

}
