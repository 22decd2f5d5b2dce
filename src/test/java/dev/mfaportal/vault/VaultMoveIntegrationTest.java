package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.H2Files;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Move into the vault" and "Put back into the file" over HTTP, with the portal's real
 * SDK client against the emulator: the pair is stored, read back and confirmed before the
 * two key lines leave the credentials file (every other byte stays); afterwards no file
 * under the home folder, no table and no log line holds the secret, and the profile's
 * name, device and role profile still work. A pair AWS rejects leaves everything as it
 * was.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.mfaportal=DEBUG", "logging.level.software.amazon.awssdk.request=DEBUG" })
@PortalWithEmulator(accounts = false)
@Import(LocalVaultPortal.class)
@ExtendWith(OutputCaptureExtension.class)
class VaultMoveIntegrationTest {

	static final EmulatedUser MOVER = EmulatedAccounts.user("mover", "AKIAMOVERCANARY00001",
			"MoverSecretCanary/0000000000000000000001");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(MOVER));

	static final String PASSPHRASE = "a passphrase for the move tests";

	static final String OTHER = "# my other keys\r\n[other]\r\nregion = us-west-2\r\n\r\n";

	@Autowired
	SelectedVault vault;

	@Autowired
	CredentialSources sources;

	@Autowired
	JdbcClient jdbc;

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) throws Exception {
		this.browser = launched;
		if (!this.vault.state().usable()) {
			LocalVaultPortal.post(this.browser, "/keys/unlock",
					Map.of("passphrase", PASSPHRASE, "passphraseRepeat", PASSPHRASE));
		}
		this.vault.list().forEach((key) -> this.vault.remove(key.id()));
		Files.writeString(LocalVaultPortal.configFile(), "[profile work]\r\nmfa_serial = "
				+ MOVER.device().serialNumber()
				+ "\r\n\r\n[profile admin]\r\nrole_arn = arn:aws:iam::123456789012:role/admin\r\nsource_profile = work\r\n");
	}

	@Test
	void moveWhenTheKeysWorkThenTheFileLosesOnlyTheKeyLinesAndNothingOnDiskHoldsTheSecret(CapturedOutput output)
			throws Exception {
		writeCredentials(OTHER + "[work]\r\naws_access_key_id = " + MOVER.accessKeyId() + "\r\naws_secret_access_key = "
				+ MOVER.secretAccessKey() + "\r\n");
		Document offered = Html.parse(this.browser.get("/keys").body());
		assertThat(offered.select("[data-movable] [data-profile]")).extracting((e) -> e.attr("data-profile"))
			.containsExactly("work");
		emulator.clearRecordedRequests();

		HttpResponse<String> moved = LocalVaultPortal.post(this.browser, "/keys/import", Map.of("profile", "work"));

		assertThat(moved.statusCode()).isEqualTo(302);
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action)
			.containsExactly("GetCallerIdentity");
		// the emptied section goes, with the blank line before it at the end (as the
		// profile writer removes a section)
		assertThat(Files.readString(LocalVaultPortal.credentialsFile())).isEqualTo(OTHER.stripTrailing() + "\r\n");
		assertThat(this.vault.list()).singleElement().satisfies((key) -> assertThat(key.label()).isEqualTo("work"));
		// the same name, its device and the role built on it
		assertThat(this.sources.list().get(0).id()).isEqualTo("profile:work");
		assertThat(this.sources.list().get(0).mfaSerial()).isEqualTo(MOVER.device().serialNumber());
		assertThat(this.sources.roleProfiles()).singleElement()
			.satisfies((role) -> assertThat(role.sourceId()).isEqualTo("profile:work"));
		HttpResponse<String> issued = LocalVaultPortal.post(this.browser, "/session-token",
				Map.of("source", "profile:work", "serialNumber", MOVER.device().serialNumber(), "tokenCode",
						Totp.currentCode(MOVER.device().base32Secret(), Clock.systemUTC()), "durationSeconds", "900",
						"profileName", "mfa"));
		assertThat(issued.statusCode()).isEqualTo(200);
		// no byte of the secret on disk (the vault file is encrypted), in a table or a
		// log
		for (Path root : List.of(LocalVaultPortal.HOME, Path.of(this.vault.state().where()).getParent())) {
			for (Path file : files(root)) {
				assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
					.doesNotContain(MOVER.secretAccessKey());
			}
		}
		assertThat(H2Files.everyValueInEveryTable(this.jdbc)).doesNotContain(MOVER.secretAccessKey());
		assertThat(output.getAll()).doesNotContain(MOVER.secretAccessKey());
	}

	@Test
	void moveWhenAwsRejectsThePairThenTheFileIsAsItWasAndTheVaultHoldsNothing() throws Exception {
		String text = OTHER + "[work]\r\naws_access_key_id = " + MOVER.accessKeyId()
				+ "\r\naws_secret_access_key = WrongSecretNotAccepted/00000000000000001\r\n";
		writeCredentials(text);

		LocalVaultPortal.post(this.browser, "/keys/import", Map.of("profile", "work"));

		Document page = Html.parse(this.browser.get("/keys").body());
		assertThat(page.selectFirst("[data-vault-error]").text()).startsWith("AWS did not accept the keys");
		assertThat(Files.readString(LocalVaultPortal.credentialsFile())).isEqualTo(text);
		assertThat(this.vault.list()).isEmpty();
	}

	@Test
	void putBackWhenConfirmedThenTheKeysAreInTheFileAgainAndOutOfTheVault() throws Exception {
		writeCredentials(OTHER);
		this.vault.store("work",
				new dev.mfaportal.credentialsource.LongTermKey(MOVER.accessKeyId(), MOVER.secretAccessKey()));
		String id = this.vault.list().get(0).id();

		LocalVaultPortal.post(this.browser, "/keys/putback", Map.of("id", id));
		assertThat(Files.readString(LocalVaultPortal.credentialsFile())).isEqualTo(OTHER);
		assertThat(this.vault.list()).hasSize(1);

		LocalVaultPortal.post(this.browser, "/keys/putback", Map.of("id", id, "confirm", "true"));

		assertThat(Files.readString(LocalVaultPortal.credentialsFile()))
			.isEqualTo(OTHER + "[work]\r\naws_access_key_id = " + MOVER.accessKeyId() + "\r\naws_secret_access_key = "
					+ MOVER.secretAccessKey() + "\r\n");
		assertThat(this.vault.list()).isEmpty();
	}

	private static void writeCredentials(String text) throws Exception {
		Files.writeString(LocalVaultPortal.credentialsFile(), text);
	}

	private static List<Path> files(Path root) throws Exception {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile).forEach(files::add);
		}
		return files;
	}

}
