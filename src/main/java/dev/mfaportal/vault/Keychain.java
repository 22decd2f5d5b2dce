package dev.mfaportal.vault;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

/**
 * The OS secret store through java-keyring: the Secret Service over D-Bus (GNOME Keyring,
 * KWallet, KeePassXC), the macOS Keychain or the Windows Credential Manager. The only
 * class that names the library, so that it and D-Bus and JNA load only when the keychain
 * is used. The Secret Service address comes from {@code DBUS_SESSION_BUS_ADDRESS}, as an
 * environment variable or a system property.
 */
final class Keychain implements KeychainItems, AutoCloseable {

	/** Longer than a healthy store takes; a locked one may wait for a prompt forever. */
	static final long TIMEOUT_SECONDS = 10;

	private final String service;

	private final Keyring keyring;

	private Keychain(String service, Keyring keyring) {
		this.service = service;
		this.keyring = keyring;
	}

	/**
	 * Opens the store and reads one item from it, within {@link #TIMEOUT_SECONDS}.
	 * @throws KeychainUnavailable saying why not
	 */
	static Keychain open(String service) throws KeychainUnavailable {
		ExecutorService thread = Executors.newSingleThreadExecutor((task) -> {
			Thread t = new Thread(task, "vault-keychain-probe");
			t.setDaemon(true);
			return t;
		});
		try {
			Future<Keychain> opened = thread.submit(() -> {
				Keychain keychain = new Keychain(service, Keyring.create());
				keychain.get("index");
				return keychain;
			});
			return opened.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new KeychainUnavailable("the secret store did not answer within " + TIMEOUT_SECONDS + " s");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw new KeychainUnavailable((cause instanceof BackendNotSupportedException)
					? "no secret store on this machine (" + cause.getMessage() + ")"
					: "the secret store failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KeychainUnavailable("interrupted");
		}
		finally {
			thread.shutdownNow();
		}
	}

	/** The store's kind, for the page. */
	String kind() {
		return String.valueOf(this.keyring.getKeyringStorageType());
	}

	/**
	 * @return the item, or empty when the store holds none of that name
	 * @throws KeychainUnavailable when the store fails
	 */
	@Override
	public Optional<String> get(String account) throws KeychainUnavailable {
		try {
			return Optional.ofNullable(this.keyring.getPassword(this.service, account));
		}
		catch (PasswordAccessException ex) {
			if (String.valueOf(ex.getMessage()).startsWith("No stored credentials")) {
				return Optional.empty();
			}
			throw new KeychainUnavailable("reading failed: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw new KeychainUnavailable("reading failed: " + ex.getClass().getSimpleName());
		}
	}

	@Override
	public void set(String account, String value) throws KeychainUnavailable {
		try {
			this.keyring.setPassword(this.service, account, value);
		}
		catch (PasswordAccessException | RuntimeException ex) {
			throw new KeychainUnavailable("storing failed: " + ex.getClass().getSimpleName());
		}
	}

	@Override
	public void delete(String account) throws KeychainUnavailable {
		try {
			this.keyring.deletePassword(this.service, account);
		}
		catch (PasswordAccessException ex) {
			if (!String.valueOf(ex.getMessage()).startsWith("No stored credentials")) {
				throw new KeychainUnavailable("removing failed: " + ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			throw new KeychainUnavailable("removing failed: " + ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		try {
			this.keyring.close();
		}
		catch (Exception ex) {
			// nothing to keep: the connection goes with the JVM
		}
	}

}
