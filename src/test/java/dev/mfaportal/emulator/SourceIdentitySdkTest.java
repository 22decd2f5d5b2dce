package dev.mfaportal.emulator;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import static dev.mfaportal.emulator.EmulatedMfaDevice.DEMO_SERIAL_NUMBER;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static dev.mfaportal.emulator.SdkClients.stsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source identity and session tags through the real SDK client: STS's shapes, the trust
 * permission each role has or lacks (with STS's own refusal), what each session keeps,
 * and a source identity that persists through role chaining and can't be changed there.
 */
class SourceIdentitySdkTest {

	static final String TRUSTING = "arn:aws:iam::123456789012:role/trusting";

	static final String NO_SOURCE_IDENTITY = "arn:aws:iam::123456789012:role/no-source-identity";

	static final String NO_TAGS = "arn:aws:iam::123456789012:role/no-tags";

	static final String DEMO_USER_ARN = "arn:aws:iam::123456789012:user/demo";

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo()
		.withRoles(List.of(new EmulatedRole(TRUSTING, 3600),
				new EmulatedRole(NO_SOURCE_IDENTITY, 3600).trustAllowing(false, true),
				new EmulatedRole(NO_TAGS, 3600).trustAllowing(true, false))));

	private AssumeRoleResponse assume(StsClient client, String roleArn, String sourceIdentity, Tag... tags) {
		return client.assumeRole((request) -> {
			request.roleArn(roleArn).roleSessionName("session").sourceIdentity(sourceIdentity);
			if (tags.length > 0) {
				request.tags(tags);
			}
		});
	}

	private static Tag tag(String key, String value) {
		return Tag.builder().key(key).value(value).build();
	}

	@Test
	void assumeRoleWhenSourceIdentityAndTagsThenTheSessionKeepsThemAndTheAnswerNamesTheIdentity() {
		AssumeRoleResponse response = assume(this.emulator.sts, TRUSTING, "alice@example.com",
				tag("mfa-portal-member", "Zoë Ó/x:y"), tag("team", ""));

		assertThat(response.sourceIdentity()).isEqualTo("alice@example.com");
		SessionContext context = this.emulator.server.session(response.credentials().accessKeyId()).orElseThrow();
		assertThat(context.sourceIdentity()).isEqualTo("alice@example.com");
		assertThat(context.tags()).containsExactly(java.util.Map.entry("mfa-portal-member", "Zoë Ó/x:y"),
				java.util.Map.entry("team", ""));
	}

	@Test
	void assumeRoleWhenNeitherThenTheSessionHasNoneAndTheAnswerNoIdentity() {
		AssumeRoleResponse response = assume(this.emulator.sts, NO_SOURCE_IDENTITY, null);

		assertThat(response.sourceIdentity()).isNull();
		assertThat(this.emulator.server.session(response.credentials().accessKeyId())).hasValue(SessionContext.NONE);
	}

	/**
	 * Refused before the code is judged, as every other trust refusal: the code still
	 * works for the next call.
	 */
	@Test
	void assumeRoleWhenTheTrustLacksSetSourceIdentityThenAccessDeniedNamingTheActionAndTheCodeIsNotSpent() {
		String code = this.emulator.currentCode();
		StsException error = stsError(
				() -> this.emulator.sts.assumeRole((request) -> request.roleArn(NO_SOURCE_IDENTITY)
					.roleSessionName("session")
					.sourceIdentity("alice")
					.serialNumber(DEMO_SERIAL_NUMBER)
					.tokenCode(code)));

		assertError(error, 403, "AccessDenied", "User: " + DEMO_USER_ARN
				+ " is not authorized to perform: sts:SetSourceIdentity on resource: " + NO_SOURCE_IDENTITY);
		assertThat(this.emulator.sts
			.assumeRole((request) -> request.roleArn(NO_SOURCE_IDENTITY)
				.roleSessionName("session")
				.serialNumber(DEMO_SERIAL_NUMBER)
				.tokenCode(code))
			.credentials()).isNotNull();
	}

	@Test
	void assumeRoleWhenTheTrustLacksTagSessionThenAccessDeniedNamingTheAction() {
		StsException error = stsError(() -> assume(this.emulator.sts, NO_TAGS, "alice", tag("k", "v")));

		assertError(error, 403, "AccessDenied",
				"User: " + DEMO_USER_ARN + " is not authorized to perform: sts:TagSession on resource: " + NO_TAGS);
		assertThat(assume(this.emulator.sts, NO_TAGS, "alice").sourceIdentity()).isEqualTo("alice");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "a         | Member must have length greater than or equal to 2",
					"has space | Member must satisfy regular expression pattern: [\\w+=,.@-]*",
					"aws:x     | Member must satisfy regular expression pattern: [\\w+=,.@-]*" })
	void assumeRoleWhenSourceIdentityIsNotStsShapeThenValidationErrorInStsWords(String identity, String constraint) {
		StsException error = stsError(() -> assume(this.emulator.sts, TRUSTING, identity));

		assertError(error, 400, "ValidationError", "1 validation error detected: Value '" + identity
				+ "' at 'sourceIdentity' failed to satisfy constraint: " + constraint);
	}

	@Test
	void assumeRoleWhenSourceIdentityLongerThan64ThenValidationError() {
		String identity = "x".repeat(65);
		StsException error = stsError(() -> assume(this.emulator.sts, TRUSTING, identity));

		assertError(error, 400, "ValidationError", "1 validation error detected: Value '" + identity
				+ "' at 'sourceIdentity' failed to satisfy constraint: Member must have length less than or equal to 64");
	}

	@Test
	void assumeRoleWhenATagIsNotStsShapeOrThereAreTooManyThenValidationError() {
		StsException badValue = stsError(() -> assume(this.emulator.sts, TRUSTING, null, tag("k", "<b>")));
		assertThat(badValue.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
		assertThat(badValue.awsErrorDetails().errorMessage()).contains("Value '<b>' at 'tags.1.member.value'");

		StsException longKey = stsError(() -> assume(this.emulator.sts, TRUSTING, null, tag("k".repeat(129), "v")));
		assertThat(longKey.awsErrorDetails().errorMessage()).contains("at 'tags.1.member.key'")
			.contains("Member must have length less than or equal to 128");

		Tag[] many = IntStream.rangeClosed(1, 51).mapToObj((n) -> tag("k" + n, "v")).toArray(Tag[]::new);
		StsException tooMany = stsError(() -> assume(this.emulator.sts, TRUSTING, null, many));
		assertThat(tooMany.awsErrorDetails().errorMessage())
			.contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
	}

	@Test
	void assumeRoleWhenChainedFromASessionWithASourceIdentityThenItPersistsAndCantBeChanged() {
		AssumeRoleResponse first = assume(this.emulator.sts, TRUSTING, "alice");
		try (StsClient role = SdkClients.session(this.emulator.server.endpoint(), first.credentials())) {
			AssumeRoleResponse chained = assume(role, TRUSTING, null);
			assertThat(chained.sourceIdentity()).isEqualTo("alice");
			assertThat(this.emulator.server.session(chained.credentials().accessKeyId()).orElseThrow().sourceIdentity())
				.isEqualTo("alice");

			assertThat(assume(role, TRUSTING, "alice").sourceIdentity()).isEqualTo("alice");
			StsException changed = stsError(() -> assume(role, TRUSTING, "mallory"));
			assertThat(changed.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

			// sticky: the next role's trust must allow it even when the request sets none
			StsException untrusted = stsError(() -> assume(role, NO_SOURCE_IDENTITY, null));
			assertThat(untrusted.awsErrorDetails().errorMessage()).isEqualTo("User: " + first.assumedRoleUser().arn()
					+ " is not authorized to perform: sts:SetSourceIdentity " + "on resource: " + NO_SOURCE_IDENTITY);
		}
	}

}
