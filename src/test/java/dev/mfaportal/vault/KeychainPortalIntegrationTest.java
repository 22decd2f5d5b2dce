package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.support.SecretServiceExtension;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal with {@code portal.vault.backend=keychain} against a real Secret Service: a
 * key stored on {@code /keys} is an item of the keychain (seen from outside with
 * {@code secret-tool}), the page says the keychain is in use, no passphrase is asked, and
 * the key signs GetSessionToken through the real SDK client.
 */
@ExtendWith(SecretServiceExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.vault.backend=keychain", "portal.vault.keychain-service=mfa-portal-it" })
@PortalWithEmulator(accounts = false)
@Import(LocalVaultPortal.class)
class KeychainPortalIntegrationTest {

	static final EmulatedUser KEYCHAIN_USER = EmulatedAccounts.user("kcuser");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(KEYCHAIN_USER));

	@Autowired
	SelectedVault vault;

	@Test
	void storeWhenKeychainThenTheSecretServiceHoldsItAndItSignsAtOnce(PortalClient browser, SecretService secrets)
			throws Exception {
		Document page = Html.parse(browser.get("/keys").body());
		assertThat(page.selectFirst("[data-vault-state]").attr("data-backend")).isEqualTo("keychain");
		assertThat(page.select("[data-unlock-form]")).isEmpty();

		HttpResponse<String> stored = LocalVaultPortal.post(browser, "/keys", Map.of("label", "kc", "accessKeyId",
				KEYCHAIN_USER.accessKeyId(), "secretAccessKey", KEYCHAIN_USER.secretAccessKey()));

		assertThat(stored.statusCode()).isEqualTo(302);
		String id = this.vault.list().get(0).id();
		assertThat(secrets.search("service", "mfa-portal-it", "account", "key:" + id))
			.contains(KEYCHAIN_USER.secretAccessKey());
		String source = Html.parse(browser.get("/").body()).selectFirst("select#source option").val();
		HttpResponse<String> issued = LocalVaultPortal.post(browser, "/session-token",
				Map.of("source", source, "serialNumber", KEYCHAIN_USER.device().serialNumber(), "tokenCode",
						Totp.currentCode(KEYCHAIN_USER.device().base32Secret(), Clock.systemUTC()), "durationSeconds",
						"900", "profileName", "mfa"));
		assertThat(issued.statusCode()).isEqualTo(200);
		assertThat(PortalClient.snippet(issued.body(), "credentials-file")).contains("aws_access_key_id = ASIA");
	}

}
