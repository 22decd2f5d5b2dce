package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static dev.mfaportal.emulator.EmulatedUser.DEMO_ACCESS_KEY_ID;
import static dev.mfaportal.emulator.EmulatedUser.DEMO_SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the gateway sends a call: to the endpoint the AWS CLI would reach with the
 * profile whose keys sign ({@code use_fips_endpoint}, {@code use_dualstack_endpoint},
 * {@code sts_regional_endpoints}, {@code endpoint_url}, a {@code [services]} section),
 * not to the one {@code AWS_PROFILE} names. The HTTP client records the URL and answers
 * itself, so no request leaves the machine.
 */
class SdkStsGatewayEndpointTest {

	private static final String REGION = "us-east-1";

	private static final String ANSWER = """
			<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
			<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/h26</Arn>
			<UserId>AIDAH26</UserId><Account>123456789012</Account></GetCallerIdentityResult>
			<ResponseMetadata><RequestId>h26</RequestId></ResponseMetadata>
			</GetCallerIdentityResponse>""";

	private final RecordingHttpClient http = new RecordingHttpClient(ANSWER);

	private final List<URI> contacted = this.http.contacted();

	private SdkStsGateway gateway = gateway(null);

	private TestEmulator emulator;

	@AfterEach
	void stop() {
		this.gateway.destroy();
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Test
	void callWhenSigningProfileUsesFipsThenTheFipsEndpointIsCalled() {
		this.gateway.callerIdentity(caller("use_fips_endpoint = true\n"));
		assertThat(this.contacted).singleElement()
			.satisfies((uri) -> assertThat(uri.getHost()).isEqualTo("sts-fips.us-east-1.amazonaws.com"));
	}

	@Test
	void callWhenSigningProfileSaysYesOrOneForATrueFalseSettingThenReadAsFalseAsTheCliDoes() {
		this.gateway.callerIdentity(caller("use_fips_endpoint = yes\nuse_dualstack_endpoint = 1\n"));
		this.gateway.callerIdentity(caller("use_fips_endpoint = TRUE\n"));

		assertThat(this.contacted).extracting(URI::getHost)
			.containsExactly("sts.us-east-1.amazonaws.com", "sts-fips.us-east-1.amazonaws.com");
	}

	@Test
	void callWhenSigningProfileUsesDualStackThenTheDualStackEndpointIsCalled() {
		this.gateway.callerIdentity(caller("use_dualstack_endpoint = true\n"));
		assertThat(this.contacted).singleElement()
			.satisfies((uri) -> assertThat(uri.getHost()).isEqualTo("sts.us-east-1.api.aws"));
	}

	@Test
	void callWhenSigningProfileAsksForLegacyEndpointsThenTheGlobalEndpointIsCalled() {
		this.gateway.callerIdentity(caller("sts_regional_endpoints = legacy\n"));
		assertThat(this.contacted).singleElement()
			.satisfies((uri) -> assertThat(uri.getHost()).isEqualTo("sts.amazonaws.com"));
	}

	@Test
	void callWhenTheEnvironmentAsksForRegionalEndpointsThenItWinsOverTheProfile() {
		this.gateway.callerIdentity(
				caller("sts_regional_endpoints = legacy\n", Map.of("AWS_STS_REGIONAL_ENDPOINTS", "regional")));
		assertThat(this.contacted).singleElement()
			.satisfies((uri) -> assertThat(uri.getHost()).isEqualTo("sts.us-east-1.amazonaws.com"));
	}

	@Test
	void callWhenSigningProfileNamesAnEndpointUrlThenThatUrlIsCalled() {
		this.gateway.callerIdentity(caller("endpoint_url = https://sts.example.test:8443\n"));
		assertThat(this.contacted).singleElement()
			.satisfies((uri) -> assertThat(uri.getAuthority()).isEqualTo("sts.example.test:8443"));
	}

	@Test
	void callWhenSigningProfileNamesAServicesSectionThenItsStsEndpointIsCalled() {
		this.gateway
			.callerIdentity(caller("services = corp\n[services corp]\nsts =\n  endpoint_url = https://corp.test\n"));
		assertThat(this.contacted).singleElement().satisfies((uri) -> assertThat(uri.getHost()).isEqualTo("corp.test"));
	}

	@Test
	void callWhenTwoProfilesOfOneRegionDifferThenEachReachesItsOwnEndpoint() {
		this.gateway.callerIdentity(caller("use_fips_endpoint = true\n"));
		this.gateway.callerIdentity(caller("region = us-east-1\n"));
		this.gateway.callerIdentity(caller("use_fips_endpoint = true\n"));
		assertThat(this.contacted).extracting(URI::getHost)
			.containsExactly("sts-fips.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com",
					"sts-fips.us-east-1.amazonaws.com");
	}

	@Test
	void callWhenThePortalNamesAnEndpointThenItWinsOverTheProfile() {
		this.gateway.destroy();
		this.gateway = gateway(URI.create("http://127.0.0.1:9"));
		this.gateway.callerIdentity(caller("endpoint_url = https://sts.example.test\nuse_fips_endpoint = true\n"));
		assertThat(this.contacted).singleElement()
			.satisfies((uri) -> assertThat(uri.getAuthority()).isEqualTo("127.0.0.1:9"));
	}

	/** The real SDK over HTTP, to the emulator that only the profile names. */
	@Test
	void callWhenSigningProfileNamesTheEmulatorThenTheEmulatorAnswers() {
		this.emulator = TestEmulator.start(EmulatorSettings.demo());
		StsSettings settings = new StsSettings(null, REGION, null, Duration.ofSeconds(2), Duration.ofSeconds(5));
		SdkStsGateway overHttp = new SdkStsGateway(settings, StsHttpClient.create(settings), new SimpleMeterRegistry());
		try {
			CallerIdentity identity = overHttp
				.callerIdentity(caller("endpoint_url = " + this.emulator.endpoint() + "\n"));
			assertThat(identity.account()).isNotBlank();
			assertThat(this.emulator.recordedRequests()).singleElement()
				.satisfies((recorded) -> assertThat(recorded.action()).isEqualTo("GetCallerIdentity"));
		}
		finally {
			overHttp.destroy();
		}
	}

	private static StsCaller caller(String profileLines) {
		return caller(profileLines, Map.of());
	}

	private static StsCaller caller(String profileLines, Map<String, String> environment) {
		return new StsCaller("profile:work",
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)),
				REGION, null, SigningProfiles.work(profileLines, environment));
	}

	private SdkStsGateway gateway(URI endpoint) {
		StsSettings settings = new StsSettings(null, REGION, endpoint, Duration.ofSeconds(2), Duration.ofSeconds(5));
		return new SdkStsGateway(settings, this.http, new SimpleMeterRegistry());
	}

}
