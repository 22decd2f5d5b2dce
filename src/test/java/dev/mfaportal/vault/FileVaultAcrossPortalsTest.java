package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalProcess;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault file shared by real portals, each a JVM of its own on one home folder (and so
 * one {@code ~/.mfa-portal/vault}): two started at once, unlocked at once (one creates
 * the file, the other opens it) and saving keys in parallel through {@code POST /keys}
 * (each checked by the portal's SDK client against the emulator) leave a file that opens
 * and holds every key either portal reported stored, with its secret; after both are
 * killed, a third portal is locked until unlocked, then issues with a key the others
 * stored, until another makes the file anew: then it is locked again, saying why. Each
 * portal has its own in-memory database and launch folder: two portals on one data folder
 * would otherwise meet on the database file and hand over to each other
 * ({@code SecondStartIT}); here only the vault is shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileVaultAcrossPortalsTest {

	static final int KEYS_EACH = 4;

	static final String PASSPHRASE = "h20b a passphrase of two portals";

	static final String ANEW = "h3 the passphrase of a vault made anew";

	/** One IAM user per key: a user's code is accepted once, as STS does. */
	static final List<EmulatedUser> USERS = IntStream.range(0, 2 * KEYS_EACH)
		.mapToObj((i) -> EmulatedAccounts.user("hvault" + (char) ('a' + i)))
		.toList();

	final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(USERS.toArray(EmulatedUser[]::new)));

	/** Static: both tests use the one home. */
	@TempDir
	static Path home;

	final List<String> stored = new ArrayList<>();

	@AfterAll
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	@Order(1)
	void savesWhenTwoPortalsStartedAtOnceSaveInParallelThenTheFileOpensWithEveryKeyEitherStored() throws Exception {
		PortalProcess first = portal("first");
		PortalProcess second = portal("second");
		try {
			first.awaitStarted();
			second.awaitStarted();
			List<PortalProcess> both = List.of(first, second);
			ExecutorService pool = Executors.newFixedThreadPool(2 * KEYS_EACH);
			try {
				for (Future<HttpResponse<String>> unlock : pool.invokeAll(both.stream()
					.<Callable<HttpResponse<String>>>map((portal) -> () -> LocalVaultPortal.post(portal.browser(),
							"/keys/unlock", Map.of("passphrase", PASSPHRASE, "passphraseRepeat", PASSPHRASE)))
					.toList())) {
					assertThat(unlock.get().statusCode()).isEqualTo(302);
				}
				for (PortalProcess portal : both) {
					assertThat(status(portal.browser())).as(portal.output()).isEqualTo("READY");
				}
				List<Callable<HttpResponse<String>>> saves = new ArrayList<>();
				for (int i = 0; i < USERS.size(); i++) {
					EmulatedUser user = USERS.get(i);
					PortalProcess portal = both.get(i % 2);
					saves.add(() -> LocalVaultPortal.post(portal.browser(), "/keys", Map.of("label", label(user),
							"accessKeyId", user.accessKeyId(), "secretAccessKey", user.secretAccessKey())));
				}
				List<Future<HttpResponse<String>>> answers = pool.invokeAll(saves);
				for (int i = 0; i < USERS.size(); i++) {
					HttpResponse<String> answer = answers.get(i).get();
					if (answer.statusCode() == 302) {
						this.stored.add(label(USERS.get(i)));
					}
					else {
						// a refusal is allowed, if it says why
						assertThat(answer.statusCode()).isEqualTo(400);
						assertThat(Html.parse(answer.body()).select("[data-global-error]").text()).isNotBlank();
					}
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
		finally {
			first.kill();
			second.kill();
		}

		assertThat(this.stored).as("stored by the first portal (even users) and by the second (odd)")
			.anyMatch((label) -> USERS.indexOf(user(label)) % 2 == 0)
			.anyMatch((label) -> USERS.indexOf(user(label)) % 2 == 1);
		Path file = home.resolve(".mfa-portal").resolve("vault");
		FileVault opened = new FileVault(file, Clock.systemUTC());
		opened.unlock(PASSPHRASE, null);
		assertThat(opened.list()).extracting(VaultKey::label).containsExactlyInAnyOrderElementsOf(this.stored);
		for (VaultKey key : opened.list()) {
			assertThat(opened.secret(key.id()).orElseThrow().secretAccessKey())
				.isEqualTo(user(key.label()).secretAccessKey());
		}
		try (var left = Files.list(file.getParent())) {
			assertThat(left.map((p) -> p.getFileName().toString())).as("no temporary file left")
				.noneMatch((name) -> name.endsWith(".tmp"));
		}
	}

	@Test
	@Order(2)
	void issueWhenAPortalStartsAfterTheOthersWereKilledThenLockedUntilUnlockedThenItsVaultKeySignsUntilTheFileIsMadeAnew()
			throws Exception {
		assertThat(this.stored).as("keys of the first test").isNotEmpty();
		EmulatedUser user = USERS.stream().filter((u) -> this.stored.contains(label(u))).findFirst().orElseThrow();
		try (PortalProcess third = portal("third").awaitStarted()) {
			PortalClient browser = third.browser();
			assertThat(status(browser)).isEqualTo("LOCKED");

			LocalVaultPortal.post(browser, "/keys/unlock", Map.of("passphrase", PASSPHRASE));

			assertThat(status(browser)).isEqualTo("READY");
			Element option = Html.parse(browser.get("/").body())
				.select("select#source option")
				.stream()
				.filter((o) -> o.text().startsWith(label(user) + " "))
				.findFirst()
				.orElseThrow();
			this.emulator.clearRecordedRequests();
			HttpResponse<String> issued = LocalVaultPortal.post(browser, "/session-token",
					Map.of("source", option.val(), "serialNumber", user.device().serialNumber(), "tokenCode",
							EmulatedAccounts.code(user), "durationSeconds", "900", "profileName", "mfa"));
			assertThat(issued.statusCode()).as(() -> Html.parse(issued.body()).select(".notice, .field-error").text())
				.isEqualTo(200);
			assertThat(PortalClient.snippet(issued.body(), "credentials-file")).contains("aws_access_key_id = ASIA");
			assertThat(this.emulator.recordedRequests()).filteredOn((r) -> r.action().equals("GetSessionToken"))
				.extracting(RecordedRequest::accessKeyId)
				.containsExactly(user.accessKeyId());

			// Another portal (here this test) removes the file and makes a new one: the
			// running portal's key opens nothing there, and its page says so at once.
			Path file = home.resolve(".mfa-portal").resolve("vault");
			Files.delete(file);
			new FileVault(file, Clock.systemUTC()).unlock(ANEW, ANEW);

			Document page = Html.parse(browser.get("/keys").body());
			assertThat(page.selectFirst("[data-vault-state]").attr("data-status")).isEqualTo("LOCKED");
			Element problem = page.selectFirst("[data-vault-problem]");
			assertThat(problem).isNotNull();
			assertThat(problem.attr("data-reason")).isEqualTo("vault.file.changed");
			assertThat(problem.text()).contains(file.toString());
			assertThat(page.select("form[data-unlock-form] input#passphrase")).hasSize(1);
			LocalVaultPortal.post(browser, "/keys/unlock", Map.of("passphrase", ANEW));
			assertThat(status(browser)).isEqualTo("READY");
		}
	}

	private PortalProcess portal(String name) {
		return PortalProcess.launch(home, name, List.of(), Map.of(),
				List.of("--portal.vault.backend=file", "--portal.sts.endpoint=" + this.emulator.endpoint(),
						"--portal.sts.region=us-east-1", "--spring.datasource.url=jdbc:h2:mem:" + name,
						"--portal.launch.folder=" + home.resolve("run-" + name)));
	}

	static String label(EmulatedUser user) {
		return "h20b-" + user.userName();
	}

	static EmulatedUser user(String label) {
		return USERS.stream().filter((u) -> label(u).equals(label)).findFirst().orElseThrow();
	}

	static String status(PortalClient browser) throws Exception {
		Document page = Html.parse(browser.get("/keys").body());
		return page.selectFirst("[data-vault-state]").attr("data-status");
	}

}
