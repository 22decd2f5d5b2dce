package dev.mfaportal.emulator;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes on the wire, below any SDK client: document shapes, headers, and what the SDK
 * would never send. Requests are signed with the SDK's own signer, independent of the
 * emulator's verifier.
 */
class WireProtocolTest {

	private static final Set<String> HEADERS_THE_JDK_CLIENT_SETS = Set.of("host", "content-length");

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo());

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void responseWhenSuccessThenStsDocumentWithRequestIdInHeaderAndBody() throws Exception {
		HttpResponse<String> response = post("Action=GetCallerIdentity&Version=2011-06-15", true);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
		Document xml = parse(response.body());
		assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("GetCallerIdentityResponse");
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
		assertThat(text(xml, "Arn")).isEqualTo("arn:aws:iam::123456789012:user/demo");
		assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValue(text(xml, "RequestId"));
	}

	@Test
	void responseWhenErrorThenErrorResponseWithTypeCodeMessageAndRequestId() throws Exception {
		HttpResponse<String> response = post("Action=GetCallerIdentity&Version=2011-06-15", false);
		assertThat(response.statusCode()).isEqualTo(403);
		Document xml = parse(response.body());
		assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
		assertThat(text(xml, "Type")).isEqualTo("Sender");
		assertThat(text(xml, "Code")).isEqualTo("MissingAuthenticationToken");
		assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValue(text(xml, "RequestId"));
	}

	@Test
	void requestWhenUnknownActionThenInvalidAction() throws Exception {
		HttpResponse<String> response = post("Action=MakeMeAdmin&Version=2011-06-15", true);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(text(parse(response.body()), "Code")).isEqualTo("InvalidAction");
		assertThat(text(parse(response.body()), "Message"))
			.isEqualTo("Could not find operation MakeMeAdmin for version 2011-06-15");
	}

	@Test
	void requestWhenVersionMissingThenInvalidActionNamingNoVersion() throws Exception {
		HttpResponse<String> response = post("Action=GetCallerIdentity", true);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(text(parse(response.body()), "Message"))
			.isEqualTo("Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED");
	}

	@Test
	void responseWhenValueEchoedWithMarkupAndControlCharactersThenStillWellFormed() throws Exception {
		String serial = "x</Message><Code>Ok</Code>\u0001";
		HttpResponse<String> response = post("Action=GetSessionToken&Version=2011-06-15&SerialNumber="
				+ URLEncoder.encode(serial, StandardCharsets.UTF_8), true);
		Document xml = parse(response.body());
		assertThat(text(xml, "Code")).isEqualTo("ValidationError");
		assertThat(text(xml, "Message")).contains("Value 'x</Message><Code>Ok</Code>\uFFFD' at 'serialNumber'");
	}

	@Test
	void requestWhenBadPercentEncodingThenMalformedQueryStringAndNothingElseChecked() throws Exception {
		HttpResponse<String> response = post("Action=GetCallerIdentity&Version=%zz", false);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(text(parse(response.body()), "Code")).isEqualTo("MalformedQueryString");
	}

	@Test
	void responseWhenAssumeRoleThenStsDocumentWithAssumedRoleUserAndCredentials() throws Exception {
		HttpResponse<String> response = post("Action=AssumeRole&Version=2011-06-15&RoleArn="
				+ URLEncoder.encode(EmulatedRole.DEMO_ROLE_ARN, StandardCharsets.UTF_8) + "&RoleSessionName=wire",
				"sts");
		assertThat(response.statusCode()).isEqualTo(200);
		Document xml = parse(response.body());
		assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("AssumeRoleResponse");
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
		assertThat(xml.getElementsByTagNameNS("*", "AssumeRoleResult").item(0).getParentNode())
			.isSameAs(xml.getDocumentElement());
		assertThat(text(xml, "Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/demo-admin/wire");
		assertThat(text(xml, "AssumedRoleId")).endsWith(":wire");
		assertThat(text(xml, "AccessKeyId")).startsWith("ASIA");
		assertThat(xml.getElementsByTagNameNS("*", "PackedPolicySize").getLength()).isZero();
		assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValue(text(xml, "RequestId"));
	}

	@Test
	void responseWhenSignedForIamThenIamNamespace() throws Exception {
		HttpResponse<String> response = post("Action=ListMFADevices&Version=2010-05-08", "iam");
		assertThat(response.statusCode()).isEqualTo(200);
		Document xml = parse(response.body());
		assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("ListMFADevicesResponse");
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("https://iam.amazonaws.com/doc/2010-05-08/");
		assertThat(text(xml, "SerialNumber")).isEqualTo(EmulatedMfaDevice.DEMO_SERIAL_NUMBER);
		assertThat(text(xml, "IsTruncated")).isEqualTo("false");
		assertThat(xml.getElementsByTagNameNS("*", "member").item(0).getParentNode().getLocalName())
			.isEqualTo("MFADevices");
	}

	@Test
	void responseWhenIamErrorThenErrorResponseInIamNamespace() throws Exception {
		HttpResponse<String> response = post("Action=ListMFADevices&Version=2010-05-08&UserName=someone", "iam");
		assertThat(response.statusCode()).isEqualTo(403);
		Document xml = parse(response.body());
		assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("https://iam.amazonaws.com/doc/2010-05-08/");
		assertThat(text(xml, "Type")).isEqualTo("Sender");
		assertThat(text(xml, "Code")).isEqualTo("AccessDenied");
	}

	@Test
	void requestWhenSignedForAnotherServiceThenSignatureDoesNotMatch() throws Exception {
		HttpResponse<String> response = post("Action=GetCallerIdentity&Version=2011-06-15", "s3");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(text(parse(response.body()), "Code")).isEqualTo("SignatureDoesNotMatch");
		assertThat(text(parse(response.body()), "Message"))
			.isEqualTo("Credential should be scoped to correct service: 'sts'. ");
	}

	@Test
	void requestWhenStsActionSignedForIamThenInvalidAction() throws Exception {
		HttpResponse<String> response = post("Action=GetCallerIdentity&Version=2011-06-15", "iam");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(text(parse(response.body()), "Message"))
			.isEqualTo("Could not find operation GetCallerIdentity for version 2011-06-15");
	}

	private HttpResponse<String> post(String form, boolean signed) throws Exception {
		return post(form, signed ? "sts" : null);
	}

	/**
	 * {@code service}: the one the signature is scoped to, or {@code null} for an
	 * unsigned request.
	 */
	private HttpResponse<String> post(String form, String service) throws Exception {
		byte[] body = form.getBytes(StandardCharsets.UTF_8);
		URI endpoint = URI.create(this.emulator.server.endpoint() + "/");
		SdkHttpRequest unsigned = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(endpoint)
			.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.putHeader("Content-Length", String.valueOf(body.length))
			.build();
		SdkHttpRequest request = (service != null) ? sign(unsigned, body, service) : unsigned;
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).POST(BodyPublishers.ofByteArray(body));
		request.forEachHeader((name, values) -> {
			if (!HEADERS_THE_JDK_CLIENT_SETS.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		return this.http.send(builder.build(), BodyHandlers.ofString());
	}

	private static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String service) {
		return AwsV4HttpSigner.create()
			.sign((sign) -> sign.request(request)
				.payload(ContentStreamProvider.fromByteArray(body))
				.identity(AwsCredentialsIdentity.create(EmulatedUser.DEMO_ACCESS_KEY_ID,
						EmulatedUser.DEMO_SECRET_ACCESS_KEY))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
			.request();
	}

	private static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	private static String text(Document xml, String element) {
		return xml.getElementsByTagNameNS("*", element).item(0).getTextContent();
	}

}
