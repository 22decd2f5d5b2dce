package dev.mfaportal.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The vault's libraries (java-keyring with D-Bus and JNA, Bouncy Castle), in a class
 * loader of their own that exists only once the vault is used. The build keeps them off
 * the portal's class path and packs them as resources, {@code vault-lib/NAME.jar} and
 * {@code vault-lib/index} naming them; on first use they are copied to a private
 * temporary folder (the JVM opens class path entries as files only) that goes with the
 * JVM. A portal that never uses the vault neither opens their archives nor keeps their
 * directories in its memory. The classes of {@code dev.mfaportal.vault.isolated}, the
 * only ones that name the libraries, are defined in that loader too; the vault reaches
 * them through method handles with JDK types only.
 */
final class VaultLibraries {

	static final String INDEX = "vault-lib/index";

	static final String ISOLATED = "dev.mfaportal.vault.isolated.";

	static final String PREFIX = "mfa-portal-vault-lib";

	/** The file of an unpacked folder naming the process it belongs to. */
	static final String OWNER = "pid";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private static ClassLoader loader;

	private VaultLibraries() {
	}

	/**
	 * @return the handle of a public method of an isolated class, typed with
	 * {@code Object} for the receiver of an instance method
	 * @throws IllegalStateException when the libraries are not in this build or can't be
	 * unpacked
	 */
	static MethodHandle method(String simpleClassName, String name, MethodType type, boolean isStatic) {
		try {
			Class<?> isolated = Class.forName(ISOLATED + simpleClassName, true, loader());
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			return isStatic ? lookup.findStatic(isolated, name, type)
					: lookup.findVirtual(isolated, name, type).asType(type.insertParameterTypes(0, Object.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("the vault's libraries lack " + simpleClassName + "." + name, ex);
		}
	}

	static synchronized ClassLoader loader() {
		if (loader == null) {
			loader = unpack(VaultLibraries.class.getClassLoader(), Path.of(System.getProperty("java.io.tmpdir")));
		}
		return loader;
	}

	/**
	 * Unpacks into a new folder of {@code temporary}, first removing the folders that
	 * portals which ended without their exit hooks (killed, crashed) left there.
	 */
	static ClassLoader unpack(ClassLoader app, Path temporary) {
		try (InputStream index = app.getResourceAsStream(INDEX)) {
			if (index == null) {
				throw new IllegalStateException("the vault's libraries are not in this build (no " + INDEX + ")");
			}
			Path folder = Files.createTempDirectory(temporary, PREFIX);
			folder.toFile().deleteOnExit();
			Path owner = Files.writeString(folder.resolve(OWNER), String.valueOf(ProcessHandle.current().pid()));
			owner.toFile().deleteOnExit();
			removeLeftBehind(temporary, folder);
			List<URL> jars = new ArrayList<>();
			for (String resource : names(new String(index.readAllBytes(), StandardCharsets.UTF_8))) {
				jars.add(copy(app, resource, folder));
			}
			return new Isolating(jars.toArray(URL[]::new), app);
		}
		catch (IOException ex) {
			throw new IllegalStateException("the vault's libraries could not be unpacked: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Removes the unpacked folders whose process has ended; best effort, folder by
	 * folder. The temporary folder is shared, so only folders that can be nobody else's
	 * are touched: real folders of this folder's owner that only that owner may enter or
	 * change ({@code rwx------}), holding plain files only, with a small plain file
	 * naming an ended process. Nothing is followed through a link, and a pipe or a device
	 * is never read.
	 */
	static void removeLeftBehind(Path temporary, Path own) {
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(temporary, PREFIX + "*")) {
			UserPrincipal me = Files.getOwner(own, LinkOption.NOFOLLOW_LINKS);
			for (Path folder : folders) {
				if (!folder.equals(own)) {
					removeIfLeftBehind(folder, me);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// left for the system's own clean-up of its temporary folder
		}
	}

	private static void removeIfLeftBehind(Path folder, UserPrincipal me) {
		try {
			PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isDirectory() || !attributes.owner().equals(me)
					|| !attributes.permissions().equals(OWNER_ONLY) || !ended(folder.resolve(OWNER))) {
				return;
			}
			List<Path> files = new ArrayList<>();
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
				for (Path entry : entries) {
					if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
						return;
					}
					files.add(entry);
				}
			}
			for (Path file : files) {
				Files.delete(file);
			}
			Files.delete(folder);
		}
		catch (IOException | RuntimeException ex) {
			// this one is left for the system's own clean-up
		}
	}

	/**
	 * Whether the file names a process that has ended: a small plain file, never a link.
	 */
	private static boolean ended(Path owner) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(owner, BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		if (!attributes.isRegularFile() || attributes.size() > 20) {
			return false;
		}
		try {
			long pid = Long.parseLong(Files.readString(owner).strip());
			return ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** The resource names of {@code vault-lib/index}: comma-separated, one line. */
	static List<String> names(String index) {
		List<String> names = new ArrayList<>();
		for (String name : index.strip().split(",")) {
			if (!name.isBlank()) {
				names.add(name.strip());
			}
		}
		return names;
	}

	private static URL copy(ClassLoader app, String resource, Path folder) throws IOException {
		Path jar = folder.resolve(resource.substring(resource.lastIndexOf('/') + 1));
		try (InputStream in = app.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException(INDEX + " names " + resource + ", which this build lacks");
			}
			Files.copy(in, jar);
		}
		jar.toFile().deleteOnExit();
		try {
			return jar.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parent first, as class loaders go, except for the isolated classes: those it
	 * defines itself, from the portal's own class files, so that what they name resolves
	 * here.
	 */
	static final class Isolating extends URLClassLoader {

		static {
			ClassLoader.registerAsParallelCapable();
		}

		private final ClassLoader app;

		Isolating(URL[] jars, ClassLoader app) {
			super("mfa-portal-vault", jars, app);
			this.app = app;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith(ISOLATED)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = defineIsolated(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

		private Class<?> defineIsolated(String name) throws ClassNotFoundException {
			try (InputStream in = this.app.getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (in == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = in.readAllBytes();
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}

	}

}
