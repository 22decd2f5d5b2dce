import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;

/**
 * The STS emulator for the benchmarks: {@code PORT USERS DELAY_MS DIR}. Each user has its own access key
 * and MFA device, so every issue in a benchmark types a code that is valid and unused, as a person
 * would: the emulator (like STS) accepts a device's code once, for the previous, current and next
 * 30 s step only. Writes DIR/credentials and DIR/config (one profile per user, as {@code aws
 * configure} writes them) and DIR/users.tsv for the drivers, prints {@code endpoint=...}, then
 * serves until killed.
 */
class Emulator {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int count = Integer.parseInt(args[1]);
		Duration delay = Duration.ofMillis(Long.parseLong(args[2]));
		Path dir = Files.createDirectories(Path.of(args[3]));
		List<EmulatedUser> users = new ArrayList<>();
		StringBuilder credentials = new StringBuilder();
		StringBuilder config = new StringBuilder();
		StringBuilder tsv = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			String name = String.format("bench%03d", i);
			EmulatedUser user = new EmulatedUser(String.format("AKIABENCH%011d", i),
					String.format("benchSecretOnlyForTheEmulator/%010d", i), EmulatedUser.DEMO_ACCOUNT, name, false,
					new EmulatedMfaDevice("arn:aws:iam::" + EmulatedUser.DEMO_ACCOUNT + ":mfa/" + name, secret(i)));
			users.add(user);
			credentials.append("[").append(name).append("]\naws_access_key_id = ").append(user.accessKeyId())
				.append("\naws_secret_access_key = ").append(user.secretAccessKey()).append("\n\n");
			config.append("[profile ").append(name).append("]\nregion = us-east-1\nmfa_serial = ")
				.append(user.device().serialNumber()).append("\n\n");
			tsv.append(name).append('\t').append(user.accessKeyId()).append('\t').append(user.secretAccessKey())
				.append('\t').append(user.device().serialNumber()).append('\t').append(user.device().base32Secret())
				.append('\n');
		}
		Files.writeString(dir.resolve("credentials"), credentials);
		Files.writeString(dir.resolve("config"), config);
		Files.writeString(dir.resolve("users.tsv"), tsv);
		TestEmulator server = TestEmulator.start(EmulatorSettings.of().withUsers(users), Clock.systemUTC(), port);
		server.setResponseDelay(delay);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		System.out.println("endpoint=" + server.endpoint());
		System.out.flush();
		new CountDownLatch(1).await();
	}

	/** 32 Base32 characters (160 bits), different for every user. */
	private static String secret(int i) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		StringBuilder secret = new StringBuilder("BENCHDEVICE");
		for (int n = i; secret.length() < 32; n /= 32) {
			secret.append(alphabet.charAt(n % 32));
		}
		return secret.toString();
	}

}
