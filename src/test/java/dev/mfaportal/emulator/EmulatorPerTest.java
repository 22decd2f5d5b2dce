package dev.mfaportal.emulator;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.mfaportal.support.MutableClock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The emulator tests' one set-up, as a JUnit extension on an instance field: before each
 * test a fresh emulator with these settings on a clock that stands still, and an SDK STS
 * client of the demo user pointed at it; after the test both are closed.
 */
final class EmulatorPerTest implements BeforeEachCallback, AfterEachCallback {

	/** The account's root user (its access key, not an IAM user's). */
	static final EmulatedUser ACCOUNT_ROOT = new EmulatedUser("AKIAROOTROOTROOT0001",
			"rootSecretrootSecretrootSecretrootSecret", "123456789012", "root", true, null);

	final MutableClock clock;

	private final EmulatorSettings settings;

	TestEmulator server;

	StsClient sts;

	/** On real time, standing still. */
	EmulatorPerTest(EmulatorSettings settings) {
		this(settings, Duration.ZERO);
	}

	/** On a clock this far behind real time (the signature check allows 15 minutes). */
	EmulatorPerTest(EmulatorSettings settings, Duration behindRealTime) {
		this.settings = settings;
		this.clock = MutableClock.behindRealTimeBy(behindRealTime);
	}

	/** The demo device's code on the emulator's clock. */
	String currentCode() {
		return Totp.currentCode(EmulatedMfaDevice.DEMO_BASE32_SECRET, this.clock);
	}

	/**
	 * A well-formed code of the demo device that the emulator accepts in none of the
	 * steps it allows (the previous, current and next).
	 */
	String codeValidInNoStepOfTheWindow() {
		long step = Totp.step(this.clock.instant());
		byte[] key = EmulatedMfaDevice.demo().secretKey();
		List<String> valid = List.of(Totp.code(key, step - 1), Totp.code(key, step), Totp.code(key, step + 1));
		return Stream.of("000000", "111111", "222222", "333333")
			.filter((code) -> !valid.contains(code))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Makes the account root the emulator's one user, and gives an STS client signed as
	 * it; the caller closes it.
	 */
	StsClient stsAsAccountRootOnly() {
		this.server.updateSettings((settings) -> settings.withUsers(List.of(ACCOUNT_ROOT)));
		return SdkClients.sts(this.server.endpoint(),
				AwsBasicCredentials.create(ACCOUNT_ROOT.accessKeyId(), ACCOUNT_ROOT.secretAccessKey()));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server = TestEmulator.start(this.settings, this.clock);
		this.sts = SdkClients.demoUser(this.server.endpoint());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.sts.close();
		this.server.close();
	}

}
