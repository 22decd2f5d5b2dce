package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.security.HostileValues;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 seeded hostile labels, key ids and passphrases each ({@link HostileValues}, as the
 * other hostile-input tests): every one gets a clear error on the page, never a 5xx, and
 * the vault (its keys and its file, byte for byte) is as it was.
 * {@code -Dportal.fuzz.seed=N} replays a run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator(accounts = false)
@Import(LocalVaultPortal.class)
class VaultHostileInputIntegrationTest {

	static final EmulatedUser HOSTILE = EmulatedAccounts.user("hostile");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(HOSTILE));

	static final long SEED = Long.getLong("portal.fuzz.seed", 20261206L);

	static final int VALUES = 200;

	static final String PASSPHRASE = "the right passphrase, not hostile";

	@Autowired
	SelectedVault vault;

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) throws Exception {
		this.browser = launched;
		if (!this.vault.state().usable()) {
			LocalVaultPortal.post(this.browser, "/keys/unlock",
					Map.of("passphrase", PASSPHRASE, "passphraseRepeat", PASSPHRASE));
		}
		if (this.vault.list().isEmpty()) {
			this.vault.store("kept",
					new dev.mfaportal.credentialsource.LongTermKey(HOSTILE.accessKeyId(), HOSTILE.secretAccessKey()));
		}
	}

	@Test
	void storeWhenLabelOrKeyIdIsHostileThenAClearErrorNo5xxAndTheVaultUnchanged() throws Exception {
		HostileValues values = new HostileValues(SEED);
		List<VaultKey> before = this.vault.list();
		byte[] file = Files.readAllBytes(vaultFile());
		for (int i = 0; i < VALUES; i++) {
			String label = values.next("kept");
			String keyId = values.next(HOSTILE.accessKeyId());
			// a secret of the right shape that AWS refuses: what passes the checks
			// reaches
			// the emulator and is refused there, so nothing can be stored
			Map<String, String> form = Map.of("label", label, "accessKeyId", keyId, "secretAccessKey",
					values.next("WrongButWellFormedSecret/000000000000000"));

			HttpResponse<String> answer = LocalVaultPortal.post(this.browser, "/keys", form);

			assertThat(answer.statusCode()).as("label %s, key id %s", label, keyId).isEqualTo(400);
			Document page = Html.parse(answer.body());
			assertThat(page.select(".field-error, [data-global-error]")).as("an error in words").isNotEmpty();
			assertThat(page.select("script:not([src])")).isEmpty();
		}
		assertThat(this.vault.list()).isEqualTo(before);
		assertThat(Files.readAllBytes(vaultFile())).isEqualTo(file);
	}

	@Test
	void unlockWhenThePassphraseIsHostileThenAClearErrorNo5xxAndTheVaultUnchanged() throws Exception {
		HostileValues values = new HostileValues(SEED + 1);
		List<VaultKey> before = this.vault.list();
		byte[] file = Files.readAllBytes(vaultFile());
		for (int i = 0; i < VALUES; i++) {
			String passphrase = values.next(null);

			HttpResponse<String> answer = LocalVaultPortal.post(this.browser, "/keys/unlock",
					Map.of("passphrase", passphrase, "passphraseRepeat", values.next(passphrase)));

			assertThat(answer.statusCode()).as(passphrase).isEqualTo(302);
			Document page = Html.parse(this.browser.get("/keys").body());
			assertThat(page.select("[data-vault-error]")).as("an error in words for %s", passphrase).hasSize(1);
		}
		assertThat(this.vault.list()).isEqualTo(before);
		assertThat(Files.readAllBytes(vaultFile())).isEqualTo(file);
	}

	private Path vaultFile() {
		return Path.of(this.vault.state().where());
	}

}
