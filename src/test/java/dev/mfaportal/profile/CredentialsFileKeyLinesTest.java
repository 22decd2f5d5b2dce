package dev.mfaportal.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The key lines of a profile leave the credentials file and come back with every other
 * byte kept; a file edited meanwhile, or a section that holds keys, is left alone.
 */
class CredentialsFileKeyLinesTest {

	static final LongTermKey PAIR = new LongTermKey("AKIAKEYLINES00000001",
			"KeyLinesSecret/00000000000000000000000001");

	@TempDir
	Path home;

	CredentialsFileKeyLines lines() {
		return new CredentialsFileKeyLines(new AwsFiles(Map.<String, String>of()::get, this.home));
	}

	Path file() throws Exception {
		Files.createDirectories(this.home.resolve(".aws"));
		return this.home.resolve(".aws").resolve("credentials");
	}

	@Test
	void removeKeysWhenTheProfileWriterHoldsTheFileThenWaitsForItsLock() throws Exception {
		Files.writeString(file(), "[work]\naws_access_key_id = " + PAIR.accessKeyId() + "\naws_secret_access_key = "
				+ PAIR.secretAccessKey() + "\n");
		Thread mover = new Thread(() -> lines().removeKeys("work", PAIR));

		// The lock every save and removal of a saved profile holds while it writes the
		// file.
		synchronized (CredentialsFileWrites.LOCK) {
			mover.start();
			while (mover.getState() != Thread.State.BLOCKED) {
				assertThat(mover.isAlive()).as("the key lines moved while the profile writer held the file").isTrue();
				Thread.sleep(5);
			}
			assertThat(Files.readString(file())).contains(PAIR.accessKeyId());
		}
		mover.join();

		assertThat(Files.readString(file())).doesNotContain(PAIR.accessKeyId());
	}

	@Test
	void removeKeysWhenTheSectionHoldsMoreThenOnlyTheTwoKeyLinesGo() throws Exception {
		Files.writeString(file(), "[work]\n# mine\naws_access_key_id = " + PAIR.accessKeyId() + "\nregion = eu-west-1\n"
				+ "aws_secret_access_key = " + PAIR.secretAccessKey() + "\n\n[b]\nx = 1\n");

		lines().removeKeys("work", PAIR);

		assertThat(Files.readString(file())).isEqualTo("[work]\n# mine\nregion = eu-west-1\n\n[b]\nx = 1\n");
	}

	@Test
	void moveWhenTheSectionHoldsTwoKeyPairsThenNoneIsOfferedAndTheFileIsAsItWas() throws Exception {
		// which pair a reader takes depends on the reader: moving one would lose the
		// other
		String text = "[work]\naws_access_key_id = " + PAIR.accessKeyId() + "\naws_secret_access_key = "
				+ PAIR.secretAccessKey() + "\n\n[work]\naws_access_key_id = AKIASECONDPAIR000001\n"
				+ "aws_secret_access_key = SecondPairSecret/000000000000000000000\n";
		Files.writeString(file(), text);

		assertThat(lines().keys("work")).isEmpty();
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> lines().removeKeys("work", PAIR));
		assertThat(Files.readString(file())).isEqualTo(text);
	}

	@Test
	void removeKeysWhenTheFileHoldsAnotherPairThenRefusedAndUnchanged() throws Exception {
		String text = "[work]\naws_access_key_id = AKIAOTHERPAIR0000001\naws_secret_access_key = "
				+ PAIR.secretAccessKey() + "\n";
		Files.writeString(file(), text);

		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> lines().removeKeys("work", PAIR))
			.extracting(VaultException::messageKey)
			.isEqualTo("vault.move.changed");
		assertThat(Files.readString(file())).isEqualTo(text);
	}

	@Test
	void putBackWhenTheSectionExistsWithoutKeysThenTheyGoBelowItsHeaderInItsLineEndings() throws Exception {
		Files.writeString(file(), "[a]\r\nx = 1\r\n\r\n[work]\r\nregion = eu-west-1\r\n");

		lines().putBack("work", PAIR);

		assertThat(Files.readString(file()))
			.isEqualTo("[a]\r\nx = 1\r\n\r\n[work]\r\naws_access_key_id = " + PAIR.accessKeyId()
					+ "\r\naws_secret_access_key = " + PAIR.secretAccessKey() + "\r\nregion = eu-west-1\r\n");
		assertThat(lines().keys("work")).contains(PAIR);
	}

	@Test
	void putBackWhenTheSectionHoldsKeysOrTheNameCantBeASectionThenRefusedAndUnchanged() throws Exception {
		String text = "[work]\naws_access_key_id = AKIAOTHERPAIR0000001\n";
		Files.writeString(file(), text);

		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> lines().putBack("work", PAIR))
			.extracting(VaultException::messageKey)
			.isEqualTo("vault.putBack.taken");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> lines().putBack("a]\n[b", PAIR))
			.extracting(VaultException::messageKey)
			.isEqualTo("vault.putBack.name");
		assertThat(Files.readString(file())).isEqualTo(text);
	}

}
