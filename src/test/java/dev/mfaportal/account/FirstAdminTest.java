package dev.mfaportal.account;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import dev.mfaportal.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The first admin of a new team portal, and where its one-time password appears: in a
 * file of the data folder that only the portal's user can read, never on the console or
 * in the log.
 */
@JdbcTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

	static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@TempDir
	Path dataDir;

	final PasswordEncoder encoder = new PasswordLength(PasswordEncoderFactories.createDelegatingPasswordEncoder());

	private FirstAdmin firstAdmin(String adminPassword) {
		Map<String, String> properties = new HashMap<>();
		if (adminPassword != null) {
			properties.put("portal.team.admin-password", adminPassword);
		}
		TeamSettings settings = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("portal.team",
				TeamSettings.class);
		return new FirstAdmin(new UserRepository(this.jdbc, this.transactions), this.encoder, settings,
				new MutableClock(T0), this.dataDir.resolve("data"));
	}

	private PortalUser admin() {
		return new UserRepository(this.jdbc, this.transactions).findByUsername("admin").orElseThrow();
	}

	@Test
	void firstStartWhenNoPasswordIsSetThenTheOneTimePasswordIsInAFileOnlyTheOwnerReadsAndNowhereElse(
			CapturedOutput output) throws Exception {
		firstAdmin(null).run(null);

		Path file = this.dataDir.resolve("data").resolve(FirstAdmin.FILE_NAME);
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
		assertThat(password).hasSize(23);
		assertThat(this.encoder.matches(password, admin().passwordHash())).isTrue();
		assertThat(admin().mustChangePassword()).isTrue();
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertThat(files).as("no draft left beside it").containsExactly(file);
		}
		assertThat(output.getAll()).doesNotContain(password)
			.contains(file.toString())
			.contains(T0.plus(Duration.ofHours(24)).toString());
	}

	@Test
	void firstStartWhenTwoInstancesWithTheSamePidShareTheFolderThenTheFileHoldsTheWinnersPassword() throws Exception {
		TeamSettings settings = new Binder(new MapConfigurationPropertySource(new HashMap<>()))
			.bindOrCreate("portal.team", TeamSettings.class);
		CountDownLatch bDrafted = new CountDownLatch(1);
		CountDownLatch aDone = new CountDownLatch(1);
		Path data = this.dataDir.resolve("data");
		UserRepository repoB = new UserRepository(this.jdbc, this.transactions) {
			@Override
			long count() {
				return 0;
			}

			@Override
			long insert(String u, String e, String h, boolean a, boolean m, Instant at) {
				bDrafted.countDown();
				try {
					aDone.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return super.insert(u, e, h, a, m, at);
			}
		};
		FirstAdmin b = new FirstAdmin(repoB, this.encoder, settings, new MutableClock(T0), data);
		Thread[] threadB = new Thread[1];
		Throwable[] failureB = new Throwable[1];
		UserRepository repoA = new UserRepository(this.jdbc, this.transactions) {
			@Override
			long insert(String u, String e, String h, boolean a, boolean m, Instant at) {
				long id = super.insert(u, e, h, a, m, at);
				threadB[0] = new Thread(() -> {
					try {
						b.run(null);
					}
					catch (Throwable ex) {
						failureB[0] = ex;
					}
				});
				threadB[0].start();
				try {
					bDrafted.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return id;
			}
		};
		FirstAdmin a = new FirstAdmin(repoA, this.encoder, settings, new MutableClock(T0), data);
		try {
			a.run(null);
		}
		finally {
			aDone.countDown();
			if (threadB[0] != null) {
				threadB[0].join();
			}
		}
		String password = Files.readString(data.resolve(FirstAdmin.FILE_NAME), StandardCharsets.US_ASCII).strip();
		assertThat(this.encoder.matches(password, admin().passwordHash()))
			.as("the file's password signs in as the admin that exists")
			.isTrue();
	}

	private FirstAdmin restartAt(Instant at) {
		TeamSettings settings = new Binder(new MapConfigurationPropertySource(new HashMap<>()))
			.bindOrCreate("portal.team", TeamSettings.class);
		return new FirstAdmin(new UserRepository(this.jdbc, this.transactions), this.encoder, settings,
				new MutableClock(at), this.dataDir.resolve("data"));
	}

	private String passwordInTheFile() throws Exception {
		return Files.readString(this.dataDir.resolve("data").resolve(FirstAdmin.FILE_NAME), StandardCharsets.US_ASCII)
			.strip();
	}

	@Test
	void restartWhenTheOnlyAdminsOneTimePasswordExpiredUnusedThenANewWorkingOneInTheFile(CapturedOutput output)
			throws Exception {
		firstAdmin(null).run(null);
		String expired = passwordInTheFile();

		restartAt(T0.plus(Duration.ofHours(25))).run(null);

		String renewed = passwordInTheFile();
		assertThat(renewed).isNotEqualTo(expired);
		assertThat(this.encoder.matches(renewed, admin().passwordHash())).isTrue();
		assertThat(admin().mustChangePassword()).isTrue();
		assertThat(new UserRepository(this.jdbc, this.transactions).spendOneTimePassword(admin().id(),
				T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(25))))
			.as("the new one signs in once")
			.isTrue();
		assertThat(output.getAll()).doesNotContain(renewed);
	}

	@Test
	void restartWhenTheAdminsOneTimePasswordWasSpentWithoutANewPasswordThenANewOne() throws Exception {
		firstAdmin(null).run(null);
		UserRepository users = new UserRepository(this.jdbc, this.transactions);
		assertThat(users.spendOneTimePassword(admin().id(), T0.minusSeconds(1), T0.plusSeconds(60))).isTrue();
		String spent = passwordInTheFile();

		restartAt(T0.plusSeconds(120)).run(null);

		assertThat(passwordInTheFile()).isNotEqualTo(spent);
		assertThat(this.encoder.matches(passwordInTheFile(), admin().passwordHash())).isTrue();
	}

	@Test
	void restartWhenTheAdminCanStillSignInThenNothingChanges() throws Exception {
		firstAdmin(null).run(null);
		String unused = passwordInTheFile();
		long version = admin().passwordVersion();

		restartAt(T0.plus(Duration.ofHours(23))).run(null);

		assertThat(passwordInTheFile()).isEqualTo(unused);
		assertThat(admin().passwordVersion()).isEqualTo(version);
	}

	@Test
	void firstStartWhenAPasswordIsSetThenThatOneAndNoFile() throws Exception {
		firstAdmin("configured-admin-password").run(null);

		assertThat(this.encoder.matches("configured-admin-password", admin().passwordHash())).isTrue();
		assertThat(admin().mustChangePassword()).isFalse();
		assertThat(this.dataDir.resolve("data").resolve(FirstAdmin.FILE_NAME)).doesNotExist();
	}

	@Test
	void firstStartWhenTheSetPasswordIsOver72BytesThenRefusedInWordsAndNoAdmin() {
		assertThatExceptionOfType(TeamStartupException.class)
			.isThrownBy(() -> firstAdmin("ä".repeat(36) + "x").run(null))
			.withMessageContaining("portal.team.admin-password")
			.withMessageContaining("72 bytes");
		assertThat(new UserRepository(this.jdbc, this.transactions).count()).isZero();
	}

}
