package dev.mfaportal.vault;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) from Bouncy Castle: the JDK has no memory-hard function. In a class
 * of its own so that Bouncy Castle is loaded only when a passphrase is used.
 */
final class Argon2Kdf {

	private Argon2Kdf() {
	}

	/**
	 * @param memoryKib memory cost in KiB
	 * @param iterations time cost
	 * @param parallelism lanes
	 * @param length bytes to derive
	 */
	static byte[] derive(char[] passphrase, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
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
