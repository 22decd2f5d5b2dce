package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalProcess;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.support.SecretServiceExtension;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keychain vault across a restart of a real portal process, against a real Secret
 * Service (GNOME Keyring on a private D-Bus session): a portal stores a key and is
 * killed; the next portal, a new JVM on the same home, lists it and issues with it at
 * once, with no passphrase asked.
 */
@ExtendWith(SecretServiceExtension.class)
class KeychainAcrossRestartTest {

	static final EmulatedUser USER = EmulatedAccounts.user("hkeychain");

	static final String SERVICE = "mfa-portal-h20b-restart";

	@TempDir
	Path home;

	@Test
	void issueWhenThePortalThatStoredTheKeyWasKilledThenTheNextPortalSignsWithItAtOnce(SecretService secrets)
			throws Exception {
		try (TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(USER))) {
			PortalProcess first = portal(secrets, emulator, "first").awaitStarted();
			try {
				HttpResponse<String> stored = LocalVaultPortal.post(first.browser(), "/keys", Map.of("label", "h20b-kc",
						"accessKeyId", USER.accessKeyId(), "secretAccessKey", USER.secretAccessKey()));
				assertThat(stored.statusCode()).as(first::output).isEqualTo(302);
			}
			finally {
				first.kill();
			}
			assertThat(secrets.search("service", SERVICE)).contains(USER.secretAccessKey());

			try (PortalProcess second = portal(secrets, emulator, "second").awaitStarted()) {
				PortalClient browser = second.browser();
				Document keys = Html.parse(browser.get("/keys").body());
				assertThat(keys.selectFirst("[data-vault-state]").attr("data-backend")).isEqualTo("keychain");
				assertThat(keys.selectFirst("[data-vault-state]").attr("data-status")).isEqualTo("READY");
				assertThat(keys.select("[data-unlock-form]")).isEmpty();
				String source = Html.parse(browser.get("/").body())
					.select("select#source option")
					.stream()
					.filter((o) -> o.text().startsWith("h20b-kc "))
					.findFirst()
					.orElseThrow()
					.val();

				HttpResponse<String> issued = LocalVaultPortal.post(browser, "/session-token",
						Map.of("source", source, "serialNumber", USER.device().serialNumber(), "tokenCode",
								EmulatedAccounts.code(USER), "durationSeconds", "900", "profileName", "mfa"));

				assertThat(issued.statusCode()).isEqualTo(200);
				assertThat(PortalClient.snippet(issued.body(), "credentials-file"))
					.contains("aws_access_key_id = ASIA");
				assertThat(emulator.recordedRequests()).filteredOn((r) -> r.action().equals("GetSessionToken"))
					.extracting(RecordedRequest::accessKeyId)
					.containsExactly(USER.accessKeyId());
			}
		}
	}

	private PortalProcess portal(SecretService secrets, TestEmulator emulator, String name) {
		return PortalProcess.launch(this.home, name,
				List.of("-D" + SecretService.ADDRESS_PROPERTY + "=" + secrets.address()),
				Map.of(SecretService.ADDRESS_PROPERTY, secrets.address()),
				List.of("--portal.vault.backend=keychain", "--portal.vault.keychain-service=" + SERVICE,
						"--portal.sts.endpoint=" + emulator.endpoint(), "--portal.sts.region=us-east-1",
						"--spring.datasource.url=jdbc:h2:mem:" + name));
	}

}
