package dev.mfaportal.yubikey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.mfaportal.issuing.HardwareCodes;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the portal makes of ykman: the command it runs, the code it takes, the words for
 * each failure ykman reports, and a run that never holds the request past the timeout.
 */
class YkmanCodesTest {

	private static final String ACCOUNT = "arn:aws:iam::123456789012:mfa/alice";

	private final FakeYkman fake = FakeYkman.create();

	private YkmanCodes codes(String device, Duration timeout) {
		return new YkmanCodes(new YkmanSettings(this.fake.program, device, timeout));
	}

	@Test
	void executableWhenOnlyARelativeOrEmptyPathEntryHoldsYkmanThenNoneIsFound() throws Exception {
		// a folder relative to where the portal was started, as a PATH entry "bin" would
		// name
		Path relative = Path.of("target", "h20a-relative-path-" + ProcessHandle.current().pid());
		Files.createDirectories(relative);
		Path planted = Files.writeString(relative.resolve("ykman"), "#!/bin/sh\necho 123456\n");
		planted.toFile().setExecutable(true);
		assertThat(Files.isExecutable(planted)).isTrue();

		assertThat(YkmanCodes.onPath(relative.toString())).isEmpty();
		assertThat(YkmanCodes.onPath("" + java.io.File.pathSeparator + relative)).isEmpty();
		assertThat(YkmanCodes.onPath(relative + java.io.File.pathSeparator + relative.toAbsolutePath()))
			.contains(relative.toAbsolutePath().resolve("ykman"));
	}

	@Test
	void codeWhenYkmanPrintsSixDigitsThenThoseFromTheSingleAccountItWasAskedFor() throws Exception {
		this.fake.printsCode("123456");

		assertThat(codes(null, Duration.ofSeconds(10)).code(ACCOUNT)).isEqualTo("123456");
		assertThat(this.fake.arguments()).containsExactly("oath", "accounts", "code", "--single", "--", ACCOUNT);
	}

	@Test
	void codeWhenADeviceIsSetThenYkmanIsToldWhichKeyBeforeTheCommand() throws Exception {
		this.fake.printsCode("654321");

		assertThat(codes("12345678", Duration.ofSeconds(10)).code("-starts-with-a-dash")).isEqualTo("654321");
		assertThat(this.fake.arguments()).containsExactly("--device", "12345678", "oath", "accounts", "code",
				"--single", "--", "-starts-with-a-dash");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					WARNING: PC/SC not available. Smart card protocols will not function.\\nError: No YubiKey detected! | form.yubikey.failure.noKey
					Error: Multiple YubiKeys detected. Use --device SERIAL to specify which one to use. | form.yubikey.failure.severalKeys
					Error: No matching account found. | form.yubikey.failure.noAccount
					Error: Multiple matches, please make the query more specific.\\n\\nalice\\nalice2 | form.yubikey.failure.severalMatches
					Touch your YubiKey...\\nError: Touch account timed out! | form.yubikey.failure.touchTimeout
					Error: Authentication to the YubiKey failed. Wrong password? | form.yubikey.failure.password
					Enter the password: \\nAborted! | form.yubikey.failure.password
					""")
	void codeWhenYkmanReportsAKnownFailureThenItsWords(String stderr, String messageKey) {
		this.fake.answers("", stderr.replace("\\n", "\n"), 1);

		HardwareCodes.Failure failure = failure(codes(null, Duration.ofSeconds(10)));

		assertThat(failure.messageKey()).isEqualTo(messageKey);
	}

	@Test
	void codeWhenNoAccountMatchesThenTheWordsNameTheAccountAskedFor() {
		this.fake.answers("", "Error: No matching account found.", 1);

		assertThat(failure(codes(null, Duration.ofSeconds(10))).arguments()).containsExactly(ACCOUNT);
	}

	@Test
	void codeWhenAnyOtherFailureThenItsExitStatusAndFirstErrorLine() {
		this.fake.answers("", "WARNING: PC/SC not available.\nError: Failed to connect to YubiKey.\nmore", 2);

		HardwareCodes.Failure failure = failure(codes(null, Duration.ofSeconds(10)));

		assertThat(failure.messageKey()).isEqualTo("form.yubikey.failure.other");
		assertThat(failure.arguments()).containsExactly("2", "Error: Failed to connect to YubiKey.");
	}

	@Test
	void codeWhenYkmanSucceedsWithoutSixDigitsThenNoCodeAndNothingOfWhatItPrinted() {
		this.fake.answers("12345678", "", 0);

		HardwareCodes.Failure failure = failure(codes(null, Duration.ofSeconds(10)));

		assertThat(failure.messageKey()).isEqualTo("form.yubikey.failure.noCode");
		assertThat(failure.arguments()).isEmpty();
		assertThat(failure.getMessage()).doesNotContain("12345678");
	}

	@Test
	void codeWhenYkmanHangsThenStoppedAtTheTimeoutTogetherWithTheProcessesItStarted() throws Exception {
		this.fake.hangsWithAChild();
		long start = System.nanoTime();

		HardwareCodes.Failure failure = failure(codes(null, Duration.ofSeconds(1)));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(failure.messageKey()).isEqualTo("form.yubikey.failure.timeout");
		assertThat(failure.arguments()).containsExactly("1");
		long child = this.fake.childPid();
		for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
			Thread.sleep(100);
		}
		assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).as("the child sleep")
			.isNotEqualTo(java.util.Optional.of(true));
	}

	@Test
	void codeWhenYkmanFloodsItsOutputThenItIsReadAndItsErrorStillSaid() {
		this.fake.floodsStdoutThenFails();

		assertThat(failure(codes(null, Duration.ofSeconds(10))).messageKey()).isEqualTo("form.yubikey.failure.noKey");
	}

	@Test
	void availableWhenTheConfiguredProgramIsMissingThenNotOfferedAndAMissingFailure() {
		YkmanCodes codes = new YkmanCodes(
				new YkmanSettings(this.fake.folder.resolve("no-such-ykman"), null, Duration.ofSeconds(1)));

		assertThat(codes.available()).isFalse();
		assertThat(failure(codes).messageKey()).isEqualTo("form.yubikey.failure.missing");
	}

	/**
	 * Debian's real ykman with no YubiKey plugged in (CI has none): its PC/SC warning,
	 * then "No YubiKey detected", which the person reads in their language.
	 */
	@Test
	void realYkmanWhenNoYubiKeyIsPluggedInThenNoYubiKeyDetectedInBothLanguages() {
		Path ykman = Path.of("/usr/bin/ykman");
		Tools.require(Files.isExecutable(ykman), "no ykman at " + ykman + " (Debian: apt-get install yubikey-manager)");

		HardwareCodes.Failure failure = failure(new YkmanCodes(new YkmanSettings(ykman, null, Duration.ofSeconds(30))));

		assertThat(failure.messageKey()).isEqualTo("form.yubikey.failure.noKey");
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		Object[] arguments = failure.arguments().toArray();
		assertThat(messages.getMessage(failure.messageKey(), arguments, Locale.ENGLISH))
			.startsWith("No YubiKey detected.");
		assertThat(messages.getMessage(failure.messageKey(), arguments, Locale.forLanguageTag("es")))
			.startsWith("No se detectó ninguna YubiKey.");
	}

	private static HardwareCodes.Failure failure(YkmanCodes codes) {
		HardwareCodes.Failure failure = catchThrowableOfType(HardwareCodes.Failure.class, () -> codes.code(ACCOUNT));
		assertThat(failure).as("a failure").isNotNull();
		return failure;
	}

}
