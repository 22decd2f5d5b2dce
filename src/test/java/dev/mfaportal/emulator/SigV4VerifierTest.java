package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Against the example of the AWS General Reference ("Signature Version 4 signing
 * process": IAM ListUsers, 2015-08-30), so the verifier is checked by AWS's numbers, not
 * by its own signing code.
 */
class SigV4VerifierTest {

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	private static final String SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

	private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

	private final SigV4Verifier iam = new SigV4Verifier("iam", Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

	@Test
	void verifyWhenAwsExampleRequestThenSignatureMatches() {
		WireRequest request = listUsers();
		SigV4Authorization authorization = this.iam.authorization(request);
		assertThat(authorization.accessKeyId()).isEqualTo("AKIDEXAMPLE");
		assertThat(authorization.region()).isEqualTo("us-east-1");
		assertThatNoException().isThrownBy(() -> this.iam.verify(request, authorization, SECRET));
	}

	@Test
	void canonicalRequestWhenAwsExampleThenHashFromTheGuide() {
		WireRequest request = listUsers();
		String canonical = CanonicalRequest.of(request, List.of("content-type", "host", "x-amz-date"),
				Crypto.sha256Hex(new byte[0]));
		assertThat(Crypto.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
	}

	@Test
	void verifyWhenBodyTamperedThenSignatureDoesNotMatch() {
		WireRequest request = listUsers("Action=ListUsers&Version=2010-05-08",
				"UserName=mallory".getBytes(StandardCharsets.UTF_8));
		StsError error = verifyFailure(this.iam, request, SECRET);
		assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
		assertThat(error.status()).isEqualTo(403);
		assertThat(error.getMessage()).isEqualTo(StsError.SIGNATURE_DOES_NOT_MATCH);
	}

	@Test
	void verifyWhenQueryTamperedThenSignatureDoesNotMatch() {
		WireRequest request = listUsers("Action=ListRoles&Version=2010-05-08", new byte[0]);
		assertThat(verifyFailure(this.iam, request, SECRET).code()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void verifyWhenQueryInAnotherOrderThenStillMatches() {
		WireRequest request = listUsers("Version=2010-05-08&Action=ListUsers", new byte[0]);
		assertThatNoException().isThrownBy(() -> this.iam.verify(request, this.iam.authorization(request), SECRET));
	}

	@Test
	void verifyWhenWrongSecretThenSignatureDoesNotMatch() {
		WireRequest request = listUsers();
		assertThat(verifyFailure(this.iam, request, SECRET + "x").code()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void authorizationWhenScopedToAnotherServiceThenRejected() {
		SigV4Verifier sts = new SigV4Verifier("sts", Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
		StsError error = verifyFailure(sts, listUsers(), SECRET);
		assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
		assertThat(error.getMessage()).isEqualTo("Credential should be scoped to correct service: 'sts'. ");
	}

	@Test
	void authorizationWhenVerifierServesStsAndIamThenIamScopeAcceptedAndOthersNamedAsSts() {
		SigV4Verifier stsAndIam = new SigV4Verifier(List.of("sts", "iam"), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
		WireRequest request = listUsers();
		assertThatNoException().isThrownBy(() -> stsAndIam.verify(request, stsAndIam.authorization(request), SECRET));
		SigV4Verifier stsAndS3 = new SigV4Verifier(List.of("sts", "s3"), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
		StsError error = verifyFailure(stsAndS3, request, SECRET);
		assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
		assertThat(error.getMessage()).isEqualTo("Credential should be scoped to correct service: 'sts'. ");
	}

	@Test
	void authorizationWhenSignedMoreThanFifteenMinutesAgoThenSignatureExpired() {
		SigV4Verifier later = iamAt(Duration.ofMinutes(16));
		StsError error = verifyFailure(later, listUsers(), SECRET);
		assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
		assertThat(error.getMessage()).isEqualTo("Signature expired: 20150830T123600Z is now earlier than "
				+ "20150830T123700Z (20150830T125200Z - 15 min.)");
	}

	@Test
	void authorizationWhenSignedMoreThanFifteenMinutesAheadThenNotYetCurrent() {
		SigV4Verifier earlier = iamAt(Duration.ofMinutes(-16));
		StsError error = verifyFailure(earlier, listUsers(), SECRET);
		assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
		assertThat(error.getMessage()).startsWith("Signature not yet current: 20150830T123600Z");
	}

	@Test
	void authorizationWhenSignedFourteenMinutesAgoThenAccepted() {
		SigV4Verifier later = iamAt(Duration.ofMinutes(14));
		WireRequest request = listUsers();
		assertThatNoException().isThrownBy(() -> later.verify(request, later.authorization(request), SECRET));
	}

	@Test
	void authorizationWhenHeaderMissingThenMissingAuthenticationToken() {
		WireRequest request = new WireRequest("POST", "/", "", Map.of("Host", List.of("sts.amazonaws.com")),
				new byte[0]);
		StsError error = verifyFailure(this.iam, request, SECRET);
		assertThat(error.code()).isEqualTo("MissingAuthenticationToken");
		assertThat(error.getMessage()).isEqualTo("Request is missing Authentication Token");
	}

	@Test
	void authorizationWhenSignaturePartMissingThenIncompleteSignature() {
		WireRequest request = new WireRequest("GET", "/", "",
				Map.of("Authorization",
						List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request"),
						"X-Amz-Date", List.of("20150830T123600Z")),
				new byte[0]);
		StsError error = verifyFailure(this.iam, request, SECRET);
		assertThat(error.code()).isEqualTo("IncompleteSignature");
		assertThat(error.status()).isEqualTo(400);
		assertThat(error.getMessage()).startsWith("Authorization header requires 'Signature' parameter. "
				+ "Authorization header requires 'SignedHeaders' parameter.");
	}

	@Test
	void canonicalUriWhenDotSegmentsAndEncodedCharactersThenNormalizedAndEncodedTwice() {
		assertThat(CanonicalRequest.uri("/a/./b/../c")).isEqualTo("/a/c");
		assertThat(CanonicalRequest.uri("/foo%20bar")).isEqualTo("/foo%2520bar");
		assertThat(CanonicalRequest.uri("")).isEqualTo("/");
	}

	private static StsError verifyFailure(SigV4Verifier verifier, WireRequest request, String secret) {
		return catchThrowableOfType(StsError.class,
				() -> verifier.verify(request, verifier.authorization(request), secret));
	}

	/**
	 * The guide's request; only the query and body vary, the signature stays the guide's.
	 */
	private static WireRequest listUsers(String query, byte[] body) {
		return new WireRequest("GET", "/", query, Map.of("Host", List.of("iam.amazonaws.com"), "Content-Type",
				List.of("application/x-www-form-urlencoded; charset=utf-8"), "X-Amz-Date", List.of("20150830T123600Z"),
				"Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
						+ "SignedHeaders=content-type;host;x-amz-date, Signature=" + SIGNATURE)),
				body);
	}

	/** An IAM verifier whose clock stands this long after the signing time. */
	private static SigV4Verifier iamAt(Duration afterSigning) {
		return new SigV4Verifier("iam", Clock.fixed(SIGNED_AT.plus(afterSigning), ZoneOffset.UTC));
	}

	/** A signed ListUsers without a body. */
	private static WireRequest listUsers() {
		return listUsers("Action=ListUsers&Version=2010-05-08", new byte[0]);
	}

}
