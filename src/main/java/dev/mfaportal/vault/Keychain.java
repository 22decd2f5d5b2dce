package dev.mfaportal.vault;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The OS secret store through java-keyring: the Secret Service over D-Bus (GNOME Keyring,
 * KWallet, KeePassXC), the macOS Keychain or the Windows Credential Manager. The library,
 * D-Bus and JNA live in the vault's own class loader ({@link VaultLibraries}), made when
 * the keychain is first opened; this class calls them through
 * {@code dev.mfaportal.vault.isolated.SecretStore}. The Secret Service address comes from
 * {@code DBUS_SESSION_BUS_ADDRESS}, as an environment variable or a system property.
 */
final class Keychain implements KeychainItems, AutoCloseable {

	/** Longer than a healthy store takes; a locked one may wait for a prompt forever. */
	static final long TIMEOUT_SECONDS = 10;

	private final String service;

	private final Handles handles;

	private final AutoCloseable store;

	private Keychain(String service, Handles handles, AutoCloseable store) {
		this.service = service;
		this.handles = handles;
		this.store = store;
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
			Future<Keychain> opened = thread.submit(() -> connect(service));
			return opened.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new KeychainUnavailable("the secret store did not answer within " + TIMEOUT_SECONDS + " s");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof KeychainUnavailable unavailable) {
				throw unavailable;
			}
			throw new KeychainUnavailable((cause instanceof UnsupportedOperationException) ? cause.getMessage()
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

	private static Keychain connect(String service) throws Exception {
		Handles handles = Handles.find();
		AutoCloseable store;
		try {
			store = (AutoCloseable) handles.open.invokeExact();
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		Keychain keychain = new Keychain(service, handles, store);
		keychain.get("index");
		return keychain;
	}

	/** The store's kind, for the page. */
	String kind() {
		try {
			return (String) this.handles.kind.invokeExact((Object) this.store);
		}
		catch (Throwable ex) {
			return "";
		}
	}

	/**
	 * @return the item, or empty when the store holds none of that name
	 * @throws KeychainUnavailable when the store fails
	 */
	@Override
	public Optional<String> get(String account) throws KeychainUnavailable {
		try {
			return Optional
				.ofNullable((String) this.handles.get.invokeExact((Object) this.store, this.service, account));
		}
		catch (Throwable ex) {
			throw unavailable("reading", ex);
		}
	}

	@Override
	public void set(String account, String value) throws KeychainUnavailable {
		try {
			this.handles.set.invokeExact((Object) this.store, this.service, account, value);
		}
		catch (Throwable ex) {
			throw unavailable("storing", ex);
		}
	}

	@Override
	public void delete(String account) throws KeychainUnavailable {
		try {
			this.handles.delete.invokeExact((Object) this.store, this.service, account);
		}
		catch (Throwable ex) {
			throw unavailable("removing", ex);
		}
	}

	/**
	 * The store's own words where it gave them ({@code IllegalStateException}), else the
	 * kind of failure.
	 */
	private static KeychainUnavailable unavailable(String doing, Throwable ex) {
		return new KeychainUnavailable((ex instanceof IllegalStateException) ? ex.getMessage()
				: doing + " failed: " + ex.getClass().getSimpleName());
	}

	@Override
	public void close() {
		try {
			this.store.close();
		}
		catch (Exception ex) {
			// nothing to keep: the connection goes with the JVM
		}
	}

	/** {@code SecretStore}'s methods, found once the libraries' class loader is made. */
	private record Handles(MethodHandle open, MethodHandle kind, MethodHandle get, MethodHandle set,
			MethodHandle delete) {

		static Handles find() throws KeychainUnavailable {
			try {
				return new Handles(
						VaultLibraries.method("SecretStore", "open", MethodType.methodType(AutoCloseable.class), true),
						handle("kind", MethodType.methodType(String.class)),
						handle("get", MethodType.methodType(String.class, String.class, String.class)),
						handle("set", MethodType.methodType(void.class, String.class, String.class, String.class)),
						handle("delete", MethodType.methodType(void.class, String.class, String.class)));
			}
			catch (IllegalStateException ex) {
				throw new KeychainUnavailable(ex.getMessage());
			}
		}

		private static MethodHandle handle(String name, MethodType type) {
			return VaultLibraries.method("SecretStore", name, type, false);
		}

	}

}
