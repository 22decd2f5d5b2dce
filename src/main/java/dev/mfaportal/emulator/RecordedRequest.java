package dev.mfaportal.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request the emulator answered, as tests see it. The {@code TokenCode} parameter is
 * kept only as {@link #MASKED_TOKEN_CODE}: the project proves that no MFA code is stored
 * anywhere, and a test double that kept one would be the first place it leaks from.
 *
 * @param receivedAt the emulator's clock when the request arrived
 * @param action the {@code Action} parameter, or {@code null} if there was none
 * @param parameters every request parameter as received (including {@code Action} and
 * {@code Version}), {@code TokenCode} masked
 * @param accessKeyId the signing access key id, or {@code null} if the request was not
 * signed
 * @param region the region of the signature's credential scope, or {@code null} if not
 * signed
 * @param sessionCredentials whether the request was signed with credentials the emulator
 * issued
 * @param status the HTTP status of the answer
 * @param errorCode the STS error code of the answer, or {@code null} on success
 * @param requestId the request id of the answer ({@code x-amzn-RequestId} and the
 * document's {@code RequestId})
 * @param issuedAccessKeyId the access key id of the credentials the answer issued, or
 * {@code null} when it issued none
 */
public record RecordedRequest(Instant receivedAt, String action, Map<String, String> parameters, String accessKeyId,
		String region, boolean sessionCredentials, int status, String errorCode, String requestId,
		String issuedAccessKeyId) {

	public static final String MASKED_TOKEN_CODE = "******";

	public RecordedRequest {
		// keeps the order of the wire, which reads better in a failing assertion
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	public boolean succeeded() {
		return this.errorCode == null;
	}

}
