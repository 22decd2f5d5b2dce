package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * Rotating a key of local mode's vault ({@code POST /keys/{id}/rotate} on the local
 * {@code /keys}) through the portal's SDK clients against the emulator's IAM and STS:
 * each key's age from ListAccessKeys, the rotation with a code, and without one where the
 * session served to terminals was made from that very key. Each test has a user and a
 * vault key of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "portal.vault.rotate-confirm-timeout=4s")
@PortalWithEmulator(accounts = false)
@Import(LocalVaultPortal.class)
class VaultRotationIntegrationTest {

	static final EmulatedUser AGED = EmulatedAccounts.user("vaged");

	static final EmulatedUser DENIED = EmulatedAccounts.user("vdenied");

	static final EmulatedUser ROTATES = EmulatedAccounts.user("vrotates");

	static final EmulatedUser NO_CODE = EmulatedAccounts.user("vnocode");

	static final EmulatedUser HELD = EmulatedAccounts.user("vheld");

	static final EmulatedUser OTHER_HELD = EmulatedAccounts.user("votherheld");

	static final EmulatedUser REPLACED = EmulatedAccounts.user("vreplaced");

	static final EmulatedUser REPLACING = EmulatedAccounts.user("vreplacing");

	static final TestEmulator emulator = TestEmulator
		.start(EmulatorSettings.of(AGED, DENIED, ROTATES, NO_CODE, HELD, OTHER_HELD, REPLACED, REPLACING)
			.withIamDeniedUsers(Set.of("vdenied")));

	static final String PASSPHRASE = "a passphrase for the rotation tests";

	@Autowired
	SelectedVault vault;

	@MockitoSpyBean
	StsGateway sts;

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) throws Exception {
		this.browser = launched;
		if (!this.vault.state().usable()) {
			LocalVaultPortal.post(this.browser, "/keys/unlock",
					Map.of("passphrase", PASSPHRASE, "passphraseRepeat", PASSPHRASE));
		}
		assertThat(this.vault.state().usable()).isTrue();
	}

	@Test
	void keysPageWhenVaultKeysThenEachAgeFromIamAndUnknownWhereIamDenies() throws Exception {
		String known = store(AGED).id();
		String unknown = store(DENIED).id();

		Document page = Html.parse(this.browser.get("/keys").body());

		assertThat(page.selectFirst("tr[data-key=" + known + "] [data-key-age]").attr("data-key-age")).isEqualTo("0");
		assertThat(page.selectFirst("tr[data-key=" + unknown + "] [data-key-age]").attr("data-key-age"))
			.isEqualTo("unknown");
		assertThat(page.selectFirst("tr[data-key=" + known + "] [data-rotate-form] button").text()).isEqualTo("Rotate");
	}

	@Test
	void rotateWhenACodeIsGivenThenTheVaultHoldsTheNewKeyThatWorksAndTheOldStops() throws Exception {
		VaultKey key = store(ROTATES);

		Element said = rotate(key.id(),
				Map.of("serialNumber", ROTATES.device().serialNumber(), "tokenCode", EmulatedAccounts.code(ROTATES)));

		assertThat(said.attr("data-rotation-key")).as(said.text()).isEqualTo("accesskey.rotate.done");
		LongTermKey stored = this.vault.secret(key.id()).orElseThrow();
		assertThat(stored.accessKeyId()).isNotEqualTo(ROTATES.accessKeyId()).startsWith("AKIA");
		assertThat(this.vault.find(key.id()).orElseThrow().label()).isEqualTo(key.label());
		assertThat(sts(stored.accessKeyId(), stored.secretAccessKey()).getCallerIdentity().arn())
			.endsWith(":user/vrotates");
		StsException old = catchThrowableOfType(StsException.class,
				() -> sts(ROTATES.accessKeyId(), ROTATES.secretAccessKey()).getCallerIdentity());
		assertThat(old.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
	}

	@Test
	void rotateWhenNoSessionOfThatKeyIsHeldAndNoCodeThenACodeIsAskedAndNothingIsCalled() throws Exception {
		VaultKey key = store(NO_CODE);
		// A session is held, but made from another key: it does not count.
		issueAndServe(store(OTHER_HELD), OTHER_HELD);
		emulator.clearRecordedRequests();

		Element said = rotate(key.id(), Map.of());

		assertThat(said.attr("data-rotation-key")).isEqualTo("accesskey.rotate.invalid");
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action)
			.doesNotContain("GetSessionToken", "CreateAccessKey");
		assertThat(this.vault.secret(key.id()).orElseThrow().accessKeyId()).isEqualTo(NO_CODE.accessKeyId());
	}

	@Test
	void rotateWhenASessionMadeFromThatKeyIsHeldThenNoCodeIsAskedAndTheHeldSessionSigns() throws Exception {
		VaultKey key = store(HELD);
		String session = issueAndServe(key, HELD);
		emulator.clearRecordedRequests();

		Element said = rotate(key.id(), Map.of());

		assertThat(said.attr("data-rotation-key")).as(said.text()).isEqualTo("accesskey.rotate.done");
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action).doesNotContain("GetSessionToken");
		assertThat(emulator.recordedRequests()).filteredOn((r) -> r.action().equals("CreateAccessKey"))
			.extracting(RecordedRequest::accessKeyId)
			.containsExactly(session);
		assertThat(this.vault.secret(key.id()).orElseThrow().accessKeyId()).isNotEqualTo(HELD.accessKeyId());
	}

	/**
	 * The key was replaced (rotated in another tab, or removed and another user's stored
	 * under its label) after it signed GetSessionToken and before STS answered: the held
	 * session is the signing key's, and the new key's rotation still asks for a code.
	 */
	@Test
	void rotateWhenTheKeyWasReplacedWhileItsSessionWasIssuedThenThatSessionDoesNotCountForTheNewKey() throws Exception {
		VaultKey key = store(REPLACED);
		doAnswer((call) -> {
			Object issued = call.callRealMethod();
			this.vault.replace(key.id(), new LongTermKey(REPLACING.accessKeyId(), REPLACING.secretAccessKey()));
			return issued;
		}).when(this.sts).getSessionToken(any(), any());
		issueAndServe(key, REPLACED);
		emulator.clearRecordedRequests();

		Element said = rotate(key.id(), Map.of());

		assertThat(said.attr("data-rotation-key")).as(said.text()).isEqualTo("accesskey.rotate.invalid");
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action)
			.doesNotContain("GetSessionToken", "CreateAccessKey");
		assertThat(this.vault.secret(key.id()).orElseThrow().accessKeyId()).isEqualTo(REPLACING.accessKeyId());
	}

	private VaultKey store(EmulatedUser user) throws Exception {
		String label = user.userName() + "-key";
		HttpResponse<String> stored = LocalVaultPortal.post(this.browser, "/keys",
				Map.of("label", label, "accessKeyId", user.accessKeyId(), "secretAccessKey", user.secretAccessKey()));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(302);
		this.browser.get("/keys");
		return this.vault.list().stream().filter((k) -> k.label().equals(label)).findFirst().orElseThrow();
	}

	/**
	 * Issues with the vault key, ticking "keep for my terminals"; the session's key id.
	 */
	private String issueAndServe(VaultKey key, EmulatedUser user) throws Exception {
		String source = Html.parse(this.browser.get("/").body())
			.select("select#source option")
			.stream()
			.filter((option) -> option.text().startsWith(key.label() + " "))
			.findFirst()
			.orElseThrow()
			.val();
		HttpResponse<String> result = LocalVaultPortal.post(this.browser, "/session-token",
				Map.of("source", source, "serialNumber", user.device().serialNumber(), "tokenCode",
						Totp.currentCode(user.device().base32Secret(), Clock.systemUTC()), "durationSeconds", "900",
						"profileName", "mfa", "serve", "true"));
		assertThat(result.statusCode()).as(() -> Html.parse(result.body()).select(".notice, .field-error").text())
			.isEqualTo(200);
		return Html.parse(result.body()).selectFirst("[data-credential=accessKeyId]").text();
	}

	private Element rotate(String id, Map<String, String> fields) throws Exception {
		HttpResponse<String> posted = LocalVaultPortal.post(this.browser, "/keys/" + id + "/rotate", fields);
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		return Html.byId(this.browser.get("/keys").body(), "rotation-result");
	}

	private static StsClient sts(String accessKeyId, String secret) {
		return StsClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(emulator.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
			.build();
	}

}
