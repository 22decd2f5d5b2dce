package dev.mfaportal.vault.isolated;

import java.util.concurrent.Callable;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

/**
 * The OS secret store through java-keyring. Each call runs with this class's loader as
 * the thread's context loader, where the libraries look for their services (D-Bus
 * transports). Failures come out as {@link UnsupportedOperationException} (no store on
 * this machine) or {@link IllegalStateException}, worded for the page.
 */
public final class SecretStore implements AutoCloseable {

	private static final String NONE_STORED = "No stored credentials";

	private final Keyring keyring;

	private SecretStore(Keyring keyring) {
		this.keyring = keyring;
	}

	/**
	 * @throws UnsupportedOperationException when the machine has no secret store
	 */
	public static AutoCloseable open() throws Exception {
		return inLibraries(() -> {
			try {
				return new SecretStore(Keyring.create());
			}
			catch (BackendNotSupportedException ex) {
				throw new UnsupportedOperationException("no secret store on this machine (" + ex.getMessage() + ")");
			}
		});
	}

	/** The store's kind, for the page. */
	public String kind() {
		return String.valueOf(this.keyring.getKeyringStorageType());
	}

	/**
	 * @return the item, or null when the store holds none of that name
	 */
	public String get(String service, String account) throws Exception {
		return inLibraries(() -> {
			try {
				return this.keyring.getPassword(service, account);
			}
			catch (PasswordAccessException ex) {
				if (String.valueOf(ex.getMessage()).startsWith(NONE_STORED)) {
					return null;
				}
				throw new IllegalStateException("reading failed: " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("reading failed: " + ex.getClass().getSimpleName());
			}
		});
	}

	public void set(String service, String account, String value) throws Exception {
		inLibraries(() -> {
			try {
				this.keyring.setPassword(service, account, value);
				return null;
			}
			catch (PasswordAccessException | RuntimeException ex) {
				throw new IllegalStateException("storing failed: " + ex.getClass().getSimpleName());
			}
		});
	}

	public void delete(String service, String account) throws Exception {
		inLibraries(() -> {
			try {
				this.keyring.deletePassword(service, account);
				return null;
			}
			catch (PasswordAccessException ex) {
				if (!String.valueOf(ex.getMessage()).startsWith(NONE_STORED)) {
					throw new IllegalStateException("removing failed: " + ex.getMessage());
				}
				return null;
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("removing failed: " + ex.getClass().getSimpleName());
			}
		});
	}

	@Override
	public void close() throws Exception {
		this.keyring.close();
	}

	private static <T> T inLibraries(Callable<T> call) throws Exception {
		Thread thread = Thread.currentThread();
		ClassLoader before = thread.getContextClassLoader();
		thread.setContextClassLoader(SecretStore.class.getClassLoader());
		try {
			return call.call();
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}

}
