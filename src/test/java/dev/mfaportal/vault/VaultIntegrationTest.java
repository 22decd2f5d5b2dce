package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode's {@code /keys} over HTTP with the file vault: created with a passphrase
 * typed twice, a pair checked by the portal's real SDK client against the emulator
 * (GetCallerIdentity, ListMFADevices) before it is stored, listed first in the form's
 * source selector, and issuing with it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator(accounts = false)
@Import(LocalVaultPortal.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultIntegrationTest {

	static final EmulatedUser VAULTY = EmulatedAccounts.user("vaulty");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(VAULTY));

	static final String PASSPHRASE = "a passphrase for the tests";

	@Autowired
	SelectedVault vault;

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) {
		this.browser = launched;
		emulator.clearRecordedRequests();
	}

	@Test
	@Order(1)
	void keysPageWhenNoVaultFileThenSaysTheFileAndAsksForANewPassphraseTwice() throws Exception {
		Document page = Html.parse(this.browser.get("/keys").body());

		assertThat(page.selectFirst("[data-vault-state]").attr("data-backend")).isEqualTo("file");
		assertThat(page.selectFirst("[data-vault-state]").attr("data-status")).isEqualTo("NEW");
		assertThat(page.select("[data-unlock-form] input[type=password]")).extracting((e) -> e.attr("name"))
			.containsExactly("passphrase", "passphraseRepeat");
	}

	@Test
	@Order(2)
	void storeWhenPairWorksThenCheckedWithStsShownWithItsUserAndDevicesAndListedFirstInTheForm() throws Exception {
		unlocked();

		HttpResponse<String> stored = LocalVaultPortal.post(this.browser, "/keys", Map.of("label", "vaulty-key",
				"accessKeyId", VAULTY.accessKeyId(), "secretAccessKey", VAULTY.secretAccessKey()));

		assertThat(stored.statusCode()).isEqualTo(302);
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action).contains("GetCallerIdentity");
		Document page = Html.parse(this.browser.get("/keys").body());
		assertThat(page.selectFirst("[data-flash]").attr("data-flash-key")).isEqualTo("vault.flash.added");
		assertThat(page.selectFirst("[data-finding-arn]").text()).contains("arn:aws:iam::123456789012:user/vaulty");
		assertThat(page.select("[data-finding-devices] code")).extracting(Element::text)
			.containsExactly(VAULTY.device().serialNumber());
		assertThat(page.select("[data-keys] tbody th")).extracting(Element::text).containsExactly("vaulty-key");
		assertThat(page.html()).doesNotContain(VAULTY.secretAccessKey());

		Element first = Html.parse(this.browser.get("/").body()).selectFirst("select#source option");
		assertThat(first.text()).isEqualTo("vaulty-key (in the vault) · AKIA…0000");
	}

	@Test
	@Order(3)
	void issueWhenTheVaultKeySignsThenCredentialsAreIssued() throws Exception {
		unlocked();
		String source = Html.parse(this.browser.get("/").body()).selectFirst("select#source option").val();

		HttpResponse<String> result = LocalVaultPortal.post(this.browser, "/session-token",
				Map.of("source", source, "serialNumber", VAULTY.device().serialNumber(), "tokenCode",
						Totp.currentCode(VAULTY.device().base32Secret(), Clock.systemUTC()), "durationSeconds", "900",
						"profileName", "mfa"));

		assertThat(result.statusCode()).as(() -> Html.parse(result.body()).select(".notice, .field-error").text())
			.isEqualTo(200);
		assertThat(PortalClient.snippet(result.body(), "credentials-file")).contains("aws_access_key_id = ASIA");
		assertThat(emulator.recordedRequests()).filteredOn((r) -> r.action().equals("GetSessionToken"))
			.extracting(RecordedRequest::accessKeyId)
			.containsExactly(VAULTY.accessKeyId());
	}

	@Test
	@Order(4)
	void storeWhenStsRejectsThePairThenRefusedInWordsAndNothingStored() throws Exception {
		unlocked();
		int before = this.vault.list().size();
		String wrongSecret = "WrongSecret/0000000000000000000000000000";

		HttpResponse<String> refused = LocalVaultPortal.post(this.browser, "/keys",
				Map.of("label", "wrong", "accessKeyId", VAULTY.accessKeyId(), "secretAccessKey", wrongSecret));

		assertThat(refused.statusCode()).isEqualTo(400);
		Document page = Html.parse(refused.body());
		assertThat(page.select("[data-global-error]")).first()
			.extracting(Element::text)
			.isEqualTo("AWS did not accept this key pair, so it was not stored.");
		assertThat(page.html()).doesNotContain(wrongSecret);
		assertThat(this.vault.list()).hasSize(before);
	}

	@Test
	@Order(5)
	void removeWhenAskedThenTheKeyLeavesTheVault() throws Exception {
		unlocked();
		String id = this.vault.list().get(0).id();

		HttpResponse<String> removed = LocalVaultPortal.post(this.browser, "/keys/" + id + "/delete", Map.of());

		assertThat(removed.statusCode()).isEqualTo(302);
		assertThat(this.vault.find(id)).isEmpty();
	}

	private void unlocked() throws Exception {
		if (!this.vault.state().usable()) {
			LocalVaultPortal.post(this.browser, "/keys/unlock",
					Map.of("passphrase", PASSPHRASE, "passphraseRepeat", PASSPHRASE));
		}
		assertThat(this.vault.state().usable()).isTrue();
	}

}
