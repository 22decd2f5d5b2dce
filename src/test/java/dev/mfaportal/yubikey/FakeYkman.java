package dev.mfaportal.yubikey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A stand-in for {@code ykman}: a shell script in a folder of its own that records its
 * arguments and answers as the test tells it, as the real one does (the code alone on
 * stdout, {@code Error: ...} on stderr and exit status 1). Each answer replaces the
 * script whole (written aside, then renamed), so a run never reads half of one.
 */
final class FakeYkman {

	final Path folder;

	final Path program;

	private FakeYkman(Path folder) {
		this.folder = folder;
		this.program = folder.resolve("ykman");
	}

	static FakeYkman create() {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the fake ykman is a /bin/sh script");
		try {
			FakeYkman fake = new FakeYkman(Files.createTempDirectory("fake-ykman"));
			fake.answers("", "Error: No YubiKey detected!", 1);
			return fake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Prints the code, as ykman does for an account that needs no touch. */
	void printsCode(String code) {
		answers(code + "\n", "", 0);
	}

	/** Prints {@code stdout} and {@code stderr} and exits with {@code status}. */
	void answers(String stdout, String stderr, int status) {
		script("printf '%s' '" + stdout + "'\nprintf '%s\\n' '" + stderr + "' >&2\nexit " + status + "\n");
	}

	/**
	 * Starts a child that outlives it unless killed, writes the child's pid to
	 * {@code child} and waits for it: the process tree a timeout must end.
	 */
	void hangsWithAChild() {
		script("sleep 60 &\necho $! > '" + this.folder.resolve("child") + "'\nwait\n");
	}

	/** Writes more than a pipe holds to stdout before it answers on stderr. */
	void floodsStdoutThenFails() {
		script("head -c 1000000 /dev/zero | tr '\\0' x\nprintf 'Error: No YubiKey detected!\\n' >&2\nexit 1\n");
	}

	/** The arguments of the latest run, one per element. */
	List<String> arguments() throws IOException {
		return Files.readAllLines(this.folder.resolve("args"), StandardCharsets.UTF_8);
	}

	long childPid() throws IOException {
		return Long.parseLong(Files.readString(this.folder.resolve("child")).strip());
	}

	private void script(String body) {
		try {
			Path next = this.folder.resolve("ykman.next");
			Files.writeString(next,
					"#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + this.folder.resolve("args") + "'\n" + body);
			Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwx------"));
			Files.move(next, this.program, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
