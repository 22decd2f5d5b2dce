package dev.mfaportal.vault.isolated;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106) from Bouncy Castle: the JDK has no memory-hard function. */
public final class Argon2id {

	private Argon2id() {
	}

	/**
	 * @param memoryKib memory cost in KiB
	 * @param iterations time cost
	 * @param parallelism lanes
	 * @param length bytes to derive
	 */
	public static byte[] derive(char[] passphrase, byte[] salt, int memoryKib, int iterations, int parallelism,
			int length) {
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(
				new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
					.withSalt(salt)
					.withMemoryAsKB(memoryKib)
					.withIterations(iterations)
					.withParallelism(parallelism)
					.build());
		byte[] out = new byte[length];
		generator.generateBytes(passphrase, out);
		return out;
	}

}
