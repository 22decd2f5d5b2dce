package dev.mfaportal.vault;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Argon2id (RFC 9106), from Bouncy Castle in the vault's own class loader
 * ({@link VaultLibraries}): the JDK has no memory-hard function, and Bouncy Castle loads
 * only when a passphrase is used.
 */
final class Argon2Kdf {

	private static MethodHandle derive;

	private Argon2Kdf() {
	}

	/**
	 * @param memoryKib memory cost in KiB
	 * @param iterations time cost
	 * @param parallelism lanes
	 * @param length bytes to derive
	 */
	static byte[] derive(char[] passphrase, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
		try {
			return (byte[]) handle().invokeExact(passphrase, salt, memoryKib, iterations, parallelism, length);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Argon2id failed", ex);
		}
	}

	private static synchronized MethodHandle handle() {
		if (derive == null) {
			derive = VaultLibraries.method("Argon2id", "derive", MethodType.methodType(byte[].class, char[].class,
					byte[].class, int.class, int.class, int.class, int.class), true);
		}
		return derive;
	}

}
