package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where IAM calls go: to {@code portal.iam.endpoint}, never to STS's endpoint (a VPC
 * endpoint or proxy set for STS is no place to send IAM calls and their signed keys);
 * without it, where the AWS CLI would send them for the profile whose keys sign
 * ({@code endpoint_url}, its {@code [services]} section's {@code iam} block,
 * {@code use_fips_endpoint}, {@code use_dualstack_endpoint}), not where
 * {@code AWS_PROFILE}'s settings say.
 */
class SdkIamGatewayTest {

	static final EmulatedUser USER = EmulatedAccounts.user("iamendpoint");

	static final TestEmulator iam = TestEmulator.start(EmulatorSettings.of(USER));

	/** A closed port: a call sent there fails. */
	static final URI CLOSED = URI.create("http://127.0.0.1:9");

	private static final String LISTED = """
			<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
			<ListAccessKeysResult><IsTruncated>false</IsTruncated><AccessKeyMetadata><member>
			<UserName>h1</UserName><AccessKeyId>AKIAH1LISTED00000001</AccessKeyId><Status>Active</Status>
			<CreateDate>2026-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata></ListAccessKeysResult>
			<ResponseMetadata><RequestId>h1</RequestId></ResponseMetadata></ListAccessKeysResponse>""";

	@AfterAll
	static void stop() {
		iam.close();
	}

	@BeforeEach
	void forget() {
		iam.clearRecordedRequests();
	}

	@Test
	void listAccessKeysWhenStsAndIamEndpointsDifferThenIamIsAskedAtItsOwn() {
		assertThat(listedOverHttp(CLOSED, iam.endpoint(), null)).containsExactly(USER.accessKeyId());
		assertThat(iam.recordedRequests()).extracting(RecordedRequest::action).containsExactly("ListAccessKeys");
	}

	/** The real SDK over HTTP, to the emulator that only the profile names. */
	@Test
	void listAccessKeysWhenTheSigningProfileNamesTheEmulatorThenIamIsAskedThere() {
		assertThat(listedOverHttp(null, null, "endpoint_url = " + iam.endpoint() + "\n"))
			.containsExactly(USER.accessKeyId());
		assertThat(iam.recordedRequests()).extracting(RecordedRequest::action).containsExactly("ListAccessKeys");
	}

	/** The {@code iam} block of the services section, not its {@code sts} block. */
	@Test
	void listAccessKeysWhenTheSigningProfilesServicesSectionNamesIamThenItsIamBlockIsUsed() {
		assertThat(
				listedOverHttp(null, null,
						"services = corp\n[services corp]\nsts =\n  endpoint_url = " + CLOSED
								+ "\niam =\n  endpoint_url = " + iam.endpoint() + "\n"))
			.containsExactly(USER.accessKeyId());
		assertThat(iam.recordedRequests()).extracting(RecordedRequest::action).containsExactly("ListAccessKeys");
	}

	@Test
	void listAccessKeysWhenTheSigningProfileUsesFipsThenIamsFipsEndpointIsCalled() {
		assertThat(hostsCalled(null, "use_fips_endpoint = true\n")).containsExactly("iam-fips.amazonaws.com");
	}

	@Test
	void listAccessKeysWhenTheSigningProfileUsesDualStackThenIamsDualStackEndpointIsCalledAsByTheCli() {
		assertThat(hostsCalled(null, "use_dualstack_endpoint = true\n")).containsExactly("iam.global.api.aws");
	}

	@Test
	void listAccessKeysWhenTwoProfilesDifferThenEachReachesItsOwnEndpoint() {
		assertThat(hostsCalled(null, "use_fips_endpoint = true\n", "region = us-east-1\n", "use_fips_endpoint = true\n",
				"endpoint_url = https://iam.corp.test\n"))
			.containsExactly("iam-fips.amazonaws.com", "iam.amazonaws.com", "iam-fips.amazonaws.com", "iam.corp.test");
	}

	@Test
	void listAccessKeysWhenThePortalNamesAnIamEndpointThenItWinsOverTheProfile() {
		assertThat(hostsCalled(URI.create("https://iam.portal.test"),
				"endpoint_url = https://iam.corp.test\nuse_fips_endpoint = true\n"))
			.containsExactly("iam.portal.test");
	}

	/** ListAccessKeys signed by a key of each profile, in turn: the hosts called. */
	private static List<String> hostsCalled(URI iamEndpoint, String... profiles) {
		RecordingHttpClient http = new RecordingHttpClient(LISTED);
		SdkIamGateway gateway = gateway(null, iamEndpoint, http);
		try {
			for (String profile : profiles) {
				assertThat(gateway.listAccessKeys(caller(USER, profile))).singleElement()
					.satisfies((key) -> assertThat(key.accessKeyId()).isEqualTo("AKIAH1LISTED00000001"));
			}
		}
		finally {
			gateway.destroy();
		}
		return http.contacted().stream().map(URI::getHost).toList();
	}

	/**
	 * ListAccessKeys through the real HTTP client, signed by the user's key from a
	 * profile of those lines: the key ids listed.
	 */
	private static List<String> listedOverHttp(URI stsEndpoint, URI iamEndpoint, String profileLines) {
		try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
			SdkIamGateway gateway = gateway(stsEndpoint, iamEndpoint, http);
			try {
				return gateway.listAccessKeys(caller(USER, profileLines))
					.stream()
					.map(IamGateway.AccessKeyInfo::accessKeyId)
					.toList();
			}
			finally {
				gateway.destroy();
			}
		}
	}

	private static SdkIamGateway gateway(URI stsEndpoint, URI iamEndpoint, SdkHttpClient http) {
		StsSettings sts = new StsSettings(null, "us-east-1", stsEndpoint, Duration.ofSeconds(3),
				Duration.ofSeconds(10));
		return new SdkIamGateway(sts, new IamSettings(iamEndpoint), http);
	}

	/** The user's keys, from a profile of those lines (none: keys of no profile). */
	private static StsCaller caller(EmulatedUser user, String profileLines) {
		return new StsCaller("test",
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())),
				"us-east-1", null, (profileLines != null) ? SigningProfiles.work(profileLines, Map.of()) : null);
	}

}
