package dev.mfaportal.rotation;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.ForcedFailure;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

/**
 * {@code POST /keys/{id}/rotate} in team mode, end to end: a member's stored key rotated
 * through the portal's SDK clients against the emulator's IAM and STS, which check every
 * signature, so "the old key stops working" is what STS answers. Each failure path keeps
 * a working key in the store and says what to do. Each test rotates a user of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=first-admin-password-1",
				"portal.encryption.key=AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=",
				"portal.vault.rotate-confirm-timeout=4s", "logging.level.dev.mfaportal=DEBUG",
				"logging.level.software.amazon.awssdk=DEBUG", "logging.level.software.amazon.awssdk.request=DEBUG" })
@ActiveProfiles("team")
@ExtendWith(OutputCaptureExtension.class)
@PortalWithEmulator(accounts = false)
class KeyRotationIntegrationTest {

	static final EmulatedUser ROTATED = EmulatedAccounts.user("rotated");

	static final EmulatedUser STORE_FAILS = EmulatedAccounts.user("storefails");

	static final EmulatedUser NEVER_WORKS = EmulatedAccounts.user("neverworks");

	static final EmulatedUser OLD_STAYS = EmulatedAccounts.user("oldstays");

	static final EmulatedUser TWO_KEYS = EmulatedAccounts.user("twokeys");

	static final EmulatedUser DENIED = EmulatedAccounts.user("denied");

	static final EmulatedUser AGED = EmulatedAccounts.user("aged");

	static final EmulatedUser STORED_THREW = EmulatedAccounts.user("storedthrew");

	static final EmulatedUser CACHED = EmulatedAccounts.user("cachedage");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings
		.of(ROTATED, STORE_FAILS, NEVER_WORKS, OLD_STAYS, TWO_KEYS, DENIED, AGED, STORED_THREW, CACHED)
		.withIamDeniedUsers(Set.of("denied")));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@MockitoSpyBean
	RotatableKeys keys;

	@AfterEach
	void heal() {
		emulator.heal();
		emulator.setKeyPropagationDelay(Duration.ZERO);
		SecurityContextHolder.clearContext();
	}

	@Test
	void rotateWhenEveryStepWorksThenTheOldKeyStopsTheNewWorksAndTheStoreAndHistoryHoldIt(CapturedOutput output)
			throws Exception {
		PortalClient admin = admin();
		String id = store(admin, "Rotated", ROTATED);
		// IAM takes a moment: the confirmation must wait for it
		emulator.setKeyPropagationDelay(Duration.ofMillis(1500));

		Element said = rotate(admin, id, ROTATED);

		assertThat(said.attr("data-rotation-key")).isEqualTo("accesskey.rotate.done");
		KeyPair stored = storedPair(id);
		assertThat(stored.accessKeyId()).isNotEqualTo(ROTATED.accessKeyId()).startsWith("AKIA");
		assertThat(said.text()).contains(stored.accessKeyId()).contains(ROTATED.accessKeyId());
		assertThat(sts(AwsBasicCredentials.create(stored.accessKeyId(), stored.secretAccessKey())).getCallerIdentity()
			.arn()).endsWith(":user/rotated");
		assertThat(stsError(AwsBasicCredentials.create(ROTATED.accessKeyId(), ROTATED.secretAccessKey())))
			.isEqualTo("InvalidClientTokenId");
		assertThat(history("Rotated")).containsExactly("KEY_STORED", "ISSUED", "KEY_CREATED", "KEY_NEW_STORED",
				"KEY_CONFIRMED", "KEY_OLD_DELETED");
		// The new secret, which IAM showed once: encrypted in the store, in no log line
		// (the SDK logged at DEBUG) and in no column in plain text.
		assertThat(output.getAll()).contains("iam/aws4_request")
			.doesNotContain(stored.secretAccessKey())
			.doesNotContain(ROTATED.secretAccessKey());
		assertThat(this.jdbc.sql("select * from access_key").query().listOfRows().toString())
			.doesNotContain(stored.secretAccessKey());
		assertThat(this.jdbc.sql("select * from audit_event").query().listOfRows().toString())
			.doesNotContain(stored.secretAccessKey())
			.doesNotContain(stored.accessKeyId());
	}

	@Test
	void rotateWhenTheNewPairCantBeStoredThenItIsDeletedAtAwsAndTheOldKeptWorking() throws Exception {
		PortalClient admin = admin();
		String id = store(admin, "Store fails", STORE_FAILS);
		doThrow(new IllegalStateException("disk full")).when(this.keys).replace(anyString(), any());

		Element said = rotate(admin, id, STORE_FAILS);

		assertThat(said.attr("data-rotation-key")).isEqualTo("accesskey.rotate.notStored");
		assertOldKeptAndAlone(id, STORE_FAILS);
		assertThat(history("Store fails")).containsExactly("KEY_STORED", "ISSUED", "KEY_CREATED", "KEY_STEP_FAILED",
				"KEY_UNDONE");
	}

	@Test
	void rotateWhenTheStoreThrowsYetHoldsTheNewPairThenTheNewKeyIsKeptAndTheOldDeleted() throws Exception {
		PortalClient admin = admin();
		String id = store(admin, "Stored threw", STORED_THREW);
		doAnswer((stored) -> {
			stored.callRealMethod();
			throw new IllegalStateException("stored, then the connection dropped");
		}).when(this.keys).replace(anyString(), any());

		Element said = rotate(admin, id, STORED_THREW);

		assertThat(said.attr("data-rotation-key")).as(said.text()).isEqualTo("accesskey.rotate.done");
		KeyPair stored = storedPair(id);
		assertThat(stored.accessKeyId()).isNotEqualTo(STORED_THREW.accessKeyId());
		assertThat(iam(AwsBasicCredentials.create(stored.accessKeyId(), stored.secretAccessKey())).listAccessKeys()
			.accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId).containsExactly(stored.accessKeyId());
	}

	@Test
	void keysPageWhenShownAgainThenIamIsNotAskedAgainForTheSameKey() throws Exception {
		PortalClient admin = admin();
		emulator.clearRecordedRequests();
		store(admin, "Cached age", CACHED);

		admin.get("/keys");
		admin.get("/keys");

		assertThat(emulator.recordedRequests())
			.filteredOn((r) -> r.action().equals("ListAccessKeys") && CACHED.accessKeyId().equals(r.accessKeyId()))
			.hasSize(1);
	}

	@Test
	void rotateWhenTheNewKeyNeverWorksThenItIsDeletedAtAwsAndTheOldPutBack() throws Exception {
		PortalClient admin = admin();
		String id = store(admin, "Never works", NEVER_WORKS);
		emulator.setKeyPropagationDelay(Duration.ofMinutes(10));

		Element said = rotate(admin, id, NEVER_WORKS);

		assertThat(said.attr("data-rotation-key")).isEqualTo("accesskey.rotate.notConfirmed");
		assertOldKeptAndAlone(id, NEVER_WORKS);
		assertThat(history("Never works")).containsExactly("KEY_STORED", "ISSUED", "KEY_CREATED", "KEY_NEW_STORED",
				"KEY_STEP_FAILED", "KEY_UNDONE");
	}

	@Test
	void rotateWhenTheOldKeyCantBeDeletedThenTheNewIsKeptAndThePageNamesTheKeyToDeleteByHand() throws Exception {
		PortalClient admin = admin();
		String id = store(admin, "Old stays", OLD_STAYS);
		emulator.setForcedFailure(ForcedFailure.internalFailure().onlyFor("DeleteAccessKey"));

		Element said = rotate(admin, id, OLD_STAYS);

		assertThat(said.attr("data-rotation-key")).isEqualTo("accesskey.rotate.oldNotDeleted");
		assertThat(said.text()).contains("aws iam delete-access-key --access-key-id " + OLD_STAYS.accessKeyId());
		KeyPair stored = storedPair(id);
		assertThat(stored.accessKeyId()).isNotEqualTo(OLD_STAYS.accessKeyId());
		assertThat(keyIds(OLD_STAYS)).containsExactly(OLD_STAYS.accessKeyId(), stored.accessKeyId());
	}

	@Test
	void rotateWhenTheUserHasTwoKeysThenRefusedBeforeAnyCallThatSpendsTheCodeAndTheOtherKeyNamed() throws Exception {
		Credentials session = mfaSession(TWO_KEYS, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30)));
		String other = iam(
				AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))
			.createAccessKey()
			.accessKey()
			.accessKeyId();
		PortalClient admin = admin();
		String id = store(admin, "Two keys", TWO_KEYS);
		emulator.clearRecordedRequests();

		Element said = rotate(admin, id, TWO_KEYS);

		assertThat(said.attr("data-rotation-key")).isEqualTo("accesskey.rotate.twoKeys");
		assertThat(said.text()).contains(other);
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action).containsOnly("ListAccessKeys");
		assertThat(storedPair(id).accessKeyId()).isEqualTo(TWO_KEYS.accessKeyId());
		assertThat(history("Two keys")).containsExactly("KEY_STORED", "KEY_ROTATION_REFUSED");
	}

	@Test
	void keysPageWhenIamAnswersThenEachKeysAgeAndWhereItDeniesUnknown() throws Exception {
		PortalClient admin = admin();
		String known = store(admin, "Aged", AGED);
		String unknown = store(admin, "Denied", DENIED);

		Document page = Html.parse(admin.get("/keys").body());

		assertThat(page.selectFirst("tr[data-key=" + known + "] [data-key-age]").attr("data-key-age")).isEqualTo("0");
		assertThat(page.selectFirst("tr[data-key=" + unknown + "] [data-key-age]").attr("data-key-age"))
			.isEqualTo("unknown");
		assertThat(page.selectFirst("tr[data-key=" + unknown + "] [data-key-age]").text()).isEqualTo("unknown");
	}

	private void assertOldKeptAndAlone(String id, EmulatedUser user) {
		assertThat(storedPair(id).accessKeyId()).isEqualTo(user.accessKeyId());
		assertThat(keyIds(user)).containsExactly(user.accessKeyId());
		assertThat(
				sts(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())).getCallerIdentity().arn())
			.endsWith(":user/" + user.userName());
	}

	private PortalClient admin() throws Exception {
		PortalClient admin = new PortalClient(this.port);
		assertThat(admin.login("admin", "first-admin-password-1").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return admin;
	}

	private String store(PortalClient admin, String label, EmulatedUser user) throws Exception {
		HttpResponse<String> stored = admin.post("/keys",
				Map.of("label", label, "accessKeyId", user.accessKeyId(), "secretAccessKey", user.secretAccessKey()),
				true);
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(302);
		// the page the redirect leads to takes its notice, which would otherwise wait
		// there
		admin.get("/keys");
		return String.valueOf(this.jdbc.sql("select id from access_key where owner = 'admin' and label = ?")
			.param(label)
			.query(Long.class)
			.single());
	}

	/** Posts the rotation with the device's current code; the keys page's notice. */
	private Element rotate(PortalClient admin, String id, EmulatedUser user) throws Exception {
		HttpResponse<String> posted = admin.post("/keys/" + id + "/rotate",
				Map.of("serialNumber", user.device().serialNumber(), "tokenCode", EmulatedAccounts.code(user)), true);
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		return Html.byId(admin.get("/keys").body(), "rotation-result");
	}

	private KeyPair storedPair(String id) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
		return this.keys.find(id).orElseThrow();
	}

	private List<String> history(String label) {
		// the member stored the key first (KEY_STORED), then the rotation's own steps
		return this.jdbc.sql("select outcome from audit_event where source = ? order by id")
			.param(label)
			.query(String.class)
			.list();
	}

	private static List<String> keyIds(EmulatedUser user) {
		return iam(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())).listAccessKeys()
			.accessKeyMetadata()
			.stream()
			.map(AccessKeyMetadata::accessKeyId)
			.toList();
	}

	private static Credentials mfaSession(EmulatedUser user, Clock clock) {
		return sts(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey()))
			.getSessionToken((r) -> r.serialNumber(user.device().serialNumber())
				.tokenCode(Totp.currentCode(user.device().base32Secret(), clock))
				.durationSeconds(900))
			.credentials();
	}

	private static StsClient sts(AwsCredentials credentials) {
		return StsClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(emulator.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

	private static String stsError(AwsCredentials credentials) {
		StsException error = catchThrowableOfType(StsException.class, () -> sts(credentials).getCallerIdentity());
		assertThat(error).isNotNull();
		return error.awsErrorDetails().errorCode();
	}

	private static IamClient iam(AwsCredentials credentials) {
		return IamClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(URI.create(emulator.endpoint().toString()))
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

}
